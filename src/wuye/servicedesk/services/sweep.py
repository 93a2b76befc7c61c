"""The SLA sweep: warn of deadlines near, escalate breaches, once each."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from django.db import transaction
from django.db.models import F

from .. import notifications as notify
from ..models import (
    OPEN_STATES,
    DeskSettings,
    Status,
    WorkOrder,
)
from .common import (
    after_commit,
    moment,
    timeline,
)


def _sweep_event(order_id: int, action: str, now: datetime, **data: Any) -> None:
    order = WorkOrder.objects.get(pk=order_id)
    timeline(order, actor=None, action=action, from_status=order.status, at=now, **data)


def sla_sweep(*, now: datetime | None = None) -> dict[str, int]:
    """Warn assignees of deadlines near (at the community's share of the time) and escalate
    breaches: to the supervisor when a deadline passes, to the manager when it stays passed
    for the community's further minutes. Each warning and each level happens once, however
    many workers sweep at the same time: a row changes only through an UPDATE conditional on
    the value the sweep read, and only the worker whose UPDATE changed it writes the event."""
    now = moment(now)
    counts = {"warned": 0, "escalated": 0}
    running = sorted(OPEN_STATES - {Status.ON_HOLD})
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
                _sweep_event(pk, "warn", now, due_at=due.isoformat())
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
        late = timedelta(minutes=settings_by_community[community_id].manager_escalation_minutes)
        if level == 1 and now < due + late:
            continue
        with transaction.atomic():
            changed = WorkOrder.objects.filter(
                pk=pk, status__in=running, escalation_level=level
            ).update(escalation_level=level + 1)
            if changed:
                _sweep_event(pk, "escalate", now, level=level + 1, due_at=due.isoformat())
                after_commit(notify.escalated, pk, level + 1)
                counts["escalated"] += 1
    return counts
