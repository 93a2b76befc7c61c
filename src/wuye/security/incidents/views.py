"""Staff pages of the incident log: the list with the incident rate at the top, the report
(phone-friendly), and an incident's page with its follow-up, close and work orders.

Every page asks the policy for the community in its URL (403 otherwise); an incident of
another community is a 404.
"""

from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from wuye.core import policy
from wuye.core.forms import add_service_errors
from wuye.core.web import community_for, paginate, run_service

from . import queries, services
from .forms import CloseForm, FollowUpForm, ReportForm, WorkOrderForm
from .models import IncidentKind, IncidentPhoto, IncidentStatus


def _month(text: str) -> date | None:
    try:
        year, month = (int(part) for part in text.split("-"))
        return date(year, month, 1) if 2001 <= year <= 2099 and 1 <= month <= 12 else None
    except ValueError:
        return None


@login_required
def incident_list(request, community_id: int):
    community = community_for(request, community_id, "incident.view")
    kind = request.GET.get("kind", "")
    kind = kind if kind in IncidentKind.values else ""
    status = request.GET.get("status", "all")
    status = status if status in queries.STATUS_FILTERS else "all"
    month_text = request.GET.get("month", "")[:7]
    month = _month(month_text)
    rows = queries.incident_list(
        queries.incidents_visible_to(request.user, community.pk),
        kind=kind,
        status=status,
        month=month,
    )
    start, end = queries.last_twelve_months(timezone.localdate())
    context = {
        "community": community,
        "page": paginate(request, rows),
        "rate": queries.incident_rate(community.pk, start, end),
        "filters": {"kind": kind, "status": status, "month": month_text if month else ""},
        "kinds": IncidentKind.choices,
        "statuses": [
            ("all", _("All")),
            ("active", _("Not closed")),
            *IncidentStatus.choices,
        ],
        "can_report": policy.has_perm(request.user, "incident.report", community.pk),
    }
    return render(request, "security/incidents/list.html", context)


@login_required
def incident_report(request, community_id: int):
    community = community_for(request, community_id, "incident.report")
    initial = {"occurred_at": timezone.localtime().replace(second=0, microsecond=0)}
    form = ReportForm(
        request.POST or None, request.FILES or None, initial=initial, community=community
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            incident = services.incident_report(
                actor=request.user,
                community=community,
                kind=data["kind"],
                severity=data["severity"],
                occurred_at=data["occurred_at"],
                place=data["place"],
                building=data["building"],
                description=data["description"],
                people_involved=data["people_involved"],
                police_report_number=data["police_report_number"],
                photos=[upload.read() for upload in data["photos"]],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The incident is logged."))
            return redirect("security:incident", community.pk, incident.pk)
    context = {"community": community, "form": form}
    return render(request, "security/incidents/report.html", context)


def _incident(request, community, pk: int):
    rows = queries.incidents_visible_to(request.user, community.pk).select_related(
        "building", "reported_by", "closed_by"
    )
    return get_object_or_404(rows, pk=pk)


@login_required
def incident_detail(request, community_id: int, pk: int):
    community = community_for(request, community_id, "incident.view")
    incident = _incident(request, community, pk)
    open_ = incident.status != IncidentStatus.CLOSED
    can_report = open_ and policy.has_perm(request.user, "incident.report", community.pk)
    can_close = open_ and policy.has_perm(request.user, "incident.close", community.pk)
    context = {
        "community": community,
        "incident": incident,
        "photos": list(incident.photos.all()),
        "work_orders": list(incident.work_orders.order_by("pk")),
        "follow_up_form": FollowUpForm(
            initial={"police_report_number": incident.police_report_number}
        )
        if can_report
        else None,
        "work_order_form": WorkOrderForm() if can_report else None,
        "close_form": CloseForm() if can_close else None,
    }
    return render(request, "security/incidents/incident.html", context)


def _back(community, incident):
    return redirect("security:incident", community.pk, incident.pk)


@login_required
@require_POST
def incident_follow_up(request, community_id: int, pk: int):
    community = community_for(request, community_id, "incident.report")
    incident = _incident(request, community, pk)
    form = FollowUpForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Write the follow-up note."))
        return _back(community, incident)
    return run_service(
        request,
        lambda: services.incident_update(
            actor=request.user,
            incident=incident,
            note=form.cleaned_data["note"],
            police_report_number=form.cleaned_data["police_report_number"],
        ),
        success=_("The follow-up is noted."),
        then=_back(community, incident),
    )


@login_required
@require_POST
def incident_close(request, community_id: int, pk: int):
    community = community_for(request, community_id, "incident.close")
    incident = _incident(request, community, pk)
    form = CloseForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give the outcome."))
        return _back(community, incident)
    return run_service(
        request,
        lambda: services.incident_close(
            actor=request.user, incident=incident, outcome=form.cleaned_data["outcome"]
        ),
        success=_("The incident is closed."),
        then=_back(community, incident),
    )


@login_required
@require_POST
def incident_work_order(request, community_id: int, pk: int):
    community = community_for(request, community_id, "incident.report")
    incident = _incident(request, community, pk)
    form = WorkOrderForm(request.POST)
    description = form.cleaned_data["description"] if form.is_valid() else ""
    return run_service(
        request,
        lambda: services.incident_raise_work_order(
            actor=request.user, incident=incident, description=description
        ),
        success=lambda order: _("Work order %(number)s raised.") % {"number": order},
        then=_back(community, incident),
    )


@login_required
def incident_photo(request, community_id: int, pk: int, photo_id: int):
    community = community_for(request, community_id, "incident.view")
    incident = _incident(request, community, pk)
    photo = get_object_or_404(IncidentPhoto.objects.filter(incident=incident), pk=photo_id)
    content_type = f"image/{photo.image_format.lower()}"
    return FileResponse(photo.file.open("rb"), content_type=content_type)
