"""The steps every work-order action shares: lock and check, write the timeline, notify."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from functools import cache
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from wuye.core import policy
from wuye.core.validators import not_found

from .. import sla, workflow
from ..indicators import tally
from ..models import (
    REPAIRS,
    WorkOrder,
    WorkOrderEvent,
)
from ..workflow import InvalidTransition
from . import steps

CENT = Decimal("0.01")
MAX_TEXT = 4000


def moment(at: datetime | None) -> datetime:
    return at or timezone.now()


def clean_note(
    value: str | None, field: str, *, required: bool = False, limit: int = MAX_TEXT
) -> str:
    text = (value or "").strip()
    if required and not text:
        raise ValidationError({field: [_("This field is required.")]})
    if len(text) > limit:
        raise ValidationError({field: [_("Enter at most %(n)s characters.") % {"n": limit}]})
    return text


@cache
def _values(choices) -> frozenset[str]:
    return frozenset(choices.values)


def choice(value: str, choices, field: str) -> str:
    if value not in _values(choices):
        raise ValidationError(
            {field: [_("Choose one of: %(choices)s.") % {"choices": ", ".join(choices.values)}]}
        )
    return value


def locked(order: WorkOrder, action: str, actor, at: datetime) -> tuple[WorkOrder, workflow.Rule]:
    """The order, locked for this transaction, once its state and the actor allow `action`."""
    locked = (
        WorkOrder.objects.select_for_update(of=("self",))
        .select_related("community__standard", "reporter_resident")
        .get(pk=order.pk)
    )
    # Someone who may not see the order learns nothing of its state; someone who may see
    # it hears first whether the action is possible now, then whether it is theirs to take.
    if not policy.can(actor, "view", locked):
        raise PermissionDenied(_("You may not do this."))
    rule = workflow.require_state(locked, action)
    if not workflow.may(actor, action, locked):
        raise PermissionDenied(_("You may not do this."))
    reason = workflow.refusal(actor, action, locked, at)
    if reason:
        raise InvalidTransition(reason)
    return locked, rule


def timeline(
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
    """Append the event to the order's timeline, read by the owner or by staff only as
    `workflow.visibility` says (`to_owner`: staff wrote the note as a reply to the owner)."""
    return insert(
        steps.event(
            order,
            actor=actor,
            action=action,
            from_status=from_status,
            at=at,
            note=note,
            to_owner=to_owner,
            **data,
        )
    )


def insert(row: WorkOrderEvent) -> WorkOrderEvent:
    """Append a step's event to its order's timeline, and mark the order's day for the daily
    summary of the indicators (its 30 days after too when a home repair is cancelled: its
    repeats change)."""
    order = row.order
    tally.mark(order, following=row.action == "cancel" and order.category in REPAIRS)
    row.save(force_insert=True)
    return row


def record(order: WorkOrder, change: steps.Change) -> WorkOrderEvent:
    """Save what a step changed: its other row, the order's fields, then its event."""
    if change.record is not None:
        change.record.save(force_insert=True)
    save(order, *change.fields)
    return insert(change.event)


def save(order: WorkOrder, *fields: str) -> None:
    sla.refresh(order)
    order.save(update_fields=[*fields, "status", "next_due_at", "warn_at", "updated_at"])


def after_commit(function, *args) -> None:
    transaction.on_commit(lambda: function(*args))


def staff_member(user, community_id: int, field: str):
    if user is None or not user.is_active or not policy.roles_in(user, community_id):
        raise ValidationError({field: [not_found(_("Choose a staff member of this community."))]})
    return user
