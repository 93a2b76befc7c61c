"""Reads of patrols: a day's tasks as a guard or a supervisor sees them."""

from __future__ import annotations

from datetime import date

from django.db.models import Count, Prefetch, Q

from wuye.core import policy
from wuye.staff.rosters.queries import on_duty

from .models import PatrolTask, PointStatus, TaskPoint


def tasks_of_day(community_id: int, day: date):
    """The day's tasks, with their route, post and counts of points by outcome."""
    return (
        PatrolTask.objects.filter(community_id=community_id, date=day)
        .select_related("plan__route", "post")
        .annotate(
            point_count=Count("points"),
            missed_count=Count("points", filter=Q(points__status=PointStatus.MISSED)),
            done_count=Count(
                "points",
                filter=Q(
                    points__status__in=[PointStatus.ON_TIME, PointStatus.EARLY, PointStatus.LATE]
                ),
            ),
        )
        .order_by("starts_at", "pk")
    )


def tasks_for(user, community_id: int, day: date):
    """The day's tasks `user` may see: all of them to those who view patrols, else those of
    the posts the published roster puts them on when each task starts."""
    rows = tasks_of_day(community_id, day)
    if policy.has_perm(user, "patrol.view", community_id):
        return rows
    if not policy.has_perm(user, "patrol.walk", community_id):
        return rows.none()
    mine = [
        task.pk
        for task in PatrolTask.objects.filter(community_id=community_id, date=day)
        if any(d.user.pk == user.pk for d in on_duty(community_id, task.starts_at, task.post_id))
    ]
    return rows.filter(pk__in=mine)


def points_of(task: PatrolTask):
    return task.points.select_related("route_point__checkpoint", "scanned_by").order_by(
        "window_opens_at", "route_point__order", "pk"
    )


def with_points(rows):
    return rows.prefetch_related(
        Prefetch("points", queryset=TaskPoint.objects.select_related("route_point__checkpoint"))
    )
