"""Bill runs (批量出账): a period's charges for a whole community, set-based and resumable.

Charges are computed per batch of homes in Python (one pass over plain tuples) and written
with one `bulk_create(ignore_conflicts=True)` per batch; the unique constraint on
(home, fee item, period) makes a second run, or the resumption of a failed one, add nothing
that is already there. Each batch is one transaction: its charges, their ledger entries and
the payments taken from prepaid balances commit together or not at all.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Exists, F, OuterRef, Q, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from wuye.core import audit, policy
from wuye.core.models import Community
from wuye.estates.models import Occupancy, Unit

from . import calc
from .models import (
    RECURRING_METHODS,
    Account,
    Allocation,
    AppliesTo,
    BillingSettings,
    BillRun,
    Charge,
    EntryKind,
    FeeItem,
    FeeMethod,
    LedgerEntry,
    ParkingContract,
    Timing,
)

BATCH_SIZE = 2000
FAR_FUTURE = date(9999, 12, 31)


@dataclass(frozen=True)
class Home:
    """What a fee needs to know of a home, read once per run."""

    pk: int
    building_id: int
    use: str
    building_area: Decimal
    inner_area: Decimal | None
    vacant: bool


@dataclass
class ItemPlan:
    """A fee item due in the period, with what it needs to price each home."""

    item: FeeItem
    span: tuple[date, date]
    due_date: date
    unit_ids: frozenset[int] | None  # chosen homes, when the item applies to chosen homes
    spaces: dict[int, list[tuple[date, date]]]  # per-space items: home -> contract spans
    vacant_factor: Decimal | None
    months: int

    def applies(self, home: Home) -> bool:
        item = self.item
        if item.method == FeeMethod.PER_SPACE:  # parking fees follow the parking contracts
            return bool(self.spaces.get(home.pk))
        if item.applies_to == AppliesTo.USE:
            return home.use == item.applies_use
        if item.applies_to == AppliesTo.BUILDING:
            return home.building_id == item.applies_building_id
        return self.unit_ids is not None and home.pk in self.unit_ids

    def amount(self, home: Home) -> Decimal:
        """The home's charge for the cycle, prorated and rounded (zero when nothing is due)."""
        item, months = self.item, self.months
        if item.method == FeeMethod.PER_SPACE:
            full = calc.area_fee(Decimal(1), item.unit_price, months)
            raw = sum(
                (calc.prorate(full, self.span, contract) for contract in self.spaces[home.pk]),
                Decimal(0),
            )
        else:
            if item.method == FeeMethod.BUILDING_AREA:
                full = calc.area_fee(home.building_area, item.unit_price, months)
            elif item.method == FeeMethod.INNER_AREA:
                if home.inner_area is None:
                    return calc.ZERO
                full = calc.area_fee(home.inner_area, item.unit_price, months)
            else:
                full = Decimal(item.unit_price) * months
            if home.vacant and self.vacant_factor is not None:
                full *= self.vacant_factor
            raw = calc.prorate(full, self.span, (item.start_date, item.end_date or FAR_FUTURE))
        return calc.to_cents(raw, item.rounding)


def _period_start(period: str) -> date:
    try:
        return calc.parse_period(period)
    except ValueError:
        raise ValidationError({"period": [_("Enter the period as YYYY-MM.")]}) from None


def plans_for(community: Community, period: str) -> list[ItemPlan]:
    """The recurring fee items whose cycle starts in `period`, ready to price homes."""
    start = _period_start(period)
    settings_row = BillingSettings.objects.filter(community=community).first()
    items = FeeItem.objects.filter(
        community=community, active=True, method__in=RECURRING_METHODS
    ).filter(Q(end_date__isnull=True) | Q(end_date__gte=start))
    return [
        plan_for_item(item, period, settings_row)
        for item in items
        if (offset := calc.months_between(item.start_date, start)) >= 0
        and offset % item.cycle_months == 0
    ]


def plan_for_item(
    item: FeeItem, period: str, settings_row: BillingSettings | None = None
) -> ItemPlan:
    """The item's cycle starting with `period`: which homes it reaches and how it prices them."""
    _period_start(period)
    span = calc.period_span(period, item.cycle_months)
    due = span[0] if item.timing == Timing.PREPAID else span[1]
    unit_ids = None
    if item.applies_to == AppliesTo.UNITS:
        unit_ids = frozenset(item.applies_units.values_list("pk", flat=True))
    spaces: dict[int, list[tuple[date, date]]] = defaultdict(list)
    if item.method == FeeMethod.PER_SPACE:
        contracts = ParkingContract.objects.filter(fee_item=item, start_date__lte=span[1])
        contracts = contracts.filter(Q(end_date__isnull=True) | Q(end_date__gte=span[0]))
        for unit_id, c_start, c_end in contracts.values_list("unit_id", "start_date", "end_date"):
            spaces[unit_id].append((c_start, c_end or FAR_FUTURE))
    factor = None
    if settings_row is not None and settings_row.vacant_rate_enabled and item.vacant_rate_applies:
        factor = settings_row.vacant_rate_percent / 100
    return ItemPlan(
        item=item,
        span=span,
        due_date=due + timedelta(days=item.due_days),
        unit_ids=unit_ids,
        spaces=spaces,
        vacant_factor=factor,
        months=item.cycle_months,
    )


