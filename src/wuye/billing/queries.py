"""Reading billing for a caller, already scoped: fee items, statements, collection, arrears.

Staff with `billing.view` see their communities; an owner (and the owner's family) sees the
bills of their own home; every resident sees the fee standards published for the community.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.db import models
from django.db.models import Case, F, OuterRef, Q, QuerySet, Subquery, Sum, Value, When
from django.db.models.functions import Coalesce, TruncMonth
from django.shortcuts import get_object_or_404
from django.utils import timezone

from wuye.core import policy
from wuye.estates.models import Relation, Residency, Unit

from . import calc
from .models import (
    Account,
    BillRun,
    Charge,
    CommonIncome,
    EntryKind,
    FeeItem,
    FeePrice,
    LedgerEntry,
    Payment,
    PaymentMethod,
    RepairBill,
    fee_item_label,
)

RATE_PLACES = Decimal("0.0001")
# What makes a charge's amount due: the charge, its late fees, less waivers, discounts and
# credit notes (a paid repair made cheaper by rework).
DUE_KINDS = [
    EntryKind.CHARGE,
    EntryKind.LATE_FEE,
    EntryKind.WAIVER,
    EntryKind.DISCOUNT,
    EntryKind.CREDIT,
]


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


def with_prices(items: QuerySet[FeeItem], day: date) -> QuerySet[FeeItem]:
    """Fee items with `price_now`, their unit price in effect on `day`, and `price_next` from
    `price_next_from`, the next price set after it (None when there is none)."""
    prices = FeePrice.objects.filter(fee_item=OuterRef("pk"))
    now = prices.filter(effective_from__lte=day).order_by("-effective_from")
    later = prices.filter(effective_from__gt=day).order_by("effective_from")
    return items.annotate(
        price_now=Coalesce(Subquery(now.values("unit_price")[:1]), F("unit_price")),
        price_next=Subquery(later.values("unit_price")[:1]),
        price_next_from=Subquery(later.values("effective_from")[:1]),
    )


def fee_items_to_configure(community_id: int, day: date) -> QuerySet[FeeItem]:
    """The community's fee items for the settings page, those still charged first, each with
    its prices (`with_prices`) and `ended`: withdrawn, or past its last day."""
    ended = Q(active=False) | Q(end_date__lt=day)
    items = FeeItem.objects.filter(community_id=community_id).annotate(
        ended=Case(When(ended, then=Value(True)), default=Value(False))
    )
    return with_prices(items, day).select_related("applies_building").order_by("ended", "code")


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


def pending_repairs(unit_ids) -> list[RepairBill]:
    """Paid repairs of these homes not yet (wholly) on the ledger, newest first, each with
    `pending`: what is still to be charged (negative: to be credited) and why it waits."""
    bills = (
        RepairBill.objects.filter(unit_id__in=list(unit_ids))
        .exclude(waiting_for="")
        .annotate(posted=Sum("postings__amount"))
        .order_by("-updated_at", "-pk")
    )
    pending = []
    for bill in bills:
        bill.pending = bill.amount - calc.cents(bill.posted)
        if bill.pending:
            pending.append(bill)
    return pending


def repair_bill(community_id: int, number: str) -> RepairBill | None:
    """A work order's repair bill with `posted` and `pending` to the cent, or None. The
    caller (the service desk's order page) has already checked who may see the order."""
    bill = (
        RepairBill.objects.filter(community_id=community_id, number=number)
        .annotate(posted=Sum("postings__amount"))
        .first()
    )
    if bill is not None:
        bill.posted = calc.cents(bill.posted)
        bill.pending = bill.amount - bill.posted if bill.waiting_for else calc.ZERO
    return bill


@dataclass
class Statement:
    unit: Unit
    balance_due: Decimal
    prepaid_balance: Decimal
    charges: list[Charge]
    payments: list[Payment]
    # 待确认: paid repairs not posted yet, shown apart from what is owed
    pending: list[RepairBill]

    @property
    def pending_total(self) -> Decimal:
        return sum((bill.pending for bill in self.pending), calc.ZERO)


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
        pending=pending_repairs([unit.pk]),
    )


