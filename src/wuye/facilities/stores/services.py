"""Changes to the store of spare parts (备品备件): add a part, receive, issue to a work order or
a maintenance task, count, take back. Each writes one movement of the append-only ledger and
the part's new quantity on hand together, under a lock on the part's row, with an audit
entry; a refusal changes nothing. The quantity on hand never goes below zero.

A part at or below its reorder point after an issue or a count is told to the engineering
supervisors once; the marker is cleared when the stock is back above the point.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Sum
from django.utils.translation import gettext as _

from wuye.core import audit, notify, policy
from wuye.core.models import Community
from wuye.core.policy import R as Role
from wuye.core.validators import clean_code, clean_text, conflict, not_found
from wuye.servicedesk.models import WorkOrder

from ..maintenance.models import MaintenanceTask, TaskStatus
from . import notifications
from .models import MovementKind, StockItem, StockMovement

CENT = Decimal("0.01")
LARGEST = Decimal("9999999999.99")
TOLD = (Role.ENGINEERING_SUPERVISOR,)
KEY_MAX_LENGTH = 64


def _amount(value: Any, field: str, *, positive: bool) -> Decimal:
    """A quantity or an amount of money of at most two decimal places, zero or more (or
    more than zero when `positive`)."""
    try:
        amount = Decimal(str(value).strip())
    except (InvalidOperation, ValueError):
        raise ValidationError({field: [_("Enter a number.")]}) from None
    if not amount.is_finite():
        raise ValidationError({field: [_("Enter a number.")]})
    if positive and amount <= 0:
        raise ValidationError({field: [_("Enter a number greater than zero.")]})
    if amount < 0:
        raise ValidationError({field: [_("Enter zero or more.")]})
    if amount > LARGEST:
        raise ValidationError({field: [_("The number is too large.")]})
    if amount != amount.quantize(CENT, rounding=ROUND_HALF_UP):
        raise ValidationError({field: [_("Use at most two decimal places.")]})
    return amount.quantize(CENT)


def _text(data: dict, field: str, limit: int, errors: dict) -> str:
    text = clean_text(data.get(field))
    if len(text) > limit:
        errors[field] = [_("Keep it within %(n)s characters.") % {"n": limit}]
    return text


def weighted_average(
    on_hand: Decimal, unit_cost: Decimal, received: Decimal, cost: Decimal
) -> Decimal:
    """The unit cost after a receipt, by the weighted average rule (加权平均):
    (on hand × its unit cost + received × the receipt's unit cost) ÷ (on hand + received),
    rounded half up to the cent. With nothing on hand the receipt's cost is the new cost."""
    total = on_hand + received
    if on_hand <= 0:
        return cost
    return ((on_hand * unit_cost + received * cost) / total).quantize(CENT, ROUND_HALF_UP)


@transaction.atomic
def _described(data: dict, community_id: int, errors: dict) -> dict:
    """What a keeper may say of a part, checked (the reasons go into `errors`): its name,
    category, reorder point and the equipment of the community it fits."""
    fields = {
        "name": _text(data, "name", 100, errors),
        "category": _text(data, "category", 50, errors),
    }
    if not fields["name"] and "name" not in errors:
        errors["name"] = [_("Give the part a name.")]
    try:
        fields["reorder_point"] = _amount(
            data.get("reorder_point") or 0, "reorder_point", positive=False
        )
    except ValidationError as error:
        errors.update(error.error_dict)
    fields["fits"] = list(data.get("fits") or ())
    if any(e.community_id != community_id for e in fields["fits"]):
        errors["fits"] = [not_found(_("Choose equipment of this community."))]
    return fields


def stock_item_add(*, actor, community: Community, data: dict) -> StockItem:
    """Add a part to the community's store, with nothing on hand; its code is unique in the
    community. The stock comes in by receipts."""
    policy.require_perm(actor, "stores.change", community.pk)
    errors: dict[str, list] = {}
    fields = _described(data, community.pk, errors)
    fits = fields.pop("fits")
    unit = _text(data, "unit", 20, errors)
    if not unit and "unit" not in errors:
        errors["unit"] = [_("Give the unit it is counted in, e.g. piece or metre.")]
    code = clean_code(data.get("code"))
    if not code:
        errors["code"] = [_("Give the part a code, e.g. BRG-6204.")]
    elif len(code) > 30:
        errors["code"] = [_("Keep it within %(n)s characters.") % {"n": 30}]
    elif StockItem.objects.filter(community=community, code=code).exists():
        errors["code"] = [conflict(_("Another part of this community has this code."))]
    try:
        fields["unit_cost"] = _amount(data.get("unit_cost") or 0, "unit_cost", positive=False)
    except ValidationError as error:
        errors.update(error.error_dict)
    if errors:
        raise ValidationError(errors)
    try:
        with transaction.atomic():
            item = StockItem.objects.create(community=community, code=code, unit=unit, **fields)
    except IntegrityError:
        raise ValidationError(
            {"code": [conflict(_("Another part of this community has this code."))]}
        ) from None
    item.fits.set(fits)
    audit.record(
        actor=actor,
        action="stores.item_add",
        obj=item,
        changes={
            "code": code,
            "name": fields["name"],
            "unit_cost": str(fields["unit_cost"]),
            "reorder_point": str(fields["reorder_point"]),
        },
    )
    return item


def stock_item_change(*, actor, item: StockItem, data: dict) -> StockItem:
    """Change a part's name, category, reorder point and the equipment it fits. Its code and
    unit stay (the ledger counts in them); its cost is kept by the receipts. A reorder point
    raised to the stock on hand or above tells the supervisors, as an issue would."""
    policy.require_perm(actor, "stores.change", item.community_id)
    errors: dict[str, list] = {}
    fields = _described(data, item.community_id, errors)
    fits = fields.pop("fits")
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        item = _locked(item)
        changes = {
            name: [str(getattr(item, name)), str(value)]
            for name, value in fields.items()
            if getattr(item, name) != value
        }
        for name, value in fields.items():
            setattr(item, name, value)
        item.save(update_fields=list(fields))
        _watch_low(item, may_tell=True)
        item.fits.set(fits)
        audit.record(actor=actor, action="stores.item_change", obj=item, changes=changes)
    return item


def _locked(item: StockItem) -> StockItem:
    return StockItem.objects.select_for_update().select_related("community").get(pk=item.pk)


def _write(item: StockItem, *, actor, kind: str, change: Decimal, cost: Decimal, **fields):
    """Apply `change` to the locked `item`, refusing a quantity below zero, and write the
    movement."""
    after = item.on_hand + change
    if after < 0:
        raise ValidationError(
            {
                "quantity": [
                    conflict(
                        _("Not enough in stock: %(on_hand)s %(unit)s of %(part)s on hand.")
                        % {"on_hand": item.on_hand, "unit": item.unit, "part": item.name}
                    )
                ]
            }
        )
    item.on_hand = after
    movement = StockMovement.objects.create(
        community_id=item.community_id,
        item=item,
        kind=kind,
        quantity=change,
        on_hand_after=after,
        unit_cost=cost,
        actor=actor,
        **fields,
    )
    audit.record(
        actor=actor,
        action=f"stores.{kind}",
        obj=item,
        changes={"quantity": str(change), "on_hand": str(after), "unit_cost": str(cost)},
    )
    return movement


def _watch_low(item: StockItem, *, may_tell: bool) -> None:
    """Tell the engineering supervisors once when the part is at or below its reorder point;
    clear the marker when it is back above it."""
    if not item.is_low:
        if item.low_noticed:
            item.low_noticed = False
            item.save(update_fields=["low_noticed"])
        return
    if item.low_noticed or not may_tell:
        return
    item.low_noticed = True
    item.save(update_fields=["low_noticed"])
    part = item

    def compose():
        subject = _("Low stock: %(part)s") % {"part": part}
        body = _("%(on_hand)s %(unit)s on hand, reorder point %(point)s.") % {
            "on_hand": part.on_hand,
            "unit": part.unit,
            "point": part.reorder_point,
        }
        return subject, body

    transaction.on_commit(
        lambda: notify.deliver(
            notify.role_holders(part.community_id, TOLD),
            compose,
            kind=notifications.LOW,
            about=part,
            community=part.community,
        )
    )


def _save(item: StockItem, *, may_tell: bool) -> None:
    item.save(update_fields=["on_hand", "unit_cost"])
    _watch_low(item, may_tell=may_tell)


@transaction.atomic
def stock_receive(
    *, actor, item: StockItem, quantity: Any, unit_cost: Any, supplier: str = ""
) -> StockMovement:
    """Receive `quantity` of the part from `supplier` at `unit_cost` each; the part's unit
    cost becomes the weighted average (see `weighted_average`)."""
    policy.require_perm(actor, "stores.change", item.community_id)
    quantity = _amount(quantity, "quantity", positive=True)
    cost = _amount(unit_cost, "unit_cost", positive=False)
    errors: dict[str, list] = {}
    supplier = _text({"supplier": supplier}, "supplier", 100, errors)
    if errors:
        raise ValidationError(errors)
    item = _locked(item)
    average = weighted_average(item.on_hand, item.unit_cost, quantity, cost)
    movement = _write(
        item, actor=actor, kind=MovementKind.RECEIVED, change=quantity, cost=cost, supplier=supplier
    )
    item.unit_cost = average
    _save(item, may_tell=False)
    return movement


def _target(item: StockItem, work_order, maintenance_task) -> dict:
    if (work_order is None) == (maintenance_task is None):
        raise ValidationError(
            {"work_order": [_("Issue the part to one work order or one maintenance task.")]}
        )
    if work_order is not None and work_order.community_id != item.community_id:
        raise ValidationError({"work_order": [not_found(_("No such work order here."))]})
    if maintenance_task is not None:
        if maintenance_task.community_id != item.community_id:
            raise ValidationError(
                {"maintenance_task": [not_found(_("No such maintenance task here."))]}
            )
        if maintenance_task.status == TaskStatus.SKIPPED:
            raise ValidationError(
                {"maintenance_task": [conflict(_("The maintenance task was skipped."))]}
            )
    return {"work_order": work_order, "maintenance_task": maintenance_task}


@transaction.atomic
def stock_issue(
    *,
    actor,
    item: StockItem,
    quantity: Any,
    work_order: WorkOrder | None = None,
    maintenance_task: MaintenanceTask | None = None,
    key: str = "",
) -> StockMovement:
    """Issue `quantity` of the part to a work order or a maintenance task at the part's unit
    cost of the moment (its cost flows to the order's materials). Refused, changing nothing,
    when less is on hand. With a `key` (unique in the community) the issue is recorded once:
    sending it again returns the movement already written."""
    policy.require_perm(actor, "stores.issue", item.community_id)
    quantity = _amount(quantity, "quantity", positive=True)
    key = (key or "").replace("\x00", "").strip()
    if len(key) > KEY_MAX_LENGTH:
        raise ValidationError(
            {"key": [_("Keep it within %(n)s characters.") % {"n": KEY_MAX_LENGTH}]}
        )
    target = _target(item, work_order, maintenance_task)
    item = _locked(item)
    if key:
        earlier = StockMovement.objects.filter(community_id=item.community_id, key=key).first()
        if earlier is not None:
            return _same_issue(earlier, item, quantity, target)
    try:
        with transaction.atomic():
            movement = _write(
                item,
                actor=actor,
                kind=MovementKind.ISSUED,
                change=-quantity,
                cost=item.unit_cost,
                key=key,
                **target,
            )
    except IntegrityError:
        raise ValidationError(
            {"key": [conflict(_("This key was used for another movement."))]}
        ) from None
    _save(item, may_tell=True)
    return movement


def _same_issue(earlier: StockMovement, item, quantity, target) -> StockMovement:
    same = (
        earlier.item_id == item.pk
        and earlier.kind == MovementKind.ISSUED
        and earlier.quantity == -quantity
        and earlier.work_order_id == getattr(target["work_order"], "pk", None)
        and earlier.maintenance_task_id == getattr(target["maintenance_task"], "pk", None)
    )
    if not same:
        raise ValidationError({"key": [conflict(_("This key was used for another movement."))]})
    earlier.item = item
    return earlier


@transaction.atomic
def stock_count(*, actor, item: StockItem, counted: Any, reason: str) -> StockMovement:
    """Record a stock-take (盘点): the quantity found becomes the quantity on hand; the
    difference is the movement, with the reason for it."""
    policy.require_perm(actor, "stores.change", item.community_id)
    counted = _amount(counted, "counted", positive=False)
    errors: dict[str, list] = {}
    reason = _text({"reason": reason}, "reason", 200, errors)
    if not reason and not errors:
        errors["reason"] = [_("Say why the count differs, or that it was the periodic count.")]
    if errors:
        raise ValidationError(errors)
    item = _locked(item)
    movement = _write(
        item,
        actor=actor,
        kind=MovementKind.COUNTED,
        change=counted - item.on_hand,
        cost=item.unit_cost,
        reason=reason,
    )
    _save(item, may_tell=True)
    return movement


@transaction.atomic
def stock_return(
    *,
    actor,
    item: StockItem,
    quantity: Any,
    work_order: WorkOrder | None = None,
    maintenance_task: MaintenanceTask | None = None,
    reason: str = "",
) -> StockMovement:
    """Take back unused parts from a work order or a maintenance task at the part's unit cost
    of the moment (which the return does not change); the order's materials go down by it."""
    policy.require_perm(actor, "stores.issue", item.community_id)
    quantity = _amount(quantity, "quantity", positive=True)
    errors: dict[str, list] = {}
    reason = _text({"reason": reason}, "reason", 200, errors)
    if errors:
        raise ValidationError(errors)
    target = _target(item, work_order, maintenance_task)
    item = _locked(item)
    out = -(item.movements.filter(**target).aggregate(net=Sum("quantity"))["net"] or Decimal("0"))
    if quantity > out:
        raise ValidationError(
            {
                "quantity": [
                    conflict(
                        _("Only %(out)s %(unit)s of it went out there to come back.")
                        % {"out": out, "unit": item.unit}
                    )
                ]
            }
        )
    movement = _write(
        item,
        actor=actor,
        kind=MovementKind.RETURNED,
        change=quantity,
        cost=item.unit_cost,
        reason=reason,
        **target,
    )
    _save(item, may_tell=False)
    return movement