def homes_of(community: Community) -> list[Home]:
    rows = (
        Unit.objects.filter(community=community)
        .order_by("pk")
        .values_list("pk", "building_id", "use", "building_area", "inner_area", "occupancy")
    )
    return [
        Home(pk, building, use, area, inner, occupancy == Occupancy.VACANT)
        for pk, building, use, area, inner, occupancy in rows
    ]


def _charges_for(plans: list[ItemPlan], homes: list[Home], period: str, run_id: int | None):
    for home in homes:
        for plan in plans:
            if plan.applies(home):
                amount = plan.amount(home)
                if amount > 0:
                    yield Charge(
                        community_id=plan.item.community_id,
                        unit_id=home.pk,
                        fee_item_id=plan.item.pk,
                        period=period,
                        period_start=plan.span[0],
                        period_end=plan.span[1],
                        amount=amount,
                        due_date=plan.due_date,
                        bill_run_id=run_id,
                    )


def monthly_fees(unit: Unit, on: date) -> Decimal:
    """What the home's recurring fees come to in the month of `on` (measures the prepaid limit)."""
    period = f"{on:%Y-%m}"
    span = calc.period_span(period, 1)
    settings_row = BillingSettings.objects.filter(community_id=unit.community_id).first()
    vacant_on = settings_row is not None and settings_row.vacant_rate_enabled
    home = Home(
        unit.pk,
        unit.building_id,
        unit.use,
        unit.building_area,
        unit.inner_area,
        unit.occupancy == Occupancy.VACANT,
    )
    items = FeeItem.objects.filter(
        community_id=unit.community_id, active=True, method__in=RECURRING_METHODS
    ).filter(Q(end_date__isnull=True) | Q(end_date__gte=span[0]), start_date__lte=span[1])
    contracts = ParkingContract.objects.filter(unit=unit, start_date__lte=span[1]).filter(
        Q(end_date__isnull=True) | Q(end_date__gte=span[0])
    )
    spans_by_item: dict[int, list[tuple[date, date]]] = defaultdict(list)
    for item_id, c_start, c_end in contracts.values_list("fee_item_id", "start_date", "end_date"):
        spans_by_item[item_id].append((c_start, c_end or FAR_FUTURE))
    chosen = set(
        FeeItem.applies_units.through.objects.filter(unit_id=unit.pk).values_list(
            "feeitem_id", flat=True
        )
    )
    total = Decimal(0)
    for item in items:
        unit_ids = frozenset({unit.pk}) if item.pk in chosen else None
        factor = None
        if vacant_on and item.vacant_rate_applies:
            factor = settings_row.vacant_rate_percent / 100
        spaces = {unit.pk: spans_by_item.get(item.pk, [])}
        plan = ItemPlan(item, span, span[0], unit_ids, spaces, factor, months=1)
        if plan.applies(home):
            total += plan.amount(home)
    return total


# ---- preview, start, generate --------------------------------------------------------------


def bill_run_preview(*, community: Community, period: str, actor) -> dict:
    """Counts and totals the run would create, by building and fee item. Writes nothing."""
    policy.require_perm(actor, "billing.run", community.pk)
    plans = plans_for(community, period)
    existing = set(
        Charge.objects.filter(community=community, period=period, source_ref="").values_list(
            "unit_id", "fee_item_id"
        )
    )
    by_building: dict[int, list] = defaultdict(lambda: [0, Decimal(0)])
    by_item: dict[int, list] = defaultdict(lambda: [0, Decimal(0)])
    homes = homes_of(community)
    building_of = {h.pk: h.building_id for h in homes}
    count, total = 0, Decimal(0)
    for charge in _charges_for(plans, homes, period, None):
        if (charge.unit_id, charge.fee_item_id) in existing:
            continue
        count += 1
        total += charge.amount
        for bucket in (by_building[building_of[charge.unit_id]], by_item[charge.fee_item_id]):
            bucket[0] += 1
            bucket[1] += charge.amount
    return {
        "period": period,
        "charges": count,
        "total_amount": total,
        "by_building": {k: {"charges": c, "amount": a} for k, (c, a) in by_building.items()},
        "by_fee_item": {k: {"charges": c, "amount": a} for k, (c, a) in by_item.items()},
    }


