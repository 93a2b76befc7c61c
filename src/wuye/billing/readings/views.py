"""Meter reading (抄表): the reader's phone page — a building's meters, the reading before, a
box for this month's, the warning when the usage jumps — and the upload of a month's workbook."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from wuye.core.forms import add_service_errors
from wuye.core.spreadsheets import ImportRefused
from wuye.core.web import community_for

from .. import calc
from ..models import Meter
from ..services import meters
from . import queries
from .excel import readings_import_workbook
from .forms import ReadingForm, ReadingsFileForm

PERM = "billing.read_meters"


def _period(value: str | None) -> str:
    """The period asked for, or this month."""
    try:
        return f"{calc.parse_period(value or ''):%Y-%m}"
    except ValueError:
        return f"{timezone.localdate():%Y-%m}"


@login_required
def index(request, community_id: int):
    """The buildings to walk, with how many of their meters are read this month."""
    community = community_for(request, community_id, PERM)
    period = _period(request.GET.get("period"))
    context = {
        "community": community,
        "period": period,
        "buildings": queries.reading_buildings(community.pk, period),
        "common": queries.common_meter_counts(community.pk, period),
    }
    return render(request, "billing/readings/index.html", context)


def _meters_page(request, community, period, building_id, form=None, meter_id=None, status=200):
    building, rows = queries.meters_to_read(community.pk, period, building_id)
    context = {
        "community": community,
        "period": period,
        "building": building,
        "meters": rows,
        "failed_form": form,
        "failed_meter": meter_id,
    }
    return render(request, "billing/readings/meters.html", context, status=status)


@login_required
def building(request, community_id: int, building_id: int):
    community = community_for(request, community_id, PERM)
    return _meters_page(request, community, _period(request.GET.get("period")), building_id)


@login_required
def common(request, community_id: int):
    community = community_for(request, community_id, PERM)
    return _meters_page(request, community, _period(request.GET.get("period")), None)


@login_required
@require_POST
def record(request, community_id: int, meter_id: int):
    """Record one meter's reading; back to the list at that meter, or the list with the error."""
    community = community_for(request, community_id, PERM)
    meter = get_object_or_404(
        Meter.objects.select_related("unit"), pk=meter_id, community_id=community.pk
    )
    form = ReadingForm(request.POST)
    period = _period(request.POST.get("period"))
    building_id = meter.unit.building_id if meter.unit_id else None
    if form.is_valid():
        try:
            row = meters.reading_record(
                meter=meter,
                period=form.cleaned_data["period"],
                reading=form.cleaned_data["reading"],
                replaced=form.cleaned_data["replaced"],
                actor=request.user,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            if row.flagged:
                messages.warning(
                    request,
                    _(
                        "%(meter)s: %(usage)s used, far more than usual. The reading is "
                        "recorded and marked for a second look; check the meter for a leak."
                    )
                    % {"meter": meter.number, "usage": row.usage},
                )
            else:
                messages.success(
                    request,
                    _("%(meter)s: %(usage)s used.") % {"meter": meter.number, "usage": row.usage},
                )
            if building_id is None:
                url = reverse("billing_readings:common", args=[community.pk])
            else:
                url = reverse("billing_readings:building", args=[community.pk, building_id])
            return redirect(f"{url}?period={period}#meter-{meter.pk}")
    return _meters_page(request, community, period, building_id, form, meter.pk, status=400)


@login_required
def import_file(request, community_id: int):
    """Upload a month's readings as a workbook: all recorded, or none and every bad row named."""
    community = community_for(request, community_id, PERM)
    form = ReadingsFileForm()
    problems: list[tuple[int, list[str]]] = []
    if request.method == "POST":
        form = ReadingsFileForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                recorded = readings_import_workbook(
                    community=community, upload=form.cleaned_data["file"], actor=request.user
                )
            except ImportRefused as refused:
                for message in refused.messages:
                    form.add_error("file", message)
            except ValidationError as error:
                # the import names each bad row "row <n>", counting the header as row 1
                problems = sorted(
                    (int(key.split()[-1]), texts) for key, texts in error.message_dict.items()
                )
            else:
                flagged = sum(1 for row in recorded if row.flagged)
                messages.success(
                    request,
                    _("%(count)d readings recorded, %(flagged)d of them marked as unusual jumps.")
                    % {"count": len(recorded), "flagged": flagged},
                )
                return redirect("billing_readings:index", community_id=community.pk)
    status = 400 if form.errors or problems else 200
    context = {"community": community, "form": form, "problems": problems}
    return render(request, "billing/readings/import.html", context, status=status)
