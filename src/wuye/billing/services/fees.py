"""The fee items (收费项目) and fee rules a manager sets in the console (设置).

A fee item is never deleted once it has charges: it is ended with a last day. Its price
changes from the first day of a period; the charges already made keep their amounts, so a new
price may only start after the last day the item has been billed for. Every change is checked
against `billing.configure`, saved whole or not at all, and written to the audit trail field by
field (`core.configure`).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from wuye.core import configure, policy
from wuye.core.dates import add_months
from wuye.core.models import Community
from wuye.core.validators import clean_text, conflict, not_found
from wuye.estates.models import Building

from ..models import AppliesTo, BillingSettings, BillRun, Charge, FeeItem, FeePrice
from ..pricing import price_on

PERM = "billing.configure"

# What a manager may set on a fee item; its price has its own service (fee_price_change).
ITEM_FIELDS = [
    "name",
    "code",
    "kind",
    "method",
    "cycle_months",
    "timing",
    "due_days",
    "rounding",
    "start_date",
    "applies_to",
    "applies_use",
    "applies_building",
    "vacant_rate_applies",
    "auto_pay_from_prepaid",
    "season_start",
    "season_end",
    "season_prorate",
]
# What shapes the periods an item has been billed for: fixed once it has charges.
BILLED_FIELDS = ("kind", "method", "cycle_months", "start_date", "season_start", "season_end")
SETTINGS_FIELDS = [
    "vacant_rate_enabled",
    "vacant_rate_percent",
    "late_fee_enabled",
    "late_fee_daily_rate",
    "late_fee_grace_days",
    "late_fee_cap_percent",
    "prepay_discount_months",
    "prepay_discount_percent",
]
PRICE_FIELDS = ["effective_from", "unit_price"]
PRICE_PLACES = Decimal("0.0001")  # as a price is stored


def _require(actor, community_id: int) -> None:
    if not policy.has_perm(actor, PERM, community_id):
        raise PermissionDenied(_("You may not do this."))


def billed_until(item: FeeItem) -> date | None:
    """The last day the item's charges cover (None when it has never been billed)."""
    return Charge.objects.filter(fee_item=item).aggregate(last=Max("period_end"))["last"]


def first_price_period(item: FeeItem) -> date:
    """The first day from which the item's price may still change: the first of the month
    after the last day it has been billed for, or of its first month."""
    first = item.start_date.replace(day=1)
    last = billed_until(item)
    if last is None:
        return first
    return max(first, add_months(last.replace(day=1), 1))


def _checked_item(community: Community, fields: dict[str, Any]) -> dict[str, Any]:
    """The fields with their text tidied and the building checked to be the community's."""
    fields = dict(fields)
    for name in ("name", "code"):
        if name in fields:
            fields[name] = clean_text(fields[name] or "")
    building = fields.get("applies_building")
    if building is not None:
        if isinstance(building, int):
            building = Building.objects.filter(pk=building, community=community).first()
        if building is None or building.community_id != community.pk:
            raise ValidationError(
                {"applies_building": [not_found(_("Choose a building of this community."))]}
            )
        fields["applies_building"] = building
    return fields


def _check_applies(item: FeeItem) -> None:
    if item.applies_to == AppliesTo.BUILDING and item.applies_building_id is None:
        raise ValidationError(
            {"applies_building": [_("Choose the building whose homes pay this fee.")]}
        )
    if item.applies_to == AppliesTo.USE and not item.applies_use:
        raise ValidationError({"applies_use": [_("Choose the use of the homes that pay it.")]})


def _check_code(item: FeeItem) -> None:
    taken = FeeItem.objects.filter(community_id=item.community_id, code=item.code)
    if item.code and taken.exclude(pk=item.pk).exists():
        raise ValidationError(
            {"code": [conflict(_("Another fee item of the community has this code."))]}
        )


def _check_dates(item: FeeItem) -> None:
    if item.end_date is not None and item.end_date < item.start_date:
        raise ValidationError(
            {
                "end_date": [
                    conflict(
                        _("The last day comes before the first day of the item, %(day)s.")
                        % {"day": f"{item.start_date:%Y-%m-%d}"}
                    )
                ]
            }
        )


@transaction.atomic
def fee_item_create(*, community: Community, fields: dict[str, Any], actor) -> FeeItem:
    """A new fee item with its first price, in effect from the first day of its first month.

    `fields` holds ITEM_FIELDS (those missing take the model's defaults) and `unit_price`."""
    _require(actor, community.pk)
    fields = _checked_item(community, fields)
    price = fields.pop("unit_price", None)
    unknown = set(fields) - set(ITEM_FIELDS)
    if unknown:
        raise ValueError(f"not fields of a fee item: {sorted(unknown)}")
    item = FeeItem(community=community, unit_price=price, **fields)
    _check_code(item)
    item.full_clean()
    _check_applies(item)
    item.save()
    FeePrice.objects.create(
        fee_item=item, effective_from=item.start_date.replace(day=1), unit_price=item.unit_price
    )
    names = [*ITEM_FIELDS, "unit_price"]
    configure.record_change(
        actor=actor,
        action="fee_item.create",
        obj=item,
        before=dict.fromkeys(names, ""),
        names=names,
    )
    return item


