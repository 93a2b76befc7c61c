"""Reads of inspections: the inspection plans' tasks of a span of days grouped by area, with
their failed items and the work orders raised; the pass rate of each plan over recent days;
the office's daily inspection left undone."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db.models import Exists, OuterRef, Prefetch, Q

from ..maintenance.models import MaintenancePlan, MaintenanceTask, TaskAnswer, TaskStatus

INSPECTION = "inspection"
OFFICE_DAILY = "office_daily"
DONE, OPEN, OVERDUE, SKIPPED = "done", "open", "overdue", "skipped"


def inspection_tasks(community_id: int, first: date, last: date, today: date):
    """The inspection plans' tasks dated from `first` to `last` (and, when those days include
    today, the ones still open from before), with their equipment and their failed answers
    (each with the work order it raised)."""
    dated = Q(occurrence__gte=first, occurrence__lte=last)
    if first <= today <= last:
        dated |= Q(status=TaskStatus.OPEN, occurrence__lt=first)
    return (
        MaintenanceTask.objects.filter(dated, community_id=community_id, plan__purpose=INSPECTION)
        .select_related("plan__team", "completed_by")
        .prefetch_related(
            "plan__equipment",
            Prefetch(
                "answers",
                queryset=TaskAnswer.objects.filter(failed=True)
                .select_related("item", "work_order")
                .order_by("item__order", "pk"),
                to_attr="failures",
            ),
        )
        .order_by("occurrence", "plan__name", "pk")
    )


def state_of(task: MaintenanceTask, today: date) -> str:
    if task.status == TaskStatus.OPEN:
        return OVERDUE if task.due_on < today else OPEN
    return DONE if task.status == TaskStatus.DONE else SKIPPED


def area_of(plan: MaintenancePlan) -> str:
    """Where a plan is inspected: its place, else its first equipment item's place."""
    if plan.place:
        return plan.place
    for item in plan.equipment.all():
        parts = [str(item.building or ""), item.floor, item.place]
        return " ".join(p for p in parts if p)
    return ""


@dataclass
class Area:
    name: str
    tasks: list = field(default_factory=list)
    counts: dict = field(default_factory=lambda: {DONE: 0, OPEN: 0, OVERDUE: 0, SKIPPED: 0})


def by_area(tasks, today: date) -> list[Area]:
    """Tasks grouped by area (in the order of the area's name), each with its state."""
    areas: dict[str, Area] = {}
    for task in tasks:
        task.state = state_of(task, today)
        area = areas.setdefault(area_of(task.plan), Area(area_of(task.plan)))
        area.tasks.append(task)
        area.counts[task.state] += 1
    return sorted(areas.values(), key=lambda a: (a.name == "", a.name))


@dataclass
class PassRate:
    plan: MaintenancePlan
    due: int = 0  # tasks due in the window, done or left open past their date
    done: int = 0
    passed: int = 0  # done with every item within range

    @property
    def rate(self) -> float | None:
        return None if not self.due else round(100 * self.passed / self.due, 1)


def pass_rates(community_id: int, today: date, days: int) -> list[PassRate]:
    """Each active inspection plan's pass rate over the `days` days up to today: of the tasks
    dated in those days that are done or overdue (skipped ones left out), the share done
    with no failed item. Two queries, however many plans and tasks."""
    plans = MaintenancePlan.objects.filter(
        community_id=community_id, purpose=INSPECTION, active=True
    ).order_by("name", "pk")
    rates = {plan.pk: PassRate(plan) for plan in plans}
    failed = TaskAnswer.objects.filter(task=OuterRef("pk"), failed=True)
    rows = (
        MaintenanceTask.objects.filter(
            plan_id__in=list(rates),
            occurrence__gt=today - timedelta(days=days),
            occurrence__lte=today,
        )
        .exclude(status=TaskStatus.SKIPPED)
        .annotate(failed=Exists(failed))
        .values_list("plan_id", "status", "due_on", "failed")
    )
    for plan_id, status, due_on, has_failed in rows:
        if status == TaskStatus.OPEN and due_on >= today:
            continue  # still within its day
        rate = rates[plan_id]
        rate.due += 1
        if status == TaskStatus.DONE:
            rate.done += 1
            rate.passed += not has_failed
    return list(rates.values())


def office_inspection_undone(community_id: int, today: date):
    """The office's daily inspections still open on or after their due date."""
    return (
        MaintenanceTask.objects.filter(
            community_id=community_id,
            plan__origin__template=OFFICE_DAILY,
            status=TaskStatus.OPEN,
            due_on__lte=today,
        )
        .select_related("plan__team")
        .order_by("due_on", "pk")
    )
