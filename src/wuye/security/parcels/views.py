"""Staff pages of the parcel desk: the waiting shelf, receiving (the tracking number scanned
with the phone's camera where the browser can, else typed), handing over and returning, and
the community's parcel settings.

Every page asks the policy for the community in its URL (403 otherwise); a parcel of another
community is a 404.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from django.views.decorators.http import require_POST

from wuye.core import configure, policy
from wuye.core.forms import add_service_errors
from wuye.core.validators import as_id
from wuye.core.web import community_for, paginate, run_service
from wuye.estates.models import Building, Residency
from wuye.estates.queries import resident_q

from . import queries, services
from .forms import (
    SETTINGS_FIELDS,
    HandOverForm,
    ParcelSettingsForm,
    ReceiveForm,
    ReturnForm,
    homes_matching,
)
from .models import Carrier, ParcelSettings

LOOKUP_LIMIT = 8


@login_required
def parcel_list(request, community_id: int):
    """The shelf: waiting parcels oldest first, filtered by status, building and overdue; a
    pick-up code typed at the top opens its parcel."""
    community = community_for(request, community_id, "parcel.view")
    rows = queries.parcels_visible_to(request.user, community.pk)
    code = request.GET.get("code", "").strip()
    if code:
        found = queries.waiting_by_code(rows, code)
        if found is not None:
            url = reverse("security:parcel", args=[community.pk, found.pk])
            return redirect(f"{url}?code={found.pickup_code}")
        messages.error(request, _("No waiting parcel has this pick-up code."))
    settings = queries.settings_of(community.pk)
    status = request.GET.get("status", "waiting")
    status = status if status in queries.STATUS_FILTERS else "waiting"
    building_id = as_id(request.GET.get("building"))
    only_overdue = request.GET.get("overdue") == "1"
    text = request.GET.get("q", "").strip()[:60]
    listed = queries.parcel_list(
        rows,
        status=status,
        building_id=building_id,
        overdue_days=settings.reminder_days if only_overdue else None,
        text=text,
    )
    context = {
        "community": community,
        "page": paginate(request, listed),
        "counts": queries.waiting_counts(rows, settings.reminder_days),
        "settings": settings,
        "overdue_since": queries.overdue_since(settings.reminder_days),
        "return_since": queries.overdue_since(settings.return_days),
        "buildings": Building.objects.filter(community=community).order_by("number"),
        "filters": {
            "status": status,
            "building": building_id,
            "overdue": only_overdue,
            "q": text,
        },
        "statuses": [
            ("waiting", pgettext("parcels", "Waiting")),
            ("picked_up", _("Picked up")),
            ("returned", _("Returned")),
            ("all", _("All")),
        ],
        "can_receive": policy.has_perm(request.user, "parcel.receive", community.pk),
    }
    return render(request, "security/parcels/list.html", context)


def _lookup(community, text: str) -> list[dict]:
    """Homes whose room or current resident's name or mobile matches, with who lives there."""
    if not text:
        return []
    by_room = list(homes_matching(community.pk, text)[:LOOKUP_LIMIT])
    residencies = (
        Residency.objects.current()
        .filter(
            unit__community=community,
            resident__in=community.residents.filter(resident_q(text)),
        )
        .select_related("unit__building", "resident")
        .order_by("unit__building__number", "unit__number")[:LOOKUP_LIMIT]
    )
    found: dict[int, dict] = {u.pk: {"label": u.label, "names": []} for u in by_room}
    for residency in residencies:
        home = found.setdefault(residency.unit_id, {"label": residency.unit.label, "names": []})
        home["names"].append(residency.resident.name)
    return list(found.values())[:LOOKUP_LIMIT]


