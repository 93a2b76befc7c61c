"""The actions of the workflow after receipt: the office's, the assignee's and the owner's."""

from __future__ import annotations

from datetime import datetime
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Sum
from django.utils.translation import gettext as _

from wuye.core.validators import clean_text, conflict, not_found

from .. import notifications as notify
from .. import workflow
from ..models import (
    CallbackMethod,
    DeskSettings,
    PriceListItem,
    Team,
    WorkOrder,
    WorkOrderItem,
)
from . import steps
from .charges import repair_bill_sync
from .common import (
    CENT,
    after_commit,
    clean_note,
    locked,
    moment,
    record,
    save,
    staff_member,
    timeline,
)

# ---- the office: accept, dispatch, transfer ----------------------------------------------


@transaction.atomic
def work_order_accept(
    *,
    order: WorkOrder,
    actor,
    note: str = "",
    to_owner: bool = False,
    at: datetime | None = None,
) -> WorkOrder:
    """Take a submitted request into the customer center's hands: the first response,
    except for a complaint, answered only by a recorded reply. `to_owner`: the note is a
    reply the owner reads (as for every action that takes it)."""
    at = moment(at)
    order, _rule = locked(order, "accept", actor, at)
    note = clean_note(note, "note")
    record(order, steps.accept(order, actor=actor, at=at, note=note, to_owner=to_owner))
    return order


def _team_for(order: WorkOrder, assignee) -> Team | None:
    teams = Team.objects.filter(
        community_id=order.community_id, active=True, members__user=assignee
    ).distinct()
    return steps.team_for(order, teams)


@transaction.atomic
def work_order_dispatch(
    *,
    order: WorkOrder,
    assignee,
    actor,
    note: str = "",
    to_owner: bool = False,
    at: datetime | None = None,
) -> WorkOrder:
    """Send the order to a person (派单); a submitted order is accepted on the way. The note
    is for the assignee unless written as a reply to the owner."""
    at = moment(at)
    order, _rule = locked(order, "dispatch", actor, at)
    assignee = staff_member(assignee, order.community_id, "assignee")
    note = clean_note(note, "note")
    change = steps.dispatch(
        order,
        assignee=assignee,
        team=_team_for(order, assignee),
        actor=actor,
        at=at,
        note=note,
        to_owner=to_owner,
    )
    record(order, change)
    after_commit(notify.dispatched, order.pk)
    return order


@transaction.atomic
def work_order_transfer(
    *, order: WorkOrder, assignee, reason: str, actor, at: datetime | None = None
) -> WorkOrder:
    """Hand the order to another person (转单), with the reason; they start it afresh."""
    at = moment(at)
    order, rule = locked(order, "transfer", actor, at)
    assignee = staff_member(assignee, order.community_id, "assignee")
    reason = clean_note(reason, "reason", required=True)
    if assignee.pk == order.assignee_id:
        raise ValidationError(
            {"assignee": [conflict(_("Choose someone other than the current assignee."))]}
        )
    before, previous = order.status, order.assignee_id
    order.status = rule.target
    order.assignee = assignee
    order.team = _team_for(order, assignee)
    save(order, "assignee", "team")
    timeline(
        order,
        actor=actor,
        action="transfer",
        from_status=before,
        at=at,
        note=reason,
        assignee_id=assignee.pk,
        previous_assignee_id=previous,
    )
    after_commit(notify.dispatched, order.pk)
    return order


# ---- the assignee: start, hold, resume, send back, resolve ---------------------------------


@transaction.atomic
def work_order_start(
    *,
    order: WorkOrder,
    actor,
    note: str = "",
    to_owner: bool = False,
    at: datetime | None = None,
) -> WorkOrder:
    """The assignee is on site and at work: the on-site target is met."""
    at = moment(at)
    order, _rule = locked(order, "start", actor, at)
    note = clean_note(note, "note")
    record(order, steps.start(order, actor=actor, at=at, note=note, to_owner=to_owner))
    return order


@transaction.atomic
def work_order_hold(
    *,
    order: WorkOrder,
    reason: str,
    actor,
    to_owner: bool = False,
    at: datetime | None = None,
) -> WorkOrder:
    """Pause the order (挂起): waiting for parts or for the owner. Its clocks stop."""
    at = moment(at)
    order, _rule = locked(order, "hold", actor, at)
    reason = clean_note(reason, "reason", required=True)
    record(order, steps.hold(order, actor=actor, at=at, reason=reason, to_owner=to_owner))
    return order


@transaction.atomic
def work_order_resume(
    *,
    order: WorkOrder,
    actor,
    note: str = "",
    to_owner: bool = False,
    at: datetime | None = None,
) -> WorkOrder:
    """Back to the state the order was put on hold from; deadlines move on by the pause."""
    at = moment(at)
    order, _rule = locked(order, "resume", actor, at)
    note = clean_note(note, "note")
    record(order, steps.resume(order, actor=actor, at=at, note=note, to_owner=to_owner))
    return order


