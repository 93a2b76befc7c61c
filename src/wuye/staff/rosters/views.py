"""Staff pages of the rosters: the posts and their weeks, a post's week editor (days ×
shifts, with the warnings above the grid and beside the cells), publishing with a
confirmation when there are warnings, changes to a published week, who is on duty at a
moment, each person's next two weeks, and the manager's shift settings.

Every page asks the policy for the community in its URL (403 otherwise); a post, shift or
entry of another community is a 404.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from wuye.core import params, policy
from wuye.core.calendar import calendar_days
from wuye.core.forms import add_service_errors
from wuye.core.models import CalendarDay
from wuye.core.validators import as_id
from wuye.core.web import community_for, error_message

from ..organisation.models import Assignment, Post
from . import checks, queries, services
from .forms import ChangeForm, ShiftForm, WorkRulesForm, parse_week, week_label
from .models import Roster, RosterEntry, RosterStatus, ShiftTemplate, WorkRules, week_of

MY_DAYS = 14


def _week(request, source=None) -> date:
    text = (source or request.GET).get("week")
    if not text:
        return week_of(timezone.localdate())
    try:
        return parse_week(text)
    except ValidationError as error:
        error_message(request, error)
        return week_of(timezone.localdate())


def _editor_url(community_id: int, post_id: int, week) -> str:
    url = reverse("staff:roster", args=[community_id, post_id])
    return f"{url}?week={week_label(week)}"


@login_required
def roster_list(request, community_id: int):
    """The posts of the community by department, with the status of their roster this week."""
    community = community_for(request, community_id, "roster.view")
    week = _week(request)
    posts = Post.objects.filter(community=community, active=True).select_related("department")
    rosters = {
        r.post_id: r
        for r in Roster.objects.filter(community=community, week=week).only(
            "post_id", "status", "week"
        )
    }
    counts = dict(
        RosterEntry.objects.filter(roster__in=list(rosters.values()))
        .values_list("roster__post_id")
        .annotate(n=Count("pk"))
    )
    groups: dict = {}
    for post in posts:
        groups.setdefault(post.department, []).append(
            {"post": post, "roster": rosters.get(post.pk), "entries": counts.get(post.pk, 0)}
        )
    context = {
        "community": community,
        "week": week,
        "week_label": week_label(week),
        "previous": week_label(week - timedelta(days=7)),
        "next": week_label(week + timedelta(days=7)),
        "groups": groups,
    }
    return render(request, "staff/rosters/list.html", context)


def _people(community_id: int, post: Post, day):
    """The staff to choose from: the holders of this post first, then everyone else."""
    holders = set(
        Assignment.objects.filter(post=post, started_on__lte=day)
        .exclude(ended_on__lt=day)
        .values_list("user_id", flat=True)
    )
    staff = list(queries.staff_of(community_id).order_by("first_name", "username"))
    return (
        [u for u in staff if u.pk in holders],
        [u for u in staff if u.pk not in holders],
    )


def _holidays(community, days, special: dict) -> dict:
    """{date: (a working day, the name of its holiday or swapped working day)} of the week's
    special days, the community's own name over its company's."""
    marked = [d for d in days if d in special]
    if not marked:
        return {}
    names: dict = {}
    rows = CalendarDay.objects.filter(
        Q(community=community) | Q(company_id=community.company_id), date__in=marked
    ).values_list("date", "name", "community_id")
    for day, name, _own in sorted(rows, key=lambda row: row[2] is not None):
        names[day] = name
    return {d: (special[d], names.get(d, "")) for d in marked}


@login_required
def roster_week(request, community_id: int, post_id: int):
    """A post's week: days × shifts with the people in each cell; a draft is edited here."""
    community = community_for(request, community_id, "roster.view")
    post = get_object_or_404(
        Post.objects.select_related("department"), pk=post_id, community=community
    )
    week = _week(request)
    roster = Roster.objects.filter(post=post, week=week).first() or Roster(
        community=community, post=post, week=week
    )
    can_plan = policy.has_perm(request.user, "roster.plan", community.pk)
    can_publish = policy.has_perm(request.user, "roster.publish", community.pk)
    draft = roster.status == RosterStatus.DRAFT
    entries = (
        list(
            roster.entries.select_related("user", "shift", "change__covered_by").order_by(
                "date", "shift__order", "user__first_name", "pk"
            )
        )
        if roster.pk
        else []
    )
    shifts = queries.grid_shifts(roster)
    days = roster.days
    calendar = calendar_days(community, days[0].year, days[-1].year)
    special = _holidays(community, days, calendar)
    warnings = (
        queries.roster_warnings(roster, shifts=shifts, special=calendar)
        if roster.pk and entries
        else []
    )
    by_cell: dict = defaultdict(list)
    for entry in entries:
        by_cell[(entry.date, entry.shift_id)].append(entry)
    cell_warnings: dict = defaultdict(list)
    day_warnings: dict = defaultdict(list)
    for warning in warnings:
        if warning.day and warning.shift_id:
            cell_warnings[(warning.day, warning.shift_id)].append(warning.short or warning.message)
        elif warning.day:
            day_warnings[warning.day].append(warning.message)
    grid = []
    for day in days:
        working, name = special.get(day, (day.weekday() < 5, ""))
        grid.append(
            {
                "date": day,
                "rest": not working,
                "special": name if day in special else "",
                "holiday": day in special and not working,
                "today": day == timezone.localdate(),
                "warnings": day_warnings[day],
                "cells": [
                    {
                        "shift": shift,
                        "entries": by_cell[(day, shift.pk)],
                        "warnings": cell_warnings[(day, shift.pk)],
                    }
                    for shift in shifts
                ],
            }
        )
    holders, others = _people(community.pk, post, week) if can_plan and draft else ([], [])
    context = {
        "community": community,
        "post": post,
        "roster": roster,
        "week": week,
        "week_label": week_label(week),
        "week_end": days[-1],
        "previous": week_label(week - timedelta(days=7)),
        "next": week_label(week + timedelta(days=7)),
        "grid": grid,
        "shifts": shifts,
        "warnings": warnings,
        "listed": checks.summary(warnings),
        "editable": can_plan and draft,
        "can_change": can_plan and not draft,
        "can_publish": can_publish and draft and bool(entries),
        "holders": holders,
        "others": others,
        "entry_count": len(entries),
    }
    return render(request, "staff/rosters/week.html", context)


