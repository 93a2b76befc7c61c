"""The manager's parking tariffs (设置): each tariff with its versions, a new tariff and a
new version of one, with what typical stays cost under the parameters typed."""

from __future__ import annotations

from datetime import datetime, time

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from wuye.core.forms import add_service_errors
from wuye.core.web import community_for
from wuye.estates.plates import PlateColour

from .. import queries, services
from ..forms import DEFAULTS, TariffForm
from ..models import ParkingTariff, VehicleType
from ..tariffs import SAMPLE_STAYS, Rule, describe, rule_errors, sample_costs

PERM = "parking.configure"


def _sample_entry() -> datetime:
    """Stays shown on the page enter at nine in the morning today (local time)."""
    return timezone.make_aware(datetime.combine(timezone.localdate(), time(9)))


def _stay_costs(rule: Rule) -> list[tuple[str, object]]:
    labels = dict(SAMPLE_STAYS)
    return [(labels[minutes], fee) for minutes, fee in sample_costs(rule, _sample_entry())]


@login_required
def tariffs(request, community_id: int):
    """Each tariff with its versions, newest first, and what stays cost under the newest."""
    community = community_for(request, community_id, PERM)
    rows = []
    for versions in queries.tariff_versions(community.pk):
        for version in versions:
            version.summary = describe(Rule.from_json(version.rule))
        rows.append(
            {
                "versions": versions,
                "current": versions[0],
                "costs": _stay_costs(Rule.from_json(versions[0].rule)),
            }
        )
    context = {
        "community": community,
        "tariffs": rows,
        "vehicle_types": VehicleType.choices,
        "plate_colours": PlateColour.choices,
    }
    return render(request, "security/parking/tariffs.html", context)


def _form_page(request, community, form, *, title: str, tariff: ParkingTariff | None = None):
    costs = None
    if form.is_bound and form.is_valid():
        if errors := rule_errors(form.rule()):
            add_service_errors(
                form,
                ValidationError({name: [message] for name, message in errors.items()}),
                TariffForm.BAND_FIELDS,
            )
        else:
            costs = _stay_costs(Rule.from_json(form.rule()))
    context = {
        "community": community,
        "form": form,
        "title": title,
        "tariff": tariff,
        "costs": costs,
        "back_url": reverse("security:parking_tariffs", args=[community.pk]),
    }
    saving = form.is_bound and "preview" not in request.POST
    return render(
        request, "security/parking/tariffs_form.html", context, status=400 if saving else 200
    )


def _saved(request, form, action, success: str) -> bool:
    """Run the service unless only a preview was asked for: True when it was done."""
    if "preview" in request.POST or not form.is_valid():
        return False
    try:
        action()
    except ValidationError as error:
        add_service_errors(form, error, TariffForm.BAND_FIELDS)
        return False
    messages.success(request, success)
    return True


@login_required
def tariff_new(request, community_id: int):
    community = community_for(request, community_id, PERM)
    form = TariffForm(
        request.POST or None, initial={**DEFAULTS, "effective_from": timezone.localtime()}
    )
    if request.method == "POST" and _saved(
        request,
        form,
        lambda: services.tariff_create(
            actor=request.user,
            community=community,
            name=form.cleaned_data["name"],
            rule=form.rule(),
            vehicle_types=form.cleaned_data["vehicle_types"],
            plate_colours=form.cleaned_data["plate_colours"],
            effective_from=form.cleaned_data["effective_from"],
        ),
        _("The tariff has been added."),
    ):
        return redirect("security:parking_tariffs", community.pk)
    return _form_page(request, community, form, title=_("New parking tariff"))


@login_required
def tariff_change(request, community_id: int, tariff_id: int):
    """A new version of a tariff from a chosen moment."""
    community = community_for(request, community_id, PERM)
    tariff = get_object_or_404(
        ParkingTariff, pk=tariff_id, community=community, effective_until__isnull=True
    )
    initial = TariffForm.initial_from(
        Rule.from_json(tariff.rule),
        name=tariff.name,
        vehicle_types=tariff.vehicle_types,
        plate_colours=tariff.plate_colours,
        effective_from=max(timezone.localtime(), timezone.localtime(tariff.effective_from)),
    )
    form = TariffForm(request.POST or None, initial=initial)
    if request.method == "POST" and _saved(
        request,
        form,
        lambda: services.tariff_change(
            actor=request.user,
            tariff=tariff,
            name=form.cleaned_data["name"],
            rule=form.rule(),
            vehicle_types=form.cleaned_data["vehicle_types"],
            plate_colours=form.cleaned_data["plate_colours"],
            effective_from=form.cleaned_data["effective_from"],
        ),
        _("The new version of the tariff has been set."),
    ):
        return redirect("security:parking_tariffs", community.pk)
    title = _("New version of %(tariff)s") % {"tariff": tariff.name}
    return _form_page(request, community, form, title=title, tariff=tariff)