def balances(unit_ids) -> dict[int, dict[str, Decimal]]:
    """{home id: {"owed", "prepaid"}} for these homes, to the cent, in one query."""
    ids = list(unit_ids)
    found = {pk: {"owed": calc.ZERO, "prepaid": calc.ZERO} for pk in ids}
    rows = (
        LedgerEntry.objects.filter(unit_id__in=ids)
        .values("unit_id")
        .annotate(
            owed=Sum("amount", filter=Q(account=Account.RECEIVABLE)),
            prepaid=Sum("amount", filter=Q(account=Account.PREPAID)),
        )
        .order_by()
    )
    for row in rows:
        found[row["unit_id"]] = {
            "owed": calc.cents(row["owed"]),
            "prepaid": -calc.cents(row["prepaid"]),
        }
    return found


# ---- reports -------------------------------------------------------------------------------


def _item_label(row: dict) -> str:
    return fee_item_label(row["charge__fee_item__name"], row["charge__fee_item__kind"])


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
    paid_kinds = [EntryKind.ALLOCATION, EntryKind.VOID]
    sums = {
        "due": Sum("amount", filter=Q(kind__in=DUE_KINDS)),
        "paid_negated": Sum("amount", filter=Q(kind__in=paid_kinds)),
    }

    def row(values: dict) -> dict:
        due = calc.cents(values["due"])
        collected = -calc.cents(values["paid_negated"])
        return {"due": due, "collected": collected, "rate": rate(collected, due)}

    by_building = entries.values("charge__unit__building_id", "charge__unit__building__number")
    by_item = entries.values(
        "charge__fee_item_id", "charge__fee_item__name", "charge__fee_item__kind"
    )
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
                "fee_item": _item_label(r),
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
            "charge__fee_item__kind",
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
                "fee_item": _item_label(r),
                "buckets": buckets,
            }
        )
    return {"on": on, "rows": result, "totals": totals}


# A bill run is taken by a worker within seconds; one still queued after this has no worker.
WORKER_WAIT = timedelta(seconds=30)


def runs_waiting_for_worker(community_id: int, now: datetime | None = None) -> QuerySet[BillRun]:
    """The community's bill runs still queued longer than a worker takes to pick one up:
    no worker (`wuye db_worker`) is running."""
    return BillRun.objects.filter(
        community_id=community_id,
        status=BillRun.Status.QUEUED,
        created_at__lt=(now or timezone.now()) - WORKER_WAIT,
    )


# ---- the cashier's desk, arrears lists and report series ------------------------------------


def _owed_sum() -> Sum:
    return Sum("ledger_entries__amount", filter=Q(ledger_entries__account=Account.RECEIVABLE))


def desk_homes(user, community_id: int, text: str, limit: int = 20) -> list[Unit]:
    """Homes found by room number, or as the homes of residents found by name or mobile,
    each with `owed` (what it still owes) and its current residents."""
    from wuye.estates import queries as estates

    found = estates.search(user, community_id, text, limit=limit)
    unit_ids = {u.pk for u in found["units"]}
    unit_ids |= set(
        Residency.objects.current()
        .filter(resident__in=found["residents"])
        .values_list("unit_id", flat=True)
    )
    units = estates.with_current_residencies(
        statement_units_visible_to(user)
        .filter(community_id=community_id, pk__in=unit_ids)
        .select_related("building")
        .annotate(owed=_owed_sum())
    ).order_by(*estates.UNIT_ORDER)[:limit]
    units = list(units)
    pending: dict[int, Decimal] = {}
    for bill in pending_repairs(u.pk for u in units):
        pending[bill.unit_id] = pending.get(bill.unit_id, calc.ZERO) + bill.pending
    for unit in units:
        unit.pending = pending.get(unit.pk, calc.ZERO)
    return units


def desk_home(user, community_id: int, unit_id: int) -> Unit:
    """A home of the community for the desk, with its current residents; 404 if unseen."""
    from wuye.estates import queries as estates

    return get_object_or_404(
        estates.with_current_residencies(
            statement_units_visible_to(user)
            .filter(community_id=community_id)
            .select_related("building")
        ),
        pk=unit_id,
    )


def owed_charges(unit_id: int) -> list[Charge]:
    """The home's charges still owed, oldest due first, `outstanding` to the cent."""
    charges = list(
        _owing(Charge.objects.filter(unit_id=unit_id))
        .select_related("fee_item")
        .order_by("due_date", "period", "pk")
    )
    for charge in charges:
        charge.outstanding = calc.cents(charge.outstanding)
    return charges