@transaction.atomic
def work_order_send_back(
    *, order: WorkOrder, reason: str, actor, at: datetime | None = None
) -> WorkOrder:
    """The assignee returns the order for re-dispatch (退单), with the reason."""
    at = moment(at)
    order, rule = locked(order, "send_back", actor, at)
    reason = clean_note(reason, "reason", required=True)
    before, previous = order.status, order.assignee_id
    order.status = rule.target
    order.assignee = None
    save(order, "assignee")
    timeline(
        order,
        actor=actor,
        action="send_back",
        from_status=before,
        at=at,
        note=reason,
        previous_assignee_id=previous,
    )
    return order


def _priced_items(order: WorkOrder, items: list[dict]) -> list[WorkOrderItem]:
    """Rows for the priced items of a paid repair: a published price-list item by id (its
    price), or, where the community allows items off the list, an item named with its own
    unit and price (it waits for a supervisor's approval). Errors name the item's position."""
    rows: list[WorkOrderItem] = []
    off_list_allowed = DeskSettings.for_community(order.community_id).off_list_items_allowed
    prices = {
        p.pk: p
        for p in PriceListItem.objects.filter(
            community_id=order.community_id,
            active=True,
            pk__in=[i.get("price_item_id") for i in items if i.get("price_item_id")],
        )
    }
    errors: dict[str, list[str]] = {}
    for n, item in enumerate(items):
        field = f"items.{n}"
        try:
            quantity = Decimal(str(item.get("quantity", "1"))).quantize(CENT, ROUND_HALF_UP)
        except (InvalidOperation, ValueError):
            errors[field] = [_("Enter a quantity such as 1 or 2.50.")]
            continue
        if not Decimal("0") < quantity < Decimal("1000000"):
            errors[field] = [_("Enter a quantity above zero.")]
            continue
        price_item_id = item.get("price_item_id")
        if price_item_id:
            published = prices.get(price_item_id)
            if published is None:
                errors[field] = [not_found(_("Choose an item of this community's price list."))]
                continue
            name, unit, unit_price = published.name, published.unit, published.price
        elif not off_list_allowed:
            errors[field] = [
                conflict(_("Choose an item of this community's published price list."))
            ]
            continue
        else:
            name = clean_text(item.get("name"))[:100]
            unit = clean_text(item.get("unit"))[:20]
            try:
                unit_price = Decimal(str(item.get("unit_price", ""))).quantize(CENT, ROUND_HALF_UP)
            except (InvalidOperation, ValueError):
                unit_price = None
            if not name or not unit or unit_price is None or not 0 <= unit_price < 1000000:
                errors[field] = [_("Give the item's name, unit and price, or a price-list item.")]
                continue
        row = steps.priced_item(
            order,
            name=name,
            unit=unit,
            quantity=quantity,
            unit_price=unit_price,
            price_item_id=price_item_id or None,
        )
        if row.amount >= Decimal("10000000000"):
            errors[field] = [_("This amount is too large.")]
            continue
        rows.append(row)
    if errors:
        raise ValidationError(errors)
    return rows


def _withdrawn(order: WorkOrder, item_ids: list[int]) -> list[WorkOrderItem]:
    """The order's current priced items that rework takes back, by id."""
    wanted = {i for i in item_ids if isinstance(i, int) and not isinstance(i, bool)}
    found = list(order.items.filter(pk__in=wanted, removed_at__isnull=True))
    if len(found) != len(set(item_ids)):
        raise ValidationError(
            {"withdraw_item_ids": [not_found(_("Choose priced items this order still charges."))]}
        )
    return found


@transaction.atomic
def work_order_resolve(
    *,
    order: WorkOrder,
    result: str,
    actor,
    items: list[dict] | None = None,
    withdraw_item_ids: list[int] | None = None,
    at: datetime | None = None,
) -> WorkOrder:
    """The work is done (完工): a result note is required. Priced items make the amount
    owed; rework may add items and withdraw earlier ones (they stay on record, withdrawn).
    The amount is shown on the home's bill as pending and posted once it is due."""
    at = moment(at)
    order, _rule = locked(order, "resolve", actor, at)
    result = clean_note(result, "result", required=True)
    rows = _priced_items(order, items or [])
    withdrawn = _withdrawn(order, withdraw_item_ids or [])
    WorkOrderItem.objects.filter(pk__in=[i.pk for i in withdrawn]).update(
        removed_at=at, removed_by=actor
    )
    WorkOrderItem.objects.bulk_create(rows)
    amount_owed = WorkOrderItem.objects.filter(order=order, removed_at__isnull=True).aggregate(
        total=Sum("amount")
    )["total"] or Decimal("0.00")
    change = steps.resolve(
        order,
        actor=actor,
        at=at,
        result=result,
        amount_owed=amount_owed,
        added=rows,
        withdrawn=withdrawn,
    )
    record(order, change)
    repair_bill_sync(order, actor=actor, at=at)
    after_commit(notify.resolved, order.pk)
    return order


# ---- the owner: rate, chase --------------------------------------------------------------


