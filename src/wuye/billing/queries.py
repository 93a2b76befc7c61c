"""Reading billing for a caller, already scoped: fee items, statements, collection, arrears.

Staff with `billing.view` see their communities; an owner (and the owner's family) sees the
bills of their own home; every resident sees the fee standards published for the community.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from django.db.models import Q, QuerySet, Sum
from django.shortcuts import get_object_or_404

from wuye.core import policy
from wuye.estates.models import Relation, Residency, Unit

from . import calc
from .models import Account, Charge, EntryKind, FeeItem, LedgerEntry, Payment

RATE_PLACES = Decimal("0.0001")


def bill_unit_ids(user) -> list[int]:
    """The homes whose bills the resident may read: as owner or the owner's family."""
    return list(
        Residency.objects.current()
        .filter(
            resident_id__in=policy.resident_ids(user),
            relation__in=[Relation.OWNER, Relation.FAMILY],
        )
        .values_list("unit_id", flat=True)
    )


def fee_items_visible_to(user, community_id: int | None = None) -> QuerySet[FeeItem]:
    """Fee items: the community's staff see them all; residents see their community's active
    ones (the published fee standards, 收费公示)."""
    staff_ids = policy.community_ids_with(user, "billing.view")
    resident_communities = Unit.objects.filter(pk__in=policy.resident_unit_ids(user)).values(
        "community_id"
    )
    qs = FeeItem.objects.filter(
        Q(community_id__in=staff_ids) | Q(community_id__in=resident_communities, active=True)
    )
    if community_id is not None:
        qs = qs.filter(community_id=community_id)
    return qs.order_by("community_id", "code")


def statement_units_visible_to(user) -> QuerySet[Unit]:
    return Unit.objects.filter(
        Q(community_id__in=policy.community_ids_with(user, "billing.view"))
        | Q(pk__in=bill_unit_ids(user))
    )


def payments_visible_to(user) -> QuerySet[Payment]:
    return Payment.objects.filter(
        Q(community_id__in=policy.community_ids_with(user, "billing.view"))
        | Q(unit_id__in=bill_unit_ids(user))
    )


def with_amounts(charges: QuerySet[Charge]) -> QuerySet[Charge]:
    """Charges with `paid` (allocations net of voids) and `outstanding` (still owed)."""
    receivable = Q(entries__account=Account.RECEIVABLE)
    return charges.annotate(
        outstanding=Sum("entries__amount", filter=receivable),
        paid_negated=Sum(
            "entries__amount",
            filter=receivable & Q(entries__kind__in=[EntryKind.ALLOCATION, EntryKind.VOID]),
        ),
    )


@dataclass
class Statement:
    unit: Unit
    balance_due: Decimal
    prepaid_balance: Decimal
    charges: list[Charge]
    payments: list[Payment]


def statement(user, unit_id: int) -> Statement:
    """A home's statement: every charge with what is paid and owed, payments and balances."""
    unit = get_object_or_404(statement_units_visible_to(user), pk=unit_id)
    sums = LedgerEntry.objects.filter(unit=unit).aggregate(
        owed=Sum("amount", filter=Q(account=Account.RECEIVABLE)),
        prepaid=Sum("amount", filter=Q(account=Account.PREPAID)),
    )
    charges = list(
        with_amounts(Charge.objects.filter(unit=unit))
        .select_related("fee_item")
        .order_by("due_date", "period", "pk")
    )
    for charge in charges:
        charge.paid = -calc.cents(charge.paid_negated)
        charge.outstanding = calc.cents(charge.outstanding)
    payments = list(Payment.objects.filter(unit=unit).order_by("-received_at", "-pk"))
    return Statement(
        unit=unit,
        balance_due=calc.cents(sums["owed"]),
        prepaid_balance=-calc.cents(sums["prepaid"]),
        charges=charges,
        payments=payments,
    )


