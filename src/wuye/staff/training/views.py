"""Staff pages of training: the course catalogue, the sessions, recording a session with
its attendees and scores, a person's training record, and each department's hours per
quarter."""

from __future__ import annotations

import re
from collections import defaultdict
from pathlib import PurePosixPath

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from wuye.core import params, policy
from wuye.core.forms import add_service_errors
from wuye.core.people import display_name
from wuye.core.web import community_for, paginate, run_service

from ..organisation.models import Assignment
from . import charts, queries, services
from .forms import CourseForm, SessionFilterForm, SessionForm
from .models import Course, Topic, TrainingSession

YEAR = re.compile(r"[0-9]{4}")
DIGITS = re.compile(r"[0-9]{1,9}")


def _may_manage(request, community) -> bool:
    return policy.has_perm(request.user, "training.manage", community.pk)


# ---- courses ----------------------------------------------------------------------------


@login_required
def course_list(request, community_id: int):
    community = community_for(request, community_id, "training.view")
    context = {
        "community": community,
        "courses": queries.courses(community.pk),
        "can_manage": _may_manage(request, community),
    }
    return render(request, "staff/training/courses.html", context)


def _course_form(request, community, course: Course | None):
    initial = {name: getattr(course, name) for name in services.COURSE_FIELDS} if course else None
    form = CourseForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            if course is None:
                services.course_create(actor=request.user, community=community, **form.cleaned_data)
            else:
                services.course_update(actor=request.user, course=course, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The course has been saved."))
            return redirect("staff:training_courses", community.pk)
    context = {
        "community": community,
        "form": form,
        "title": _("Change the course") if course else _("New course"),
        "back_url": reverse("staff:training_courses", args=[community.pk]),
    }
    return render(request, "core/form.html", context, status=400 if form.is_bound else 200)


@login_required
def course_create(request, community_id: int):
    community = community_for(request, community_id, "training.manage")
    return _course_form(request, community, None)


@login_required
def course_edit(request, community_id: int, pk: int):
    community = community_for(request, community_id, "training.manage")
    course = get_object_or_404(Course, community=community, pk=pk)
    return _course_form(request, community, course)


# ---- sessions ---------------------------------------------------------------------------


@login_required
def session_list(request, community_id: int):
    community = community_for(request, community_id, "training.view")
    filters = SessionFilterForm(request.GET)
    data = filters.cleaned_data if filters.is_valid() else {}
    rows = queries.sessions(
        community.pk,
        course_id=data.get("course") or 0,
        topic=data.get("topic") or "",
        since=data.get("since"),
        until=data.get("until"),
    )
    context = {
        "community": community,
        "page": paginate(request, rows),
        "filters": data,
        "courses": Course.objects.filter(community=community),
        "topics": Topic.choices,
        "can_manage": _may_manage(request, community),
    }
    return render(request, "staff/training/sessions.html", context)


def _departments_of(community, people) -> list[tuple[str, list]]:
    """The people grouped by the department of the post they hold today."""
    today = timezone.localdate()
    held = dict(
        Assignment.objects.filter(community=community, started_on__lte=today)
        .exclude(ended_on__lt=today)
        .values_list("user_id", "post__department__name")
    )
    groups: dict[str, list] = defaultdict(list)
    order: dict[str, int] = {}
    departments = Assignment.objects.filter(community=community).values_list(
        "post__department__name", "post__department__order"
    )
    for name, number in departments:
        order[name] = number
    for person in people:
        groups[held.get(person.pk) or _("No department")].append(person)
    return sorted(groups.items(), key=lambda item: (order.get(item[0], 9999), item[0]))


@login_required
def session_record(request, community_id: int):
    community = community_for(request, community_id, "training.manage")
    people = services.attendee_choices(community)
    course_id = request.GET.get("course", "")
    initial = {"date": timezone.localdate()}
    if DIGITS.fullmatch(course_id):
        course = Course.objects.filter(community=community, pk=int(course_id)).first()
        if course:
            initial |= {"course": course, "hours": course.hours}
    form = SessionForm(
        request.POST or None,
        request.FILES or None,
        initial=initial,
        community=community,
        people=people,
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            session = services.session_record(
                actor=request.user,
                course=data["course"],
                date=data["date"],
                hours=data["hours"],
                trainer=data["trainer"],
                trainer_name=data["trainer_name"],
                place=data["place"],
                note=data["note"],
                attendees=list(data["attendees"]),
                scores=form.scores,
                attachment=data["attachment"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The session has been recorded."))
            return redirect("staff:training_session", community.pk, session.pk)
    chosen = {str(v) for v in (form["attendees"].value() or [])}
    groups = [
        (
            name,
            [
                {
                    "person": person,
                    "name": display_name(person),
                    "checked": str(person.pk) in chosen,
                    "score": (request.POST.get(f"score_{person.pk}") or "")[:3],
                    "invalid": person.pk in form.score_errors,
                }
                for person in members
            ],
        )
        for name, members in _departments_of(community, people)
    ]
    context = {"community": community, "form": form, "groups": groups}
    return render(
        request, "staff/training/record.html", context, status=400 if form.is_bound else 200
    )


def _session(community, pk: int) -> TrainingSession:
    return get_object_or_404(
        TrainingSession.objects.select_related("course", "trainer"), community=community, pk=pk
    )


@login_required
def session_detail(request, community_id: int, pk: int):
    community = community_for(request, community_id, "training.view")
    session = _session(community, pk)
    records = list(queries.session_records(session))
    scored = [r.score for r in records if r.score is not None]
    context = {
        "community": community,
        "session": session,
        "records": records,
        "average": round(sum(scored) / len(scored), 1) if scored else None,
        "can_manage": _may_manage(request, community),
        "attachment_name": PurePosixPath(session.attachment.name).suffix.lstrip(".").upper()
        if session.attachment
        else "",
    }
    return render(request, "staff/training/session.html", context)


@login_required
@require_POST
def session_scores(request, community_id: int, pk: int):
    community = community_for(request, community_id, "training.manage")
    session = _session(community, pk)
    scores = {}
    for record in session.records.all():
        raw = (request.POST.get(f"score_{record.user_id}") or "").strip()[:4]
        scores[record.user_id] = raw if DIGITS.fullmatch(raw) or not raw else "x"
    return run_service(
        request,
        lambda: services.session_update_scores(actor=request.user, session=session, scores=scores),
        success=_("The scores have been saved."),
        then=redirect("staff:training_session", community.pk, session.pk),
    )


@login_required
def session_attachment(request, community_id: int, pk: int):
    community = community_for(request, community_id, "training.view")
    session = _session(community, pk)
    if not session.attachment:
        raise Http404
    suffix = PurePosixPath(session.attachment.name).suffix
    return FileResponse(
        session.attachment.open("rb"),
        content_type=services.CONTENT_TYPES.get(suffix, "application/octet-stream"),
        filename=f"training-{session.pk}{suffix}",
        as_attachment=suffix == ".pdf",
    )


# ---- people and departments -------------------------------------------------------------


@login_required
def person_record(request, community_id: int, user_id: int):
    community = community_for(request, community_id, "training.view")
    person = get_object_or_404(get_user_model(), pk=user_id)
    today = timezone.localdate()
    record = queries.person_record(community.pk, person.pk, today)
    if not record.records and person.pk not in services.staff_ids(community.pk):
        raise Http404
    context = {
        "community": community,
        "person": person,
        "name": display_name(person),
        "record": record,
        "year": today.year,
    }
    return render(request, "staff/training/person.html", context)


@login_required
def department_hours(request, community_id: int):
    community = community_for(request, community_id, "training.view")
    this_year = timezone.localdate().year
    raw = request.GET.get("year", "")
    first, last = params.FIRST_DAY.year + 1, params.LAST_DAY.year - 1
    year = int(raw) if YEAR.fullmatch(raw) and first <= int(raw) <= last else this_year
    rows = queries.department_hours(community.pk, year)
    context = {
        "community": community,
        "year": year,
        "previous": year - 1 if year - 1 >= first else None,
        "next": year + 1 if year + 1 <= min(this_year, last) else None,
        "rows": rows,
        "totals": queries.year_totals(rows),
        "total": sum(queries.year_totals(rows)),
        "chart": charts.hours_by_quarter(rows, year),
        "quarters": queries.QUARTERS,
    }
    return render(request, "staff/training/hours.html", context)
