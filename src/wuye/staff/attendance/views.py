"""Staff pages of attendance: the phone page every member of staff clocks in and out on,
the monthly sheet of a department (and its Excel export), and one person's month."""

from datetime import date, timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from django.views.decorators.http import require_POST

from wuye.core import policy, spreadsheets
from wuye.core.forms import add_service_errors
from wuye.core.params import QueryParams
from wuye.core.web import community_for, error_message

from ..organisation.models import Department
from . import queries, services
from .forms import RecordForm
from .models import ClockEvent, ClockKind


@login_required
def clock_page(request, community_id: int):
    """Big buttons: clock in, clock out; the shift now or next and the last clock event."""
    community = community_for(request, community_id, "attendance.clock")
    now = timezone.now()
    current, upcoming = queries.my_shifts(community.pk, request.user, now)
    last = services.last_event(community.pk, request.user.pk)
    context = {
        "community": community,
        "current": current,
        "upcoming": upcoming,
        "last": last,
        "clocked_in": last is not None and last.kind == ClockKind.IN,
        "can_view": policy.has_perm(request.user, "attendance.view", community.pk),
    }
    return render(request, "staff/attendance/clock.html", context)


@login_required
@require_POST
def clock_post(request, community_id: int):
    community = community_for(request, community_id, "attendance.clock")
    kind = next((k for k in request.POST.getlist("kind") if k), "")
    try:
        event = services.clock(
            request.user,
            community,
            kind,
            latitude=request.POST.get("latitude") or None,
            longitude=request.POST.get("longitude") or None,
            accuracy=request.POST.get("accuracy") or None,
        )
    except ValidationError as error:
        error_message(request, error)
    else:
        at = timezone.localtime(event.at).strftime("%H:%M")
        messages.success(
            request,
            (
                _("Clocked in at %(time)s.")
                if event.kind == ClockKind.IN
                else _("Clocked out at %(time)s.")
            )
            % {"time": at},
        )
    return redirect("staff:clock", community.pk)


def _month(request) -> date:
    period = QueryParams(request).period("month")
    if period:
        year, month = period.split("-")
        return date(int(year), int(month), 1)
    return timezone.localdate().replace(day=1)


def _sheet_context(request, community):
    departments = {d.pk: d for d in Department.objects.filter(community=community, active=True)}
    department = QueryParams(request).one_of(
        "department", departments, _("Choose a department of this community.")
    )
    month = _month(request)
    days, rows = queries.sheet(
        community.pk, month, department_id=department.pk if department else None
    )
    return {
        "community": community,
        "departments": departments.values(),
        "department": department,
        "month": month,
        "previous": (month.replace(day=1) - timedelta(days=1)).strftime("%Y-%m"),
        "next": (queries.month_bounds(month)[1] + timedelta(days=1)).strftime("%Y-%m"),
        "days": days,
        "rows": rows,
    }


@login_required
def sheet_page(request, community_id: int):
    """The month's attendance of a department: a row per person, a mark per day, totals."""
    community = community_for(request, community_id, "attendance.view")
    context = _sheet_context(request, community)
    context["can_export"] = policy.has_perm(request.user, "attendance.export", community.pk)
    context["legend"] = [
        (queries.MARKS[s], queries.LABELS[s], queries.TONES[s])
        for s in (
            queries.ON_TIME,
            queries.LATE,
            queries.EARLY,
            queries.LATE_EARLY,
            queries.ABSENT,
            queries.LEAVE,
            queries.NO_OUT,
            queries.ON_SHIFT,
        )
    ]
    return render(request, "staff/attendance/sheet.html", context)


@login_required
def sheet_export(request, community_id: int):
    community = community_for(request, community_id, "attendance.export")
    context = _sheet_context(request, community)
    header = [
        _("Person"),
        *[str(day.day) for day in context["days"]],
        _("Shifts"),
        _("Hours worked"),
        pgettext("attendance", "Late"),
        _("Left early"),
        _("Absent"),
        _("On leave"),
    ]
    body = [
        [
            row.person.get_full_name() or row.person.username,
            *["".join(str(r.mark) for r in results) for _day, results in row.cells],
            row.shifts,
            float(row.hours),
            row.late,
            row.early,
            row.absent,
            row.leave,
        ]
        for row in context["rows"]
    ]
    title = _("Attendance")
    content = spreadsheets.workbook([(title, header, body)])
    name = pgettext("file name", "attendance-%(community)s-%(month)s.xlsx") % {
        "community": community.code,
        "month": f"{context['month']:%Y-%m}",
    }
    return spreadsheets.response(content, name)


@login_required
def person_month(request, community_id: int, user_id: int, record_form=None):
    """One person's shifts of a month, each with its clock-in, clock-out and result; the
    manager records a clock event their phone could not make below it."""
    community = community_for(request, community_id, "attendance.view")
    person = get_object_or_404(queries.staff_of(community.pk), pk=user_id)
    month = _month(request)
    results = queries.month_results(community.pk, month, person=person)
    first, last = queries.month_bounds(month)
    events = ClockEvent.objects.filter(
        community=community, user=person, at__date__gte=first, at__date__lte=last
    ).select_related("recorded_by")
    context = {
        "community": community,
        "person": person,
        "month": month,
        "results": results,
        "events": events,
        "back": reverse("staff:attendance", args=[community.pk]) + f"?month={month:%Y-%m}",
        "record_form": record_form
        or (
            RecordForm(initial={"at": timezone.localtime().replace(second=0, microsecond=0)})
            if policy.has_perm(request.user, "attendance.record", community.pk)
            else None
        ),
    }
    return render(
        request, "staff/attendance/person.html", context, status=400 if record_form else 200
    )


@login_required
@require_POST
def person_record(request, community_id: int, user_id: int):
    """The office records a clock-in or clock-out for a person, with the reason."""
    community = community_for(request, community_id, "attendance.record")
    person = get_object_or_404(queries.staff_of(community.pk), pk=user_id)
    form = RecordForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            event = services.record_for(
                actor=request.user,
                community=community,
                person=person,
                kind=data["kind"],
                at=data["at"],
                note=data["note"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                _("Recorded: %(kind)s at %(at)s.")
                % {
                    "kind": event.get_kind_display(),
                    "at": f"{timezone.localtime(event.at):%m-%d %H:%M}",
                },
            )
            url = reverse("staff:attendance_person", args=[community.pk, person.pk])
            return redirect(f"{url}?month={timezone.localtime(event.at):%Y-%m}")
    return person_month(request, community_id, user_id, record_form=form)