def _post_of(community, post_id: int) -> Post:
    return get_object_or_404(Post, pk=post_id, community=community)


@require_POST
@login_required
def roster_add(request, community_id: int, post_id: int):
    community = community_for(request, community_id, "roster.plan")
    post = _post_of(community, post_id)
    week = _week(request, request.POST)
    back = redirect(_editor_url(community.pk, post.pk, week))
    shift = get_object_or_404(
        ShiftTemplate, pk=as_id(request.POST.get("shift")), community=community
    )
    person = queries.staff_of(community.pk).filter(pk=as_id(request.POST.get("user"))).first()
    try:
        day = params.parse_day(request.POST.get("day"))
    except ValidationError:
        day = None
    if person is None or day is None:
        messages.error(request, _("Choose a person and a day."))
        return back
    try:
        roster = services.roster_open(community, post, week)
        services.roster_set(actor=request.user, roster=roster, user=person, day=day, shift=shift)
    except ValidationError as error:
        error_message(request, error)
    return back


@require_POST
@login_required
def roster_remove(request, community_id: int, pk: int):
    community = community_for(request, community_id, "roster.plan")
    entry = get_object_or_404(
        RosterEntry.objects.select_related("roster"), pk=pk, community=community
    )
    try:
        services.roster_clear(actor=request.user, entry=entry)
    except ValidationError as error:
        error_message(request, error)
    return redirect(_editor_url(community.pk, entry.roster.post_id, entry.roster.week))


@require_POST
@login_required
def roster_copy(request, community_id: int, post_id: int):
    community = community_for(request, community_id, "roster.plan")
    post = _post_of(community, post_id)
    week = _week(request, request.POST)
    try:
        roster = services.roster_open(community, post, week)
        added = services.roster_copy_previous_week(actor=request.user, roster=roster)
    except ValidationError as error:
        error_message(request, error)
    else:
        messages.success(
            request,
            ngettext(
                "%(count)d shift copied from the previous week.",
                "%(count)d shifts copied from the previous week.",
                added,
            )
            % {"count": added},
        )
    return redirect(_editor_url(community.pk, post.pk, week))


@login_required
def roster_publish(request, community_id: int, post_id: int):
    """Publish a draft; with warnings, first list them and ask to confirm."""
    community = community_for(request, community_id, "roster.publish")
    post = _post_of(community, post_id)
    week = _week(request, request.POST if request.method == "POST" else None)
    roster = get_object_or_404(Roster, post=post, week=week)
    back = _editor_url(community.pk, post.pk, week)
    if request.method == "POST" and (
        request.POST.get("confirm") == "1" or not queries.roster_warnings(roster)
    ):
        try:
            _roster, warnings = services.roster_publish(actor=request.user, roster=roster)
        except ValidationError as error:
            error_message(request, error)
        else:
            text = _("The roster of %(post)s for %(week)s is published.") % {
                "post": post.title,
                "week": week_label(week),
            }
            if warnings:
                text += " " + ngettext(
                    "It was published with %(count)d warning.",
                    "It was published with %(count)d warnings.",
                    len(warnings),
                ) % {"count": len(warnings)}
            messages.success(request, text)
        return redirect(back)
    if roster.status != RosterStatus.DRAFT:
        return redirect(back)
    warnings = queries.roster_warnings(roster)
    context = {
        "community": community,
        "post": post,
        "roster": roster,
        "week_label": week_label(week),
        "warnings": warnings,
        "listed": checks.summary(warnings),
        "back_url": back,
    }
    return render(request, "staff/rosters/publish.html", context)