def bill_run_start(*, community: Community, period: str, actor, background: bool = True) -> BillRun:
    """Create the run for `period`; generate its charges in a task, or here and now."""
    policy.require_perm(actor, "billing.run", community.pk)
    _period_start(period)
    with transaction.atomic():
        run = BillRun.objects.create(
            community=community,
            period=period,
            created_by=actor if getattr(actor, "is_authenticated", False) else None,
            units_total=Unit.objects.filter(community=community).count(),
        )
        audit.record(actor=actor, action="bill_run.start", obj=run, changes={"period": period})
    if background:
        from .tasks import generate_bill_run

        transaction.on_commit(lambda: generate_bill_run.enqueue(run.pk))
    else:
        bill_run_generate(run=run)
    return run


def bill_run_resume(*, run: BillRun, actor) -> BillRun:
    """Run a failed or interrupted run again; what its committed batches wrote stays once."""
    policy.require_perm(actor, "billing.run", run.community_id)
    if run.status == BillRun.Status.FINISHED:
        raise ValidationError(_("This bill run has finished."))
    bill_run_generate(run=run)
    return run


def bill_run_generate(*, run: BillRun, batch_size: int = BATCH_SIZE) -> BillRun:
    """Write the run's charges batch by batch, updating its progress after each batch."""
    BillRun.objects.filter(pk=run.pk).update(
        status=BillRun.Status.RUNNING, started_at=timezone.now(), units_done=0, error=""
    )
    try:
        community = Community.objects.get(pk=run.community_id)
        plans = plans_for(community, run.period)
        homes = homes_of(community)
        for first in range(0, len(homes), batch_size):
            _write_batch(run, plans, homes[first : first + batch_size])
    except Exception as exc:
        BillRun.objects.filter(pk=run.pk).update(
            status=BillRun.Status.FAILED, error=str(exc)[:2000], finished_at=timezone.now()
        )
        raise
    totals = Charge.objects.filter(bill_run=run).aggregate(n=Count("pk"), total=Sum("amount"))
    BillRun.objects.filter(pk=run.pk).update(
        status=BillRun.Status.FINISHED,
        finished_at=timezone.now(),
        charges_created=totals["n"],
        total_amount=calc.cents(totals["total"]),
    )
    run.refresh_from_db()
    return run


@transaction.atomic
def _write_batch(run: BillRun, plans: list[ItemPlan], homes: list[Home]) -> None:
    unit_ids = [h.pk for h in homes]
    Charge.objects.bulk_create(
        _charges_for(plans, homes, run.period, run.pk), batch_size=1000, ignore_conflicts=True
    )
    has_entry = LedgerEntry.objects.filter(charge=OuterRef("pk"), kind=EntryKind.CHARGE)
    new = list(
        Charge.objects.filter(bill_run=run, unit_id__in=unit_ids)
        .filter(~Exists(has_entry))
        .order_by("unit_id", "due_date", "pk")
        .values_list("pk", "unit_id", "amount", "due_date", "fee_item__auto_pay_from_prepaid")
    )
    now = timezone.now()
    entries = [
        LedgerEntry(
            community_id=run.community_id,
            unit_id=unit_id,
            account=Account.RECEIVABLE,
            kind=EntryKind.CHARGE,
            amount=amount,
            charge_id=pk,
            at=now,
        )
        for pk, unit_id, amount, _due, _auto in new
    ]
    entries += _pay_from_prepaid(run.community_id, new, now)
    LedgerEntry.objects.bulk_create(entries, batch_size=1000)
    BillRun.objects.filter(pk=run.pk).update(units_done=F("units_done") + len(homes))


def _pay_from_prepaid(community_id: int, new: list[tuple], now) -> list[LedgerEntry]:
    """Settle new charges from the homes' prepaid balances where the fee item allows it."""
    payable = defaultdict(list)
    for pk, unit_id, amount, _due, auto in new:
        if auto:
            payable[unit_id].append((pk, amount))
    if not payable:
        return []
    balances = (
        LedgerEntry.objects.filter(unit_id__in=list(payable), account=Account.PREPAID)
        .values("unit_id")
        .annotate(owed=Sum("amount"))
        .filter(owed__lt=0)
    )
    entries, allocations = [], []
    for row in balances:
        unit_id, credit = row["unit_id"], -calc.cents(row["owed"])
        for part in calc.allocate(credit, payable[unit_id])[0]:
            allocations.append(
                Allocation(charge_id=part.charge, amount=part.amount, created_at=now)
            )
            common = {"community_id": community_id, "unit_id": unit_id, "charge_id": part.charge}
            entries.append(
                LedgerEntry(
                    **common,
                    account=Account.PREPAID,
                    kind=EntryKind.PREPAID_OUT,
                    amount=part.amount,
                    at=now,
                )
            )
            entries.append(
                LedgerEntry(
                    **common,
                    account=Account.RECEIVABLE,
                    kind=EntryKind.ALLOCATION,
                    amount=-part.amount,
                    at=now,
                )
            )
    Allocation.objects.bulk_create(allocations)
    return entries
