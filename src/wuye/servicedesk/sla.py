"""Service times (服务时限): an order's deadlines from its targets, and moving them by holds.

The targets of a category and priority are set in `targets` (a repair with an agreed
appointment is due by the end of it instead).

Deadlines are counted on the community's service calendar (`wuye.core.calendar`); the
calendar, the targets and the settings are read through `cached`.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from wuye.core.calendar import ServiceCalendar

from . import cached
from .models import OPEN_STATES, Priority, Status, WorkOrder
from .targets import DAYS, H24, SERVICE, TARGETS, Target

DUE_FIELDS = {
    "response": "response_due_at",
    "arrival": "arrival_due_at",
    "resolution": "resolution_due_at",
}
MET_FIELDS = {"response": "responded_at", "arrival": "arrived_at", "resolution": "resolved_at"}


def due(calendar: ServiceCalendar, start: datetime, target: Target) -> datetime | None:
    """When a target counted from `start` falls due (None when there is no target)."""
    if target.amount is None:
        return None
    if target.clock == DAYS:
        return calendar.add_working_days(start, target.amount)
    return calendar.add(start, target.amount, target.clock)


def set_deadlines(order: WorkOrder, start: datetime, names=TARGETS) -> None:
    """Set the order's deadlines of `names`, counted from `start` (submission or rework).

    A repair that is not an emergency, with a preferred time window, is due on site by the
    end of the window and resolved no earlier than that.
    """
    community = order.community
    configuration = cached.configuration(community)
    calendar = configuration.calendar()
    targets = configuration.targets[(order.category, order.priority)]
    for name in names:
        setattr(order, DUE_FIELDS[name], due(calendar, start, targets[name]))
    order.sla_clocks = {
        **order.sla_clocks,
        **{name: targets[name].clock for name in names if targets[name].amount is not None},
    }
    window_end = order.preferred_to
    if window_end and order.is_repair and order.priority != Priority.EMERGENCY:
        if "arrival" in names and (
            order.arrival_due_at is None or window_end > order.arrival_due_at
        ):
            order.arrival_due_at = window_end
        if (
            "resolution" in names
            and order.resolution_due_at
            and window_end > order.resolution_due_at
        ):
            order.resolution_due_at = window_end
    order.sla_started_at = start
    refresh(order, configuration.settings.warn_percent)


def shift_for_hold(order: WorkOrder, held_from: datetime, held_to: datetime) -> None:
    """Move the unmet deadlines on by the time on hold, as counted on each one's clock.

    Working-day targets move by the service time the hold took, on the service clock.
    """
    calendar = cached.configuration(order.community).calendar()
    for name in TARGETS:
        deadline = getattr(order, DUE_FIELDS[name])
        if deadline is None or getattr(order, MET_FIELDS[name]) is not None:
            continue
        clock = order.sla_clocks.get(name, H24)
        if clock == H24:
            setattr(order, DUE_FIELDS[name], deadline + (held_to - held_from))
        else:
            minutes = calendar.elapsed(held_from, held_to, SERVICE)
            setattr(order, DUE_FIELDS[name], calendar.add(deadline, minutes, SERVICE))
    if order.sla_started_at is not None:
        order.sla_started_at += held_to - held_from
    refresh(order)


def refresh(order: WorkOrder, warn_percent: int | None = None) -> None:
    """Set `next_due_at` (the earliest unmet deadline of an open order that is not on hold)
    and `warn_at` (when the sweep warns the assignee: a share of the time from the start)."""
    unmet = [
        getattr(order, DUE_FIELDS[name])
        for name in TARGETS
        if getattr(order, DUE_FIELDS[name]) is not None and getattr(order, MET_FIELDS[name]) is None
    ]
    if order.status not in OPEN_STATES or order.status == Status.ON_HOLD or not unmet:
        order.next_due_at = order.warn_at = None
        return
    order.next_due_at = min(unmet)
    if warn_percent is None:
        warn_percent = cached.configuration(order.community).settings.warn_percent
    start = order.sla_started_at or order.created_at
    span = max(order.next_due_at - start, timedelta(0))
    order.warn_at = start + span * warn_percent / 100