@login_required
def roster_change(request, community_id: int, pk: int):
    """Record that the person of a published shift is on leave, sick, or swapped it."""
    community = community_for(request, community_id, "roster.plan")
    entry = get_object_or_404(
        RosterEntry.objects.select_related("roster__post", "user", "shift"),
        pk=pk,
        community=community,
    )
    back = _editor_url(community.pk, entry.roster.post_id, entry.roster.week)
    people = queries.staff_of(community.pk).exclude(pk=entry.user_id).order_by("first_name")
    form = ChangeForm(request.POST or None, people=people)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.roster_change(
                actor=request.user,
                entry=entry,
                kind=data["kind"],
                covered_by=data["covered_by"],
                note=data["note"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The change to the shift has been recorded."))
            return redirect(back)
    context = {
        "community": community,
        "entry": entry,
        "person": queries.person_name(entry.user),
        "form": form,
        "title": _("Record a change to a shift"),
        "back_url": back,
    }
    return render(
        request, "staff/rosters/change.html", context, status=400 if form.is_bound else 200
    )


def _moment(request):
    text = request.GET.get("at", "").strip()[:40]
    if not text:
        return timezone.now(), ""
    try:
        moment = parse_datetime(text)
    except ValueError:
        moment = None
    if moment is None or not 1900 <= moment.year <= 2199:
        messages.error(request, _("Give a moment as 2026-12-07T03:00."))
        return timezone.now(), ""
    if timezone.is_naive(moment):
        moment = timezone.make_aware(moment)
    return moment, text


@login_required
def on_duty(request, community_id: int):
    """Who is on duty now, or at the moment of `?at=`, by department and post."""
    community = community_for(request, community_id, "roster.view")
    moment, typed = _moment(request)
    groups: dict = {}
    for duty in queries.on_duty(community, moment):
        department = groups.setdefault(duty.post.department, {})
        department.setdefault(duty.post, []).append(duty)
    context = {
        "community": community,
        "moment": timezone.localtime(moment),
        "typed": typed,
        "at_value": timezone.localtime(moment).strftime("%Y-%m-%dT%H:%M"),
        "groups": groups,
    }
    return render(request, "staff/rosters/on_duty.html", context)


@login_required
def my_shifts(request, community_id: int):
    """The signed-in person's shifts of the next two weeks on the published rosters."""
    community = community_for(request, community_id, "roster.view")
    first = timezone.localdate()
    last = first + timedelta(days=MY_DAYS - 1)
    context = {
        "community": community,
        "rows": queries.shifts_of(request.user, community.pk, first, last),
        "first": first,
        "last": last,
        "days": MY_DAYS,
    }
    return render(request, "staff/rosters/my_shifts.html", context)


@login_required
def shift_settings(request, community_id: int):
    """The shifts and the working-time rules of the community."""
    community = community_for(request, community_id, "roster.configure")
    rules = WorkRules.for_community(community.pk)
    form = WorkRulesForm(request.POST or None, instance=rules)
    if request.method == "POST" and form.is_valid():
        try:
            services.work_rules_update(
                actor=request.user,
                community=community,
                **{name: form.cleaned_data[name] for name in services.RULE_FIELDS},
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The work rules have been saved."))
            return redirect("staff:shift_settings", community.pk)
    context = {
        "community": community,
        "shifts": ShiftTemplate.objects.filter(community=community),
        "form": form,
    }
    return render(
        request, "staff/rosters/settings.html", context, status=400 if form.is_bound else 200
    )


def _shift_form(request, community, template=None):
    form = ShiftForm(request.POST or None, instance=template, community=community)
    if request.method == "POST" and form.is_valid():
        data = {name: form.cleaned_data[name] for name in services.SHIFT_FIELDS}
        try:
            if template is None:
                services.shift_template_create(actor=request.user, community=community, **data)
            else:
                services.shift_template_update(actor=request.user, template=template, **data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The shift has been saved."))
            return redirect("staff:shift_settings", community.pk)
    context = {
        "community": community,
        "form": form,
        "title": _("New shift") if template is None else _("Edit shift"),
        "back_url": reverse("staff:shift_settings", args=[community.pk]),
    }
    return render(request, "core/form.html", context, status=400 if form.is_bound else 200)


@login_required
def shift_new(request, community_id: int):
    community = community_for(request, community_id, "roster.configure")
    return _shift_form(request, community)


@login_required
def shift_edit(request, community_id: int, pk: int):
    community = community_for(request, community_id, "roster.configure")
    template = get_object_or_404(ShiftTemplate, pk=pk, community=community)
    return _shift_form(request, community, template)
