"""Reads of maintenance: the tasks a person may see (all of them to those who view
maintenance, else their teams'), the plans, the statutory tasks overdue, and the readings of
an equipment item."""

from __future__ import annotations

from datetime import date

from django.db.models import F, OuterRef, Prefetch, Subquery

from wuye.core import policy
from wuye.servicedesk.models import TeamMember

from ..equipment.models import Equipment
from .models import (
    ChecklistItem,
    CounterReading,
    MaintenancePlan,
    MaintenanceTask,
    TaskAnswer,
    TaskStatus,
)


def tasks_in(community_id: int):
    return MaintenanceTask.objects.filter(community_id=community_id).select_related(
        "plan__team", "completed_by", "skipped_by"
    )


def tasks_for(user, community_id: int):
    """The tasks `user` may see in the community: every one to those who view maintenance,
    their own teams' to a technician, none to anyone else."""
    rows = tasks_in(community_id)
    if policy.has_perm(user, "maintenance.view", community_id):
        return rows
    if not policy.has_perm(user, "maintenance.do", community_id):
        return rows.none()
    teams = TeamMember.objects.filter(
        user=user, active=True, team__community_id=community_id
    ).values("team_id")
    return rows.filter(plan__team_id__in=teams)


def open_first(rows):
    """Open tasks, the earliest due first."""
    return rows.filter(status=TaskStatus.OPEN).order_by("due_on", "pk")


def with_checklist(rows):
    return rows.prefetch_related(
        "plan__equipment",
        Prefetch("plan__items", queryset=ChecklistItem.objects.select_related("equipment")),
        Prefetch("answers", queryset=TaskAnswer.objects.select_related("item", "work_order")),
    )


def statutory_overdue(community_id: int, today: date):
    """Statutory tasks still open past their due date: compliance breaches."""
    return (
        tasks_in(community_id)
        .filter(status=TaskStatus.OPEN, plan__statutory=True, due_on__lt=today)
        .order_by("due_on", "pk")
    )


def plans_in(community_id: int):
    return (
        MaintenancePlan.objects.filter(community_id=community_id)
        .select_related("team")
        .prefetch_related(
            "equipment",
            Prefetch(
                "tasks",
                queryset=MaintenanceTask.objects.filter(status=TaskStatus.OPEN),
                to_attr="open_tasks",
            ),
        )
        .order_by("name", "pk")
    )


def readings_of(equipment: Equipment):
    """The numeric readings of an equipment item, oldest first."""
    return (
        TaskAnswer.objects.filter(equipment=equipment, number__isnull=False)
        .select_related("item", "task")
        .order_by("read_on", "pk")
    )


def counter_readings(equipment: Equipment):
    """An equipment item's counter readings, the latest first."""
    return (
        CounterReading.objects.filter(equipment=equipment)
        .select_related("recorded_by", "answer__task")
        .order_by("-read_at", "-pk")
    )


def counters_latest(equipment: Equipment):
    """The latest reading of each of the equipment item's counters, by counter."""
    latest = (
        CounterReading.objects.filter(equipment_id=equipment.pk, counter=OuterRef("counter"))
        .order_by("-read_at", "-pk")
        .values("pk")[:1]
    )
    return (
        CounterReading.objects.filter(equipment=equipment)
        .annotate(latest=Subquery(latest))
        .filter(pk=F("latest"))
        .order_by("counter")
    )
