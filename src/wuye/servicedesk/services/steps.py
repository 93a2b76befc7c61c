"""What each action of the workflow does to an order, in memory, and the rows it writes.

A step changes the order's fields, and builds (without saving) its timeline event and any
other row the action writes (a call-back, a spot check). The services lock the order, check
who may act and what they sent, apply a step, then save the fields it names and insert its
rows; the demo's year of orders applies the same steps to orders in memory and inserts the
rows in bulk. The deadlines move here as the services move them (`sla`), with the
community's settings and calendar.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.db import models

from .. import sla, workflow
from ..models import (
    CallBack,
    Category,
    SpotCheck,
    Status,
    Team,
    WorkOrder,
    WorkOrderEvent,
    WorkOrderItem,
)

CENT = Decimal("0.01")
HOLD_FIELDS = (
    "hold_started_at",
    "status_before_hold",
    "on_hold_seconds",
    "response_due_at",
    "arrival_due_at",
    "resolution_due_at",
    "sla_started_at",
)
REWORK_FIELDS = (
    "rework_count",
    "resolved_at",
    "arrived_at",
    "closed_at",
    "escalation_level",
    "arrival_due_at",
    "resolution_due_at",
    "sla_started_at",
    "sla_clocks",
)


@dataclass
class Change:
    """What a step did: the order's fields it changed besides its status, its timeline
    event and the other row it writes, if any (all unsaved)."""

    fields: list[str]
    event: WorkOrderEvent
    record: models.Model | None = None


def event(
    order: WorkOrder,
    *,
    actor,
    action: str,
    from_status: str,
    at: datetime,
    note: str = "",
    to_owner: bool = False,
    **data: Any,
) -> WorkOrderEvent:
    """The timeline row of `action` (unsaved), read by the owner or by staff only as
    `workflow.visibility` says (`to_owner`: staff wrote the note as a reply to the owner)."""
    return WorkOrderEvent(
        order=order,
        community_id=order.community_id,
        at=at,
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        action=action,
        from_status=from_status,
        to_status=order.status,
        note=note,
        visibility=workflow.visibility(actor, action, order, to_owner=to_owner),
        data=data,
    )


def _target(order: WorkOrder, action: str) -> str | None:
    return workflow.require_state(order, action).target


def taken_in_hand(order: WorkOrder, at: datetime) -> list[str]:
    """The first response when the office takes the order (accepts or dispatches it): the
    fields changed. A complaint's first response is the first reply recorded to the
    complainant (`work_order_reply`), never the taking of the call."""
    if order.category == Category.COMPLAINT or order.responded_at is not None:
        return []
    order.responded_at = at
    return ["responded_at"]


def settle_hold(order: WorkOrder, at: datetime) -> None:
    """Count the time on hold up to `at` and move the unmet deadlines on by it."""
    held_from = order.hold_started_at
    if held_from is None:
        return
    held_to = max(at, held_from)
    order.on_hold_seconds += int((held_to - held_from).total_seconds())
    sla.shift_for_hold(order, held_from, held_to)
    order.hold_started_at = None
    order.status_before_hold = ""


def rework(order: WorkOrder, at: datetime) -> list[str]:
    """Send the order back to its assignee as rework: new on-site and resolution deadlines."""
    order.rework_count += 1
    order.status = Status.DISPATCHED if order.assignee_id else Status.ACCEPTED
    order.resolved_at = order.arrived_at = order.closed_at = None
    order.escalation_level = 0
    sla.set_deadlines(order, at, names=("arrival", "resolution"))
    return list(REWORK_FIELDS)


def team_for(order: WorkOrder, teams) -> Team | None:
    """The team an order goes to with its assignee, of the assignee's active `teams`: the
    first that takes orders of its kind, else their first."""
    fitting = [t for t in teams if t.takes(order.category, order.subcategory)]
    return (fitting or list(teams) or [None])[0]


def priced_item(
    order: WorkOrder,
    *,
    name: str,
    unit: str,
    quantity: Decimal,
    unit_price: Decimal,
    price_item_id: int | None = None,
) -> WorkOrderItem:
    """A priced item of a paid repair (unsaved): its quantity in cents, its amount rounded
    half up."""
    quantity = quantity.quantize(CENT, ROUND_HALF_UP)
    return WorkOrderItem(
        order=order,
        price_item_id=price_item_id,
        name=name,
        unit=unit,
        quantity=quantity,
        unit_price=unit_price,
        amount=(quantity * unit_price).quantize(CENT, ROUND_HALF_UP),
    )


# ---- receipt -------------------------------------------------------------------------------


def received(order: WorkOrder, *, actor, at: datetime, staff: bool) -> list[WorkOrderEvent]:
    """A new order (unsaved) received at `at` from `actor`, as staff or as a resident: its
    timeline starts. Received by someone who may accept it, it is accepted at once, its
    first response (a complaint's is the first reply recorded to the complainant); a
    complaint's reply is promised by its first-response deadline."""
    order.status = Status.SUBMITTED
    rows = [
        event(
            order,
            actor=actor,
            action="submit",
            from_status="",
            at=at,
            channel=order.channel,
        )
    ]
    if staff and workflow.may(actor, "accept", order):
        order.status = _target(order, "accept")
        taken_in_hand(order, at)
        rows.append(event(order, actor=actor, action="accept", from_status=Status.SUBMITTED, at=at))
    sla.set_deadlines(order, at)
    if order.category == Category.COMPLAINT:
        # "When and by whom": the reply is promised by the first-response deadline.
        order.reply_promised_at = order.response_due_at
        order.responder = actor if staff else None
    return rows


# ---- the office, the assignee, the owner ---------------------------------------------------


def accept(
    order: WorkOrder, *, actor, at: datetime, note: str = "", to_owner: bool = False
) -> Change:
    before = order.status
    order.status = _target(order, "accept")
    fields = taken_in_hand(order, at)
    if order.category == Category.COMPLAINT and order.responder_id is None:
        order.responder = actor
        fields.append("responder")
    return Change(
        fields,
        event(
            order,
            actor=actor,
            action="accept",
            from_status=before,
            at=at,
            note=note,
            to_owner=to_owner,
        ),
    )


def dispatch(
    order: WorkOrder,
    *,
    assignee,
    team: Team | None,
    actor,
    at: datetime,
    note: str = "",
    to_owner: bool = False,
) -> Change:
    before = order.status
    order.status = _target(order, "dispatch")
    order.assignee = assignee
    order.team = team
    fields = [*taken_in_hand(order, at), "assignee", "team"]
    return Change(
        fields,
        event(
            order,
            actor=actor,
            action="dispatch",
            from_status=before,
            at=at,
            note=note,
            to_owner=to_owner,
            assignee_id=assignee.pk,
        ),
    )


def arrive(
    order: WorkOrder,
    *,
    actor,
    at: datetime,
    arrived_at: datetime,
    place: dict[str, str | int] | None = None,
    note: str = "",
) -> Change:
    """The assignee says they reached the place at `arrived_at` (recorded at `at`), where
    their phone put them if it could (`place`: latitude, longitude, accuracy in metres): the
    on-site target is met then; the work starts with `start`."""
    _target(order, "arrive")
    order.arrived_at = arrived_at
    return Change(
        ["arrived_at"],
        event(
            order,
            actor=actor,
            action="arrive",
            from_status=order.status,
            at=arrived_at,
            note=note,
            recorded_at=at.isoformat(),
            **(place or {}),
        ),
    )


def start(
    order: WorkOrder, *, actor, at: datetime, note: str = "", to_owner: bool = False
) -> Change:
    before = order.status
    order.status = _target(order, "start")
    order.arrived_at = order.arrived_at or at
    return Change(
        ["arrived_at"],
        event(
            order,
            actor=actor,
            action="start",
            from_status=before,
            at=at,
            note=note,
            to_owner=to_owner,
        ),
    )


def hold(order: WorkOrder, *, actor, at: datetime, reason: str, to_owner: bool = False) -> Change:
    before = order.status
    target = _target(order, "hold")
    order.status_before_hold = before
    order.hold_started_at = at
    order.status = target
    return Change(
        ["status_before_hold", "hold_started_at"],
        event(
            order,
            actor=actor,
            action="hold",
            from_status=before,
            at=at,
            note=reason,
            to_owner=to_owner,
        ),
    )


def resume(
    order: WorkOrder, *, actor, at: datetime, note: str = "", to_owner: bool = False
) -> Change:
    _target(order, "resume")
    held_from = order.hold_started_at
    order.status = order.status_before_hold or Status.DISPATCHED
    settle_hold(order, at)
    return Change(
        list(HOLD_FIELDS),
        event(
            order,
            actor=actor,
            action="resume",
            from_status=Status.ON_HOLD,
            at=at,
            note=note,
            to_owner=to_owner,
            held_seconds=int((max(at, held_from) - held_from).total_seconds()) if held_from else 0,
        ),
    )


def resolve(
    order: WorkOrder,
    *,
    actor,
    at: datetime,
    result: str,
    amount_owed: Decimal,
    added: list[WorkOrderItem],
    withdrawn: list[WorkOrderItem],
) -> Change:
    """The work is done: `amount_owed` is what the items still charged come to, with the
    `added` ones and without the `withdrawn` ones (in cents: SQLite sums them without the
    trailing zeros)."""
    before = order.status
    order.status = _target(order, "resolve")
    order.result = result
    order.arrived_at = order.arrived_at or at
    order.resolved_at = at
    order.amount_owed = amount_owed.quantize(CENT)
    return Change(
        ["result", "arrived_at", "resolved_at", "amount_owed"],
        event(
            order,
            actor=actor,
            action="resolve",
            from_status=before,
            at=at,
            note=result,
            amount_owed=str(order.amount_owed),
            items=[
                {"name": r.name, "quantity": str(r.quantity), "amount": str(r.amount)}
                for r in added
            ],
            withdrawn=[{"name": r.name, "amount": str(r.amount)} for r in withdrawn],
        ),
    )


def rate(order: WorkOrder, *, actor, at: datetime, score: int, comment: str = "") -> Change:
    _target(order, "rate")
    order.owner_score, order.owner_comment, order.rated_at = score, comment, at
    return Change(
        ["owner_score", "owner_comment", "rated_at"],
        event(
            order,
            actor=actor,
            action="rate",
            from_status=order.status,
            at=at,
            note=comment,
            score=score,
        ),
    )


def visit(
    order: WorkOrder,
    *,
    actor,
    at: datetime,
    satisfied: bool,
    method: str,
    score: int | None = None,
    note: str = "",
) -> Change:
    """The call-back (回访), written down; satisfied, the order is called back, else it goes
    back to its assignee as rework."""
    target = _target(order, "visit")
    callback = CallBack(
        order=order,
        community_id=order.community_id,
        at=at,
        by=actor,
        satisfied=satisfied,
        score=score,
        method=method,
        note=note,
    )
    before = order.status
    if satisfied:
        order.status = target
        fields: list[str] = []
    else:
        fields = rework(order, at)
    return Change(
        fields,
        event(
            order,
            actor=actor,
            action="visit",
            from_status=before,
            at=at,
            note=note,
            satisfied=satisfied,
            score=score,
            method=method,
        ),
        callback,
    )


def close(
    order: WorkOrder, *, actor, at: datetime, note: str = "", to_owner: bool = False
) -> Change:
    before = order.status
    order.status = _target(order, "close")
    order.closed_at = at
    return Change(
        ["closed_at"],
        event(
            order,
            actor=actor,
            action="close",
            from_status=before,
            at=at,
            note=note,
            to_owner=to_owner,
        ),
    )


def cancel(order: WorkOrder, *, actor, at: datetime, reason: str, to_owner: bool = False) -> Change:
    before = order.status
    target = _target(order, "cancel")
    if before == Status.ON_HOLD:
        settle_hold(order, at)
    order.status = target
    order.closed_at = at
    return Change(
        ["closed_at", *HOLD_FIELDS],
        event(
            order,
            actor=actor,
            action="cancel",
            from_status=before,
            at=at,
            note=reason,
            to_owner=to_owner,
        ),
    )


def reply(
    order: WorkOrder, *, actor, at: datetime, text: str, channel: str, replied_by, replied_at
) -> Change:
    """A reply given to the complainant at `replied_at` by `replied_by`, recorded at `at`:
    the first one is the complaint's first response."""
    _target(order, "reply")
    fields = []
    if order.responded_at is None or replied_at < order.responded_at:
        order.responded_at = replied_at
        fields.append("responded_at")
    return Change(
        fields,
        event(
            order,
            actor=actor,
            action="reply",
            from_status=order.status,
            at=replied_at,
            note=text,
            channel=channel,
            replied_by_id=replied_by.pk,
            replied_by=replied_by.get_full_name() or replied_by.get_username(),
            recorded_at=at.isoformat(),
        ),
    )


def spot_check(order: WorkOrder, *, actor, at: datetime, passed: bool, finding: str) -> Change:
    """A supervisor's spot check (抽查) of the order, written down."""
    check = SpotCheck(
        order=order,
        community_id=order.community_id,
        at=at,
        by=actor,
        passed=passed,
        finding=finding,
    )
    return Change(
        [],
        event(
            order,
            actor=actor,
            action="spot_check",
            from_status=order.status,
            at=at,
            note=finding,
            passed=passed,
        ),
        check,
    )


# ---- the sweep -----------------------------------------------------------------------------


def warning(order: WorkOrder, *, due: datetime, at: datetime) -> WorkOrderEvent:
    """The sweep warns of the deadline `due`, once."""
    order.warned_due_at = due
    return event(
        order, actor=None, action="warn", from_status=order.status, at=at, due_at=_utc(due)
    )


def escalation(order: WorkOrder, *, level: int, due: datetime, at: datetime) -> WorkOrderEvent:
    """The sweep escalates the order past its deadline `due` to `level` (1: the supervisor,
    2: the manager)."""
    order.escalation_level = level
    return event(
        order,
        actor=None,
        action="escalate",
        from_status=order.status,
        at=at,
        level=level,
        due_at=_utc(due),
    )


def _utc(moment: datetime) -> str:
    # As the database gives it back.
    return moment.astimezone(UTC).isoformat()