def payment_detail(user, community_id: int, payment_id: int) -> Payment:
    """A payment of the community with its home, cashier and allocations; 404 if unseen."""
    return get_object_or_404(
        payments_visible_to(user)
        .filter(community_id=community_id)
        .select_related("unit__building", "cashier", "voided_by")
        .prefetch_related("allocations__charge__fee_item"),
        pk=payment_id,
    )


@dataclass
class ReceiptLine:
    charge: Charge
    paid: Decimal  # by this payment
    owed_after: Decimal  # still owed on the charge once this payment was taken


@dataclass
class ReceiptFigures:
    lines: list[ReceiptLine]
    prepaid: Decimal  # what went to the prepaid balance
    home_owed_after: Decimal  # all the home still owed once this payment was taken


def receipt_figures(payment: Payment) -> ReceiptFigures:
    """What a payment paid, charge by charge, and what was still owed right after it (尚欠),
    as its receipt states them, however often it is reprinted. A later void or payment does
    not change them."""
    taken = payment.entries.exclude(kind=EntryKind.VOID).aggregate(last=models.Max("pk"))
    owed_then = LedgerEntry.objects.filter(
        unit_id=payment.unit_id, account=Account.RECEIVABLE, pk__lte=taken["last"] or 0
    )
    allocations = list(
        payment.allocations.select_related("charge__fee_item").order_by("charge__due_date", "pk")
    )
    by_charge = dict(
        owed_then.filter(charge_id__in=[a.charge_id for a in allocations])
        .values("charge_id")
        .annotate(owed=Sum("amount"))
        .values_list("charge_id", "owed")
    )
    paid = sum((a.amount for a in allocations), calc.ZERO)
    return ReceiptFigures(
        lines=[
            ReceiptLine(
                charge=a.charge, paid=a.amount, owed_after=calc.cents(by_charge.get(a.charge_id))
            )
            for a in allocations
        ],
        prepaid=payment.amount - paid,
        home_owed_after=calc.cents(owed_then.aggregate(owed=Sum("amount"))["owed"]),
    )


def arrears_summary(aging: dict) -> dict:
    """The aging rows added up by building and by fee item, with a total per row."""

    def grouped(key: str, label: str) -> list[dict]:
        groups: dict = {}
        for row in aging["rows"]:
            group = groups.setdefault(
                row[key],
                {"id": row[key], "label": row[label], "buckets": dict.fromkeys(row["buckets"], 0)},
            )
            for name, value in row["buckets"].items():
                group["buckets"][name] += value
        for group in groups.values():
            group["total"] = sum(group["buckets"].values(), calc.ZERO)
        return list(groups.values())

    return {
        "on": aging["on"],
        "bucket_names": [name for name, _last in AGING_BUCKETS],
        "by_building": grouped("building_id", "building"),
        "by_fee_item": grouped("fee_item_id", "fee_item"),
        "totals": aging["totals"],
        "total": sum(aging["totals"].values(), calc.ZERO),
    }


def _owing(charges: QuerySet[Charge]) -> QuerySet[Charge]:
    """Charges with `outstanding`, keeping those that still owe at least a cent.

    The threshold, not `> 0`, because SQLite adds decimals as floats and leaves crumbs
    such as 1e-12 on charges that are paid in full.
    """
    return charges.annotate(
        outstanding=Sum("entries__amount", filter=Q(entries__account=Account.RECEIVABLE))
    ).filter(outstanding__gte=calc.HALF_CENT)


def arrears_homes(community_id: int, on: date, building_id: int | None = None) -> list[dict]:
    """Homes owing on charges due by `on`: what they owe and since when, most owed first."""
    charges = Charge.objects.filter(community_id=community_id, due_date__lte=on)
    if building_id is not None:
        charges = charges.filter(unit__building_id=building_id)
    homes: dict[int, dict] = {}
    for unit_id, outstanding, due in _owing(charges).values_list(
        "unit_id", "outstanding", "due_date"
    ):
        home = homes.setdefault(unit_id, {"unit_id": unit_id, "owed": calc.ZERO, "since": due})
        home["owed"] += calc.cents(outstanding)
        home["since"] = min(home["since"], due)
    for unit in Unit.objects.filter(pk__in=list(homes)).select_related("building"):
        homes[unit.pk]["label"] = unit.label
    for home in homes.values():
        home["days"] = (on - home["since"]).days
    return sorted(homes.values(), key=lambda h: (-h["owed"], h["unit_id"]))


