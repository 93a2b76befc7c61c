"""The SLA sweep: warn of deadlines near, escalate breaches, once each."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.db import transaction
from django.db.models import F

from .. import notifications as notify
from ..models import (
    OPEN_STATES,
    DeskSettings,
    Status,
    WorkOrder,
)
from . import steps
from .common import (
    after_commit,
    insert,
    moment,
)

# The states whose clocks run: the sweep watches their deadlines.
RUNNING = frozenset(OPEN_STATES - {Status.ON_HOLD})


def escalation_due(due: datetime, level: int, settings: DeskSettings) -> datetime:
    """When an order whose earliest unmet deadline is `due`, escalated to `level` so far,
    goes up a level: to the supervisor as the deadline passes, to the manager when it stays
    passed for the community's further minutes."""
    if level == 0:
        return due
    return due + timedelta(minutes=settings.manager_escalation_minutes)


def sla_sweep(*, now: datetime | None = None) -> dict[str, int]:
    """Warn assignees of deadlines near (at the community's share of the time) and escalate
    breaches: to the supervisor when a deadline passes, to the manager when it stays passed
    for the community's further minutes. Each warning and each level happens once, however
    many workers sweep at the same time: a row changes only through an UPDATE conditional on
    the value the sweep read, and only the worker whose UPDATE changed it writes the event."""
    now = moment(now)
    counts = {"warned": 0, "escalated": 0}
    running = sorted(RUNNING)
    near = (
        WorkOrder.objects.filter(status__in=running, warn_at__lte=now, next_due_at__gt=now)
        .exclude(warned_due_at=F("next_due_at"))
        .values_list("pk", "next_due_at")
    )
    for pk, due in near:
        with transaction.atomic():
            changed = (
                WorkOrder.objects.filter(pk=pk, status__in=running, next_due_at=due)
                .exclude(warned_due_at=due)
                .update(warned_due_at=due)
            )
            if changed:
                insert(steps.warning(WorkOrder.objects.get(pk=pk), due=due, at=now))
                after_commit(notify.warned, pk)
                counts["warned"] += 1
    breached = WorkOrder.objects.filter(
        status__in=running, next_due_at__lte=now, escalation_level__lt=2
    ).values_list("pk", "community_id", "next_due_at", "escalation_level")
    rows = list(breached)
    settings_by_community = {
        cid: DeskSettings.for_community(cid) for cid in {row[1] for row in rows}
    }
    for pk, community_id, due, level in rows:
        if now < escalation_due(due, level, settings_by_community[community_id]):
            continue
        with transaction.atomic():
            changed = WorkOrder.objects.filter(
                pk=pk, status__in=running, escalation_level=level
            ).update(escalation_level=level + 1)
            if changed:
                order = WorkOrder.objects.get(pk=pk)
                insert(steps.escalation(order, level=level + 1, due=due, at=now))
                after_commit(notify.escalated, pk, level + 1)
                counts["escalated"] += 1
    return counts