@transaction.atomic
def work_order_rate(
    *, order: WorkOrder, score: int, actor, comment: str = "", at: datetime | None = None
) -> WorkOrder:
    """The owner's score (1–5) and comment on the work; given once."""
    at = moment(at)
    order, _rule = locked(order, "rate", actor, at)
    if isinstance(score, bool) or not isinstance(score, int) or not 1 <= score <= 5:
        raise ValidationError({"score": [_("Give a score from 1 to 5.")]})
    comment = clean_note(comment, "comment")
    record(order, steps.rate(order, actor=actor, at=at, score=score, comment=comment))
    # Rating the work accepts it: a paid repair's price goes on the bill.
    repair_bill_sync(order, actor=actor, at=at)
    return order


@transaction.atomic
def work_order_chase(
    *, order: WorkOrder, actor, note: str = "", at: datetime | None = None
) -> WorkOrder:
    """The owner urges progress (催单), at most once per the community's interval."""
    at = moment(at)
    order, _rule = locked(order, "chase", actor, at)
    note = clean_note(note, "note")
    order.last_chased_at = at
    order.chase_count += 1
    save(order, "last_chased_at", "chase_count")
    timeline(order, actor=actor, action="chase", from_status=order.status, at=at, note=note)
    after_commit(notify.chased, order.pk)
    return order


# ---- call-back, close, reopen, cancel, comment ---------------------------------------------


@transaction.atomic
def work_order_visit(
    *,
    order: WorkOrder,
    satisfied: bool,
    method: str,
    actor,
    score: int | None = None,
    note: str = "",
    at: datetime | None = None,
) -> WorkOrder:
    """The call-back (回访). Satisfied: the order is called back. Not satisfied: it goes
    back to its assignee as rework."""
    at = moment(at)
    order, _rule = locked(order, "visit", actor, at)
    errors = {}
    if not isinstance(satisfied, bool):
        errors["satisfied"] = [_("Enter true or false.")]
    if method not in CallbackMethod.values:
        errors["method"] = [
            _("Choose one of: %(choices)s.") % {"choices": ", ".join(CallbackMethod.values)}
        ]
    if score is not None and (isinstance(score, bool) or not 1 <= score <= 5):
        errors["score"] = [_("Give a score from 1 to 5.")]
    if errors:
        raise ValidationError(errors)
    note = clean_note(note, "note")
    change = steps.visit(
        order, actor=actor, at=at, satisfied=satisfied, method=method, score=score, note=note
    )
    record(order, change)
    if satisfied:
        repair_bill_sync(order, actor=actor, at=at)
    elif order.assignee_id:
        after_commit(notify.dispatched, order.pk)
    return order


@transaction.atomic
def work_order_close(
    *,
    order: WorkOrder,
    actor,
    note: str = "",
    to_owner: bool = False,
    at: datetime | None = None,
) -> WorkOrder:
    """Close the order: after the call-back, or at once where none is needed.

    A paid repair in a home not yet posted to its bill is posted now (维修费), in the same
    transaction; reopened and closed again, only what changed is charged or credited.
    """
    at = moment(at)
    order, _rule = locked(order, "close", actor, at)
    note = clean_note(note, "note")
    record(order, steps.close(order, actor=actor, at=at, note=note, to_owner=to_owner))
    repair_bill_sync(order, actor=actor, at=at)
    return order


@transaction.atomic
def work_order_reopen(
    *,
    order: WorkOrder,
    reason: str,
    actor,
    to_owner: bool = False,
    at: datetime | None = None,
) -> WorkOrder:
    """Reopen resolved or closed work, with the reason: it goes back as rework. An owner may
    reopen within the community's number of days after resolution."""
    at = moment(at)
    order, _rule = locked(order, "reopen", actor, at)
    reason = clean_note(reason, "reason", required=True)
    before = order.status
    save(order, *steps.rework(order, at))
    timeline(
        order,
        actor=actor,
        action="reopen",
        from_status=before,
        at=at,
        note=reason,
        to_owner=to_owner,
    )
    if order.assignee_id:
        after_commit(notify.dispatched, order.pk)
    return order


@transaction.atomic
def work_order_cancel(
    *,
    order: WorkOrder,
    reason: str,
    actor,
    to_owner: bool = False,
    at: datetime | None = None,
) -> WorkOrder:
    """Cancel the request, with the reason. The reporter may cancel only while it waits to
    be accepted; afterwards the front desk does."""
    at = moment(at)
    order, _rule = locked(order, "cancel", actor, at)
    reason = clean_note(reason, "reason", required=True)
    record(order, steps.cancel(order, actor=actor, at=at, reason=reason, to_owner=to_owner))
    return order


@transaction.atomic
def work_order_comment(
    *, order: WorkOrder, text: str, actor, to_owner: bool = False, at: datetime | None = None
) -> WorkOrder:
    """A note on the timeline from anyone involved; the state does not change. Staff's
    notes are for staff unless written as a reply to the owner (`to_owner`)."""
    at = moment(at)
    order, _rule = locked(order, "comment", actor, at)
    text = clean_note(text, "text", required=True)
    timeline(
        order,
        actor=actor,
        action="comment",
        from_status=order.status,
        at=at,
        note=text,
        to_owner=to_owner,
    )
    if to_owner and not workflow.reads_as_owner(actor, order):
        after_commit(notify.replied, order.pk)
    return order