def reminder_homes(user, community_id: int, on: date, unit_ids: list[int]) -> list[dict]:
    """What each of these homes owes on charges due by `on`, for reminder notices (催缴)."""
    units = {
        u.pk: u
        for u in desk_units(user, community_id)
        .filter(pk__in=unit_ids)
        .prefetch_related(
            models.Prefetch(
                "residencies",
                queryset=Residency.objects.current()
                .filter(relation=Relation.OWNER)
                .select_related("resident")
                .order_by("resident__name"),
                to_attr="owners",
            )
        )
    }
    charges = (
        _owing(Charge.objects.filter(unit_id__in=list(units), due_date__lte=on))
        .select_related("fee_item")
        .order_by("unit_id", "due_date", "period", "pk")
    )
    owed: dict[int, list[Charge]] = {pk: [] for pk in units}
    for charge in charges:
        charge.outstanding = calc.cents(charge.outstanding)
        owed[charge.unit_id].append(charge)
    return [
        {
            "unit": units[pk],
            "owners": [r.resident.name for r in units[pk].owners],
            "charges": owed[pk],
            "total": sum((c.outstanding for c in owed[pk]), calc.ZERO),
        }
        for pk in unit_ids
        if pk in units and owed[pk]
    ]


def desk_units(user, community_id: int) -> QuerySet[Unit]:
    return (
        statement_units_visible_to(user)
        .filter(community_id=community_id)
        .select_related("building", "community")
    )


def collection_trend(community_id: int, periods: list[str]) -> list[dict]:
    """Receivable (due) and collected for each period, oldest first, in one query."""
    rows = (
        LedgerEntry.objects.filter(
            community_id=community_id, account=Account.RECEIVABLE, charge__period__in=periods
        )
        .values("charge__period")
        .annotate(
            due=Sum("amount", filter=Q(kind__in=DUE_KINDS)),
            paid_negated=Sum("amount", filter=Q(kind__in=[EntryKind.ALLOCATION, EntryKind.VOID])),
        )
    )
    by_period = {r["charge__period"]: r for r in rows}
    result = []
    for period in periods:
        r = by_period.get(period, {})
        due, collected = calc.cents(r.get("due")), -calc.cents(r.get("paid_negated"))
        result.append(
            {"period": period, "due": due, "collected": collected, "rate": rate(collected, due)}
        )
    return result


def cashier_daily(community_id: int, day: date) -> dict:
    """The day's payments at the desk, reconciled by payment method (voids shown apart)."""
    start = timezone.make_aware(datetime.combine(day, time.min))
    payments = list(
        Payment.objects.filter(
            community_id=community_id,
            received_at__gte=start,
            received_at__lt=start + timedelta(days=1),
        )
        .select_related("unit__building", "cashier")
        .order_by("received_at", "pk")
    )
    methods = {
        value: {"method": value, "label": label, "count": 0, "amount": calc.ZERO, "voided": 0}
        for value, label in PaymentMethod.choices
    }
    for p in payments:
        row = methods[p.method]
        if p.status == Payment.Status.VOID:
            row["voided"] += 1
        else:
            row["count"] += 1
            row["amount"] += p.amount
    by_method = [row for row in methods.values() if row["count"] or row["voided"]]
    return {
        "day": day,
        "payments": payments,
        "by_method": by_method,
        "count": sum(r["count"] for r in by_method),
        "total": sum((r["amount"] for r in by_method), calc.ZERO),
    }


def preview_rows(preview: dict) -> dict:
    """A bill-run preview with building numbers and fee item names beside its figures."""
    from wuye.estates.models import Building

    buildings = dict(
        Building.objects.filter(pk__in=list(preview["by_building"])).values_list("pk", "number")
    )
    items = {
        item.pk: item.label for item in FeeItem.objects.filter(pk__in=list(preview["by_fee_item"]))
    }
    return preview | {
        "by_building": sorted(
            ({"label": buildings[k], **v} for k, v in preview["by_building"].items()),
            key=lambda r: (len(r["label"]), r["label"]),
        ),
        "by_fee_item": sorted(
            ({"label": items[k], **v} for k, v in preview["by_fee_item"].items()),
            key=lambda r: r["label"],
        ),
    }