# ---- reports -------------------------------------------------------------------------------


def rate(collected: Decimal, due: Decimal) -> Decimal:
    """Collected ÷ due (收缴率) as a fraction to four places; 0 when nothing was due."""
    return (collected / due).quantize(RATE_PLACES) if due else Decimal("0.0000")


def collection(community_ids: list[int], period: str) -> dict:
    """Due and collected for the charges of `period`: in all, by building and by fee item.

    Due is what was charged (with late fees, less waivers and discounts); collected is what
    payments and prepaid balances have settled of it, net of voids.
    """
    entries = LedgerEntry.objects.filter(
        community_id__in=community_ids,
        account=Account.RECEIVABLE,
        charge__period=period,
    )
    due_kinds = [EntryKind.CHARGE, EntryKind.LATE_FEE, EntryKind.WAIVER, EntryKind.DISCOUNT]
    paid_kinds = [EntryKind.ALLOCATION, EntryKind.VOID]
    sums = {
        "due": Sum("amount", filter=Q(kind__in=due_kinds)),
        "paid_negated": Sum("amount", filter=Q(kind__in=paid_kinds)),
    }

    def row(values: dict) -> dict:
        due = calc.cents(values["due"])
        collected = -calc.cents(values["paid_negated"])
        return {"due": due, "collected": collected, "rate": rate(collected, due)}

    by_building = entries.values("charge__unit__building_id", "charge__unit__building__number")
    by_item = entries.values("charge__fee_item_id", "charge__fee_item__name")
    return {
        "period": period,
        **row(entries.aggregate(**sums)),
        "by_building": [
            {
                "building_id": r["charge__unit__building_id"],
                "building": r["charge__unit__building__number"],
                **row(r),
            }
            for r in by_building.annotate(**sums).order_by("charge__unit__building_id")
        ],
        "by_fee_item": [
            {
                "fee_item_id": r["charge__fee_item_id"],
                "fee_item": r["charge__fee_item__name"],
                **row(r),
            }
            for r in by_item.annotate(**sums).order_by("charge__fee_item_id")
        ],
    }


# Arrears aging: the last day past due that each bucket holds (None: no limit).
AGING_BUCKETS = [("0-30", 30), ("31-90", 90), ("91-180", 180), ("181-365", 365), (">365", None)]


def arrears_aging(community_id: int, on: date) -> dict:
    """What is still owed, by how long past due, for each building and fee item.

    Each bucket sums the receivable entries of charges due in its window, which is the sum
    of what those charges still owe; charges not yet due are left out.
    """
    sums, newer = {}, on + timedelta(days=1)
    for name, last_day in AGING_BUCKETS:
        window = Q(charge__due_date__lt=newer)
        if last_day is not None:
            oldest = on - timedelta(days=last_day)
            window &= Q(charge__due_date__gte=oldest)
            newer = oldest
        sums[name] = Sum("amount", filter=window)
    rows = (
        LedgerEntry.objects.filter(
            community_id=community_id, account=Account.RECEIVABLE, charge__due_date__lte=on
        )
        .values(
            "charge__unit__building_id",
            "charge__unit__building__number",
            "charge__fee_item_id",
            "charge__fee_item__name",
        )
        .annotate(**sums)
        .order_by("charge__unit__building_id", "charge__fee_item_id")
    )
    result = []
    totals = dict.fromkeys(sums, calc.ZERO)
    for r in rows:
        buckets = {name: calc.cents(r[name]) for name in sums}
        if not any(buckets.values()):
            continue
        for name, value in buckets.items():
            totals[name] += value
        result.append(
            {
                "building_id": r["charge__unit__building_id"],
                "building": r["charge__unit__building__number"],
                "fee_item_id": r["charge__fee_item_id"],
                "fee_item": r["charge__fee_item__name"],
                "buckets": buckets,
            }
        )
    return {"on": on, "rows": result, "totals": totals}