@transaction.atomic
def fee_item_change(*, item: FeeItem, fields: dict[str, Any], actor) -> dict[str, list[str]]:
    """Change an item's plain fields (not its price). Once the item has been billed, what
    shapes its periods (kind, calculation, cycle, first day, season) stays as it is."""
    _require(actor, item.community_id)
    item = FeeItem.objects.select_for_update().get(pk=item.pk)
    community = Community.objects.get(pk=item.community_id)
    fields = _checked_item(community, fields)
    unknown = set(fields) - set(ITEM_FIELDS) - {"end_date"}
    if unknown:
        raise ValueError(f"not fields of a fee item: {sorted(unknown)}")
    before = configure.snapshot(item, fields)
    for name, value in fields.items():
        setattr(item, name, value)
    after = configure.snapshot(item, fields)
    fixed = [name for name in BILLED_FIELDS if name in fields and before[name] != after[name]]
    if fixed and Charge.objects.filter(fee_item=item).exists():
        raise ValidationError(
            {
                name: [
                    conflict(
                        _(
                            "This fee item has been billed, so this stays as it is. End the "
                            "item and add a new one for the new way of charging."
                        )
                    )
                ]
                for name in fixed
            }
        )
    if "end_date" in fields:
        _check_end(item)
    _check_dates(item)
    _check_code(item)
    item.full_clean()
    _check_applies(item)
    item.save()
    return configure.record_change(
        actor=actor, action="fee_item.change", obj=item, before=before, names=fields
    )


def _check_end(item: FeeItem) -> None:
    if item.end_date is None:
        return
    _check_dates(item)
    last = billed_until(item)
    if last is not None and item.end_date < last:
        raise ValidationError(
            {
                "end_date": [
                    conflict(
                        _(
                            "This fee item has been billed up to %(day)s; it can end on that "
                            "day at the earliest (the charges already made stay as they are)."
                        )
                        % {"day": f"{last:%Y-%m-%d}"}
                    )
                ]
            }
        )


@transaction.atomic
def fee_item_end(*, item: FeeItem, end_date: date, actor) -> FeeItem:
    """End the item on `end_date` (its last day billed, at the earliest). It is kept, with
    its charges and its prices, and no bill run after that day charges it."""
    fee_item_change(item=item, fields={"end_date": end_date}, actor=actor)
    return FeeItem.objects.get(pk=item.pk)


@transaction.atomic
def fee_price_change(
    *, item: FeeItem, unit_price: Decimal, effective_from: date | None, actor
) -> FeePrice:
    """Set the item's unit price from the first day of a month on (by default the first
    month it has not been billed for). Charges already made keep their amounts: the month
    must come after the last day the item has been billed for, and no bill run of the
    community may be under way for it or later. A later price already set stays in place."""
    _require(actor, item.community_id)
    item = FeeItem.objects.select_for_update().get(pk=item.pk)
    earliest = first_price_period(item)
    if effective_from is None:
        effective_from = earliest
    if effective_from.day != 1:
        raise ValidationError(
            {"effective_from": [_("A price takes effect from the first day of a month.")]}
        )
    if effective_from < earliest:
        billed = billed_until(item)
        message = (
            _(
                "This fee item has been billed up to %(day)s and those charges do not change: "
                "a new price can take effect from %(period)s at the earliest."
            )
            % {"day": f"{billed:%Y-%m-%d}", "period": f"{earliest:%Y-%m}"}
            if billed
            else _("The fee item starts in %(period)s: a price cannot take effect before.")
            % {"period": f"{earliest:%Y-%m}"}
        )
        raise ValidationError({"effective_from": [conflict(message)]})
    if item.end_date is not None and effective_from > item.end_date:
        raise ValidationError(
            {
                "effective_from": [
                    conflict(
                        _("The fee item ends on %(day)s, before the price would take effect.")
                        % {"day": f"{item.end_date:%Y-%m-%d}"}
                    )
                ]
            }
        )
    running = (
        BillRun.objects.filter(
            community_id=item.community_id,
            status__in=[BillRun.Status.QUEUED, BillRun.Status.RUNNING],
            period__gte=f"{effective_from:%Y-%m}",
        )
        .order_by("period")
        .first()
    )
    if running is not None:
        raise ValidationError(
            {
                "effective_from": [
                    conflict(
                        _(
                            "The bill run of %(period)s is under way; change the price once "
                            "it has finished."
                        )
                        % {"period": running.period}
                    )
                ]
            }
        )
    start = item.start_date.replace(day=1)
    if not item.prices.exists():
        # An item made before prices had a history: its first price, from its first month.
        FeePrice.objects.create(fee_item=item, effective_from=start, unit_price=item.unit_price)
    price = FeePrice.objects.filter(fee_item=item, effective_from=effective_from).first()
    if price is None:
        before = {"effective_from": "", "unit_price": str(price_on(item, effective_from))}
        price = FeePrice(fee_item=item, effective_from=effective_from)
    else:
        before = configure.snapshot(price, PRICE_FIELDS)
    price.unit_price = Decimal(unit_price).quantize(PRICE_PLACES)
    price.full_clean(validate_unique=False)
    price.save()
    if effective_from <= start:
        # The price it starts with is the item's own.
        item.unit_price = price.unit_price
        item.save(update_fields=["unit_price"])
    configure.record_change(
        actor=actor, action="fee_item.price", obj=price, before=before, names=PRICE_FIELDS
    )
    return price


def billing_settings_of(community: Community) -> BillingSettings:
    """The community's fee rules (the defaults, unsaved, when none were set)."""
    return BillingSettings.objects.filter(community=community).first() or BillingSettings(
        community=community
    )


def billing_settings_save(
    *, community: Community, fields: dict[str, Any], actor
) -> dict[str, list[str]]:
    """Set the community's fee rules: vacant-home rate, late fees, prepayment discount."""
    unknown = set(fields) - set(SETTINGS_FIELDS)
    if unknown:
        raise ValueError(f"not billing settings: {sorted(unknown)}")
    return configure.save_setting(
        actor=actor,
        perm=PERM,
        community_id=community.pk,
        obj=billing_settings_of(community),
        fields=fields,
        action="billing.settings",
    )