def published_fee_items(user) -> QuerySet[FeeItem]:
    """The fee standards (收费公示) of the communities the resident lives in: active items."""
    communities = Unit.objects.filter(pk__in=policy.resident_unit_ids(user)).values("community_id")
    items = fee_items_visible_to(user).filter(community_id__in=communities, active=True)
    return (
        with_prices(items, timezone.localdate())
        .select_related("community")
        .order_by("community__name", "kind", "code")
    )


# ---- the arrears trend and the collection of earlier years' arrears (清欠) -------------------

PAID_KINDS = [EntryKind.ALLOCATION, EntryKind.VOID]


def _midnight(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def _owed_before(end: date) -> Q:
    """The receivable entries that make up what was owed as `end` began, on charges due
    before it: the charges (owed from their due day, whenever they were written), with the
    late fees, waivers, discounts and credit notes written before `end`, less what payments
    had settled by then."""
    before = Q(at__lt=_midnight(end))
    return Q(charge__due_date__lt=end) & (
        Q(kind=EntryKind.CHARGE)
        | (Q(kind__in=[k for k in DUE_KINDS if k != EntryKind.CHARGE]) & before)
        | (Q(kind__in=PAID_KINDS) & before)
    )


def _month_after(first: date) -> date:
    return date(first.year + first.month // 12, first.month % 12 + 1, 1)


def arrears_trend(community_id: int, on: date, months: int = 12) -> list[dict]:
    """What was owed at the end of each of the `months` months up to `on`'s (for that month:
    at the end of `on`), in one query: the charges due by then and their adjustments, less the
    payments received by then."""
    first = date(on.year, on.month, 1)
    firsts = [first]
    for _n in range(months - 1):
        first = date(first.year - (first.month == 1), (first.month - 2) % 12 + 1, 1)
        firsts.insert(0, first)
    ends = [min(_month_after(f), on + timedelta(days=1)) for f in firsts]
    sums = {f"m{n}": Sum("amount", filter=_owed_before(end)) for n, end in enumerate(ends)}
    totals = LedgerEntry.objects.filter(
        community_id=community_id, account=Account.RECEIVABLE
    ).aggregate(**sums)
    return [
        {"month": f"{f:%Y-%m}", "owed": calc.cents(totals[f"m{n}"])} for n, f in enumerate(firsts)
    ]


def arrears_recovery(community_id: int, on: date) -> dict:
    """The collection of earlier years' arrears (清欠率) in the year of `on`, up to `on`:
    what payments this year settled of the charges due before it, over what those charges
    still owed as the year began."""
    new_year = date(on.year, 1, 1)
    earlier = LedgerEntry.objects.filter(
        community_id=community_id, account=Account.RECEIVABLE, charge__due_date__lt=new_year
    )
    totals = earlier.aggregate(
        owed=Sum("amount", filter=_owed_before(new_year)),
        paid_negated=Sum(
            "amount",
            filter=Q(
                kind__in=PAID_KINDS,
                at__gte=_midnight(new_year),
                at__lt=_midnight(on + timedelta(days=1)),
            ),
        ),
    )
    owed = calc.cents(totals["owed"])
    collected = calc.ZERO - calc.cents(totals["paid_negated"])
    return {
        "year": on.year,
        "on": on,
        "owed_at_start": owed,
        "collected": collected,
        "rate": rate(collected, owed),
    }


def common_income_by_month(community_id: int, source: str, year: int) -> dict[int, Decimal]:
    """Common-area income of one source received in each month of `year` (voids included,
    in the month they were made), months 1–12, in the community's local time."""
    rows = (
        CommonIncome.objects.filter(community_id=community_id, source=source, at__year=year)
        .annotate(month=TruncMonth("at"))
        .values("month")
        .annotate(total=Sum("amount"))
    )
    months = {month: Decimal("0.00") for month in range(1, 13)}
    for row in rows:
        months[row["month"].month] += row["total"]
    return months


def common_income_total(community_id: int, source: str, start: date, end: date) -> Decimal:
    """Common-area income of one source received from `start` to `end` (both days included)."""
    tz = timezone.get_current_timezone()
    since = datetime.combine(start, time.min, tzinfo=tz)
    until = datetime.combine(end + timedelta(days=1), time.min, tzinfo=tz)
    total = CommonIncome.objects.filter(
        community_id=community_id, source=source, at__gte=since, at__lt=until
    ).aggregate(total=Sum("amount"))["total"]
    return total or Decimal("0.00")