@login_required
def parcel_receive(request, community_id: int):
    """Receive parcels one after another: the carrier stays chosen for the next one."""
    community = community_for(request, community_id, "parcel.receive")
    carrier = request.GET.get("carrier", "")
    initial = {
        "carrier": carrier if carrier in Carrier.values else Carrier.SF,
        "home": request.GET.get("home", "")[:40],
        "shelf": request.GET.get("shelf", "")[:20],
    }
    form = ReceiveForm(request.POST or None, initial=initial, community=community)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            parcel = services.parcel_receive(
                actor=request.user,
                community=community,
                unit=data["unit"],
                carrier=data["carrier"],
                tracking_number=data["tracking_number"],
                shelf=data["shelf"],
                addressee=data["addressee"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                (
                    _("Received for %(home)s, shelf %(shelf)s; the home has been notified.")
                    if parcel.notified_at
                    else _("Received for %(home)s, shelf %(shelf)s; nobody there has a login.")
                )
                % {"home": parcel.unit.label, "shelf": parcel.shelf or "—"},
            )
            url = reverse("security:parcel_receive", args=[community.pk])
            return redirect(f"{url}?carrier={parcel.carrier}&shelf={parcel.shelf}")
    find = request.GET.get("find", "").strip()[:40]
    context = {
        "community": community,
        "form": form,
        "find": find,
        "homes": _lookup(community, find),
        "carrier": initial["carrier"],
        "shelf": initial["shelf"],
    }
    return render(
        request,
        "security/parcels/receive.html",
        context,
        status=400 if form.is_bound else 200,
    )


def _parcel(request, community, pk: int):
    return get_object_or_404(
        queries.for_list(queries.parcels_visible_to(request.user, community.pk)), pk=pk
    )


@login_required
def parcel_detail(request, community_id: int, pk: int):
    """One parcel: what the label says, where it is, and its hand-over or return."""
    community = community_for(request, community_id, "parcel.view")
    parcel = _parcel(request, community, pk)
    settings = queries.settings_of(community.pk)
    may_hand_over = parcel.waiting and policy.can(request.user, "hand_over", parcel)
    context = {
        "community": community,
        "parcel": parcel,
        "settings": settings,
        "overdue": parcel.waiting
        and parcel.received_at <= queries.overdue_since(settings.reminder_days),
        "to_return": parcel.waiting
        and parcel.received_at <= queries.overdue_since(settings.return_days),
        "hand_over_form": HandOverForm(initial={"code": request.GET.get("code", "")[:12]})
        if may_hand_over
        else None,
        "return_form": ReturnForm() if may_hand_over else None,
    }
    return render(request, "security/parcels/parcel.html", context)


@login_required
@require_POST
def parcel_pick_up(request, community_id: int, pk: int):
    community = community_for(request, community_id, "parcel.hand_over")
    parcel = _parcel(request, community, pk)
    form = HandOverForm(request.POST)
    back = redirect("security:parcel", community.pk, parcel.pk)
    if not form.is_valid():
        return back
    return run_service(
        request,
        lambda: services.parcel_pick_up(
            actor=request.user,
            parcel=parcel,
            code=form.cleaned_data["code"],
            collected_by=form.cleaned_data["collected_by"],
        ),
        success=_("The parcel has been handed over."),
        then=back,
    )


@login_required
@require_POST
def parcel_return(request, community_id: int, pk: int):
    community = community_for(request, community_id, "parcel.hand_over")
    parcel = _parcel(request, community, pk)
    form = ReturnForm(request.POST)
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    return run_service(
        request,
        lambda: services.parcel_return(actor=request.user, parcel=parcel, reason=reason),
        success=_("The parcel is marked as returned to the carrier."),
        then=redirect("security:parcel", community.pk, parcel.pk),
    )


# ---- settings (设置) --------------------------------------------------------------------


@login_required
def parcel_settings(request, community_id: int):
    """How long a parcel waits before its home is reminded, and before it goes back."""
    community = community_for(request, community_id, "parcel.configure")
    row = queries.settings_of(community.pk)
    form = ParcelSettingsForm(request.POST or None, instance=queries.settings_of(community.pk))
    if request.method == "POST" and configure.save_form(
        request,
        form,
        perm="parcel.configure",
        community_id=community.pk,
        obj=row,
        names=SETTINGS_FIELDS,
        action="parcel.settings_change",
        saved=_("The parcel settings have been saved."),
    ):
        return redirect("security:parcel_settings", community.pk)
    context = {
        "community": community,
        "form": form,
        "title": _("Parcel settings"),
        "back_url": reverse("security:parcels", args=[community.pk]),
        "intro": _("Reminders go out each morning to homes whose parcel is still waiting."),
        "history_url": reverse("security:parcel_settings_history", args=[community.pk]),
    }
    return render(request, "core/settings_form.html", context, status=400 if form.is_bound else 200)


@login_required
def parcel_settings_history(request, community_id: int):
    community = community_for(request, community_id, "parcel.configure")
    return configure.history(
        request,
        community,
        models_=[ParcelSettings],
        title=_("Parcel settings: history"),
        back_url=reverse("security:parcel_settings", args=[community.pk]),
    )
