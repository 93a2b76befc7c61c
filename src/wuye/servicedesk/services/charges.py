"""Paid repairs on the home's bill: what the order's priced items come to goes to billing
as pending when the work is resolved, and is posted once it is due.

It is due when the owner has accepted the work (rated it, or said at the call-back that it
is done), when the order is closed, or at once where the community posts at resolution; an
item off the price list holds everything back until a supervisor approves it. Billing posts
only the difference to what it has posted before, so calling this again changes nothing.
"""

from __future__ import annotations

from datetime import datetime

from django.db import transaction

from wuye.billing.models import RepairWait
from wuye.billing.services import repairs

from ..models import DeskSettings, RepairChargesPosted, Status, WorkOrder
from .common import clean_note, locked, moment, save, timeline


def owner_accepted(order: WorkOrder) -> bool:
    """Whether the owner has accepted the work as it was last resolved: a satisfied
    call-back, the owner's rating given since, or the order closed."""
    if order.status in (Status.VISITED, Status.CLOSED):
        return True
    return (
        order.status == Status.RESOLVED
        and order.rated_at is not None
        and order.resolved_at is not None
        and order.rated_at >= order.resolved_at
    )


def repair_wait(order: WorkOrder, *, unapproved: bool, settings: DeskSettings | None = None) -> str:
    """What posting the order's priced items waits for (`RepairWait`), or "" when they are
    due: a supervisor's approval of items off the price list (`unapproved`), else the
    owner's acceptance, unless the community (`settings`, read when needed) posts them at
    resolution."""
    if unapproved:
        return RepairWait.APPROVAL
    if owner_accepted(order):
        return ""
    settings = settings or DeskSettings.for_community(order.community_id)
    if (
        settings.repair_charges_posted == RepairChargesPosted.ON_RESOLUTION
        and order.resolved_at is not None
    ):
        return ""
    return RepairWait.ACCEPTANCE


def repair_bill_sync(order: WorkOrder, *, actor, at: datetime) -> None:
    """Tell billing what the order's current priced items come to, and post the difference
    when it is due (called inside the action's transaction, with the order locked). Told
    again the same amount and the same wait, billing changes nothing."""
    if order.unit_id is None:
        return
    if order.amount_owed == 0 and not order.items.exists():
        return
    current = order.items.filter(removed_at__isnull=True)
    unapproved = current.filter(price_item__isnull=True, approved_at__isnull=True).exists()
    waiting = repair_wait(order, unapproved=unapproved)
    bill = repairs.repair_bill_set(
        unit=order.unit,
        work_order_id=order.pk,
        number=order.number,
        amount=order.amount_owed,
        waiting_for=waiting,
        actor=actor,
        at=at,
    )
    if not waiting:
        repairs.repair_bill_post(bill=bill, actor=actor, at=at)


@transaction.atomic
def work_order_approve_items(
    *, order: WorkOrder, actor, note: str = "", at: datetime | None = None
) -> WorkOrder:
    """A supervisor approves the items charged off the price list: they may now be billed."""
    at = moment(at)
    order, _rule = locked(order, "approve_items", actor, at)
    waiting = order.items.filter(
        price_item__isnull=True, approved_at__isnull=True, removed_at__isnull=True
    )
    names = list(waiting.values_list("name", flat=True))
    waiting.update(approved_at=at, approved_by=actor)
    save(order)
    timeline(
        order,
        actor=actor,
        action="approve_items",
        from_status=order.status,
        at=at,
        note=clean_note(note, "note"),
        items=names,
    )
    repair_bill_sync(order, actor=actor, at=at)
    return order
