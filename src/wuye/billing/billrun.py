"""Bill runs (批量出账): a period's charges for a whole community, set-based and resumable.

The homes are taken in batches of consecutive ids. For each fee item due in the period, one
`INSERT … SELECT … ON CONFLICT DO NOTHING` prices the batch's homes in the database and
writes their charges; one more `INSERT … SELECT` puts the charges just created (as returned
by the insert) on the ledger. Prices are worked out in whole numbers (areas in hundredths of
a m², prices and rates in ten-thousandths), so that every database rounds exactly as
`calc.to_cents` does, by the item's rounding rule. The few homes whose charge cannot be
written as one expression (a parking contract that covers part of the cycle, a move-in during
a heating season) are priced by `ItemPlan.amount` in Python and written the same way.

The unique constraint on (home, fee item, period) makes a second run, or the resumption of a
failed one, add nothing that is already there. Each batch is one transaction: its charges,
their ledger entries and the payments taken from prepaid balances commit together or not at
all. After the homes, the run charges the period's meter readings and publishes the
apportionment of each common meter read in the period.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.db.models import Count, F, Max, Min, Q, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from wuye.core import audit, policy
from wuye.core.models import Community
from wuye.estates.models import Occupancy, Residency, Unit

from . import calc, meters
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
    Rounding,
    Timing,
)

BATCH_SIZE = 10_000
FAR_FUTURE = date(9999, 12, 31)
# Whole-number pricing stays below this bound, far from a 64-bit integer's limit; an item
# whose largest product would not is priced in Python instead.
INTEGER_BOUND = 2**62
# Refresh PostgreSQL's statistics after a run that wrote at least this many charges.
ANALYZE_AFTER = 10_000


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
    period: str = ""  # the charges' period: the run's, or the first month of a season
    whole: bool = True  # bill the homes due for the whole cycle (a season's first run)
    movers: dict[int, date] = field(default_factory=dict)  # season: home -> move-in day

    def applies(self, home: Home) -> bool:
        item = self.item
        if item.method == FeeMethod.PER_SPACE:  # parking fees follow the parking contracts
            return bool(self.spaces.get(home.pk))
        if item.applies_to == AppliesTo.USE:
            return home.use == item.applies_use
        if item.applies_to == AppliesTo.BUILDING:
            return home.building_id == item.applies_building_id
        return self.unit_ids is not None and home.pk in self.unit_ids

    def covered(self, home_pk: int | None = None) -> tuple[date, date]:
        """The days of the cycle the item (and, for a home moving in, the home) is billed for."""
        start = max(self.item.start_date, self.movers.get(home_pk, self.item.start_date))
        return start, self.item.end_date or FAR_FUTURE

    def due_for(self, home_pk: int) -> date:
        moved_in = self.movers.get(home_pk)
        if moved_in is None or self.item.timing != Timing.PREPAID:
            return self.due_date
        return moved_in + timedelta(days=self.item.due_days)

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
            raw = calc.prorate(full, self.span, self.covered(home.pk))
        return calc.to_cents(raw, item.rounding)

    @property
    def partial_spaces(self) -> set[int]:
        """Homes with a parking contract that covers only part of the cycle."""
        start, end = self.span
        return {
            home
            for home, contracts in self.spaces.items()
            if any(c_start > start or c_end < end for c_start, c_end in contracts)
        }


def _period_start(period: str) -> date:
    try:
        return calc.parse_period(period)
    except ValueError:
        raise ValidationError({"period": [_("Enter the period as YYYY-MM.")]}) from None


def plans_for(community: Community, period: str) -> list[ItemPlan]:
    """The recurring fee items whose cycle (or season) has its bill run in `period`."""
    start = _period_start(period)
    settings_row = BillingSettings.objects.filter(community=community).first()
    items = FeeItem.objects.filter(
        community=community, active=True, method__in=RECURRING_METHODS
    ).filter(Q(end_date__isnull=True) | Q(end_date__gte=start))
    plans = []
    for item in items:
        if item.seasonal:
            if calc.season_span(period, item.season_start, item.season_end) is None:
                continue
        else:
            offset = calc.months_between(item.start_date, start)
            if offset < 0 or offset % item.cycle_months:
                continue
        plan = plan_for_item(item, period, settings_row)
        (start_day, end_day), (active_from, active_until) = plan.span, plan.covered()
        if calc.days(max(start_day, active_from), min(end_day, active_until)):
            plans.append(plan)
    return plans


def plan_for_item(
    item: FeeItem, period: str, settings_row: BillingSettings | None = None
) -> ItemPlan:
    """The item's cycle starting with `period` (or its season that has days in `period`):
    which homes it reaches and how it prices them."""
    _period_start(period)
    charge_period, months, whole, movers = period, item.cycle_months, True, {}
    if item.seasonal:
        span = calc.season_span(period, item.season_start, item.season_end)
        if span is None:
            raise ValidationError({"period": [_("The period is outside the fee's season.")]})
        # billed by the season's first run: the run of the month it starts in, or the first
        # run at all when that month was not billed
        charge_period, months = f"{span[0]:%Y-%m}", 1
        whole = (
            charge_period == period
            or not Charge.objects.filter(
                fee_item=item, period=charge_period, source_ref=""
            ).exists()
        )
        if item.season_prorate:
            movers = _moved_in(item, span, calc.period_span(period)[1])
    else:
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
        months=months,
        period=charge_period,
        whole=whole,
        movers=movers,
    )


def _moved_in(item: FeeItem, season: tuple[date, date], until: date) -> dict[int, date]:
    """Homes nobody had moved into by the season's first day, with the day someone did (up to
    `until`): they pay for the days left."""
    return dict(
        Residency.objects.filter(unit__community_id=item.community_id)
        .values("unit_id")
        .annotate(first=Min("start_date"))
        .filter(first__gt=season[0], first__lte=min(until, season[1]))
        .values_list("unit_id", "first")
    )


def homes_of(community: Community, pks=None) -> list[Home]:
    rows = Unit.objects.filter(community=community).order_by("pk")
    if pks is not None:
        rows = rows.filter(pk__in=pks)
    return [
        Home(pk, building, use, area, inner, occupancy == Occupancy.VACANT)
        for pk, building, use, area, inner, occupancy in rows.values_list(
            "pk", "building_id", "use", "building_area", "inner_area", "occupancy"
        )
    ]


def _charges_for(plans: list[ItemPlan], homes: list[Home], period: str, run_id: int | None):
    """The charges `plans` give `homes`, priced one by one in Python."""
    for home in homes:
        for plan in plans:
            if plan.applies(home):
                amount = plan.amount(home)
                if amount > 0:
                    yield Charge(
                        community_id=plan.item.community_id,
                        unit_id=home.pk,
                        fee_item_id=plan.item.pk,
                        period=plan.period or period,
                        period_start=plan.span[0],
                        period_end=plan.span[1],
                        amount=amount,
                        due_date=plan.due_for(home.pk),
                        bill_run_id=run_id,
                    )


# ---- pricing in SQL ------------------------------------------------------------------------


def _table(model) -> str:
    return connection.ops.quote_name(model._meta.db_table)


def _rounded(number: str, divisor: int, rule: str) -> str:
    """SQL for the positive whole number `number` ÷ `divisor`, rounded to a whole by `rule`."""
    n = f"({number})"
    if rule == Rounding.DOWN:
        return f"{n} / {divisor}"
    if rule == Rounding.UP:
        return f"({n} + {divisor - 1}) / {divisor}"
    if rule == Rounding.HALF_EVEN:
        rest = f"({n} %% {divisor})"
        return (
            f"({n} / {divisor} + CASE WHEN 2 * {rest} > {divisor} OR (2 * {rest} = {divisor}"
            f" AND ({n} / {divisor}) %% 2 = 1) THEN 1 ELSE 0 END)"
        )
    return f"({n} + {divisor // 2}) / {divisor}"


def _whole(value: Decimal, places: int) -> int:
    scaled = Decimal(value).scaleb(places)
    if scaled != scaled.to_integral_value():
        raise ValueError(value)
    return int(scaled)


def _priced_sql(
    plan: ItemPlan, community_id: int, first: int, last: int, largest: dict[str, Decimal]
) -> tuple[str, list] | None:
    """A SELECT of (unit_id, building_id, cents) for the homes of ids `first`..`last` that the
    plan prices for its whole cycle; None when the item must be priced in Python."""
    item, d = plan.item, connection.ops.adapt_datefield_value
    start, end = plan.span
    joins, where, params = "", [], []
    covered, days = 1, 1
    if item.method == FeeMethod.PER_SPACE:
        contract = _table(ParkingContract)
        quantity = "100 * pc.n"
        biggest = 100 * max((len(spans) for spans in plan.spaces.values()), default=0)
        joins = (
            f" JOIN (SELECT unit_id, COUNT(*) AS n FROM {contract} WHERE fee_item_id = %s"
            " AND start_date <= %s AND (end_date IS NULL OR end_date >= %s)"
            " GROUP BY unit_id) pc ON pc.unit_id = u.id"
        )
        params += [item.pk, d(start), d(end)]
        where.append(  # homes with a contract for part of the cycle are priced in Python
            f"NOT EXISTS (SELECT 1 FROM {contract} pp WHERE pp.fee_item_id = %s"
            " AND pp.unit_id = u.id AND pp.start_date <= %s"
            " AND (pp.end_date IS NULL OR pp.end_date >= %s)"
            " AND (pp.start_date > %s OR pp.end_date < %s))"
        )
        params += [item.pk, d(end), d(start), d(start), d(end)]
    else:
        if item.method == FeeMethod.FIXED:
            quantity, biggest = "CAST(100 AS BIGINT)", 100
        else:
            column = "building_area" if item.method == FeeMethod.BUILDING_AREA else "inner_area"
            quantity = f"CAST(ROUND(u.{column} * 100) AS BIGINT)"
            biggest = _whole(largest.get(column) or 0, 2)
            if column == "inner_area":
                where.append("u.inner_area IS NOT NULL")
        if item.applies_to == AppliesTo.USE:
            where.append("u.use = %s")
            params.append(item.applies_use)
        elif item.applies_to == AppliesTo.BUILDING:
            where.append("u.building_id = %s")
            params.append(item.applies_building_id)
        else:
            through = FeeItem.applies_units.through
            where.append(f"u.id IN (SELECT unit_id FROM {_table(through)} WHERE feeitem_id = %s)")
            params.append(item.pk)
        if item.seasonal and item.season_prorate:  # those moving in later pay the days left
            residency = _table(Residency)
            where.append(
                f"EXISTS (SELECT 1 FROM {residency} r WHERE r.unit_id = u.id"
                " AND r.start_date <= %s)"
            )
            params.append(d(start))
        covered_start, covered_end = plan.covered()
        covered = calc.days(max(start, covered_start), min(end, covered_end))
        days = calc.days(start, end)
        if covered == days:
            covered = days = 1
    price = _whole(item.unit_price, 4)
    factors, divisor = [quantity, str(price), str(plan.months)], 10_000 * days
    if plan.vacant_factor is not None:
        rate = _whole(plan.vacant_factor, 4)
        factors.append(f"CASE WHEN u.occupancy = '{Occupancy.VACANT}' THEN {rate} ELSE 10000 END")
        divisor *= 10_000
    if covered != 1:
        factors.append(str(covered))
    top = biggest * price * plan.months * covered * (10_000 if plan.vacant_factor else 1)
    if top + divisor >= INTEGER_BOUND:
        return None
    cents = _rounded(" * ".join(factors), divisor, item.rounding)
    unit = _table(Unit)
    sql = (
        f"SELECT u.id AS unit_id, u.building_id AS building_id, {cents} AS cents"
        f" FROM {unit} u{joins} WHERE u.community_id = %s AND u.id BETWEEN %s AND %s"
        + "".join(f" AND {w}" for w in where)
    )
    if item.method == FeeMethod.PER_SPACE:
        return sql, params[:3] + [community_id, first, last] + params[3:]
    return sql, [community_id, first, last, *params]


def _python_homes(plan: ItemPlan, in_sql: bool) -> set[int] | None:
    """The homes the plan prices in Python (None: every home it applies to)."""
    if not in_sql:
        return None if plan.whole else set(plan.movers)
    if plan.item.method == FeeMethod.PER_SPACE:
        return plan.partial_spaces
    return set(plan.movers)


def _largest(community: Community) -> dict[str, Decimal]:
    return Unit.objects.filter(community=community).aggregate(
        building_area=Max("building_area"), inner_area=Max("inner_area")
    )


def _ids_sql(ids: list[int]) -> tuple[str, object]:
    """`IN (…)` for a list of ids, as one parameter."""
    if connection.vendor == "postgresql":
        return "= ANY(%s)", ids
    return "IN (SELECT value FROM json_each(%s))", json.dumps(ids)


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
        community_id=unit.community_id,
        active=True,
        method__in=RECURRING_METHODS,
        season_start="",  # a season's fee is not a month's
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
    by_building: dict[int, list] = defaultdict(lambda: [0, Decimal(0)])
    by_item: dict[int, list] = defaultdict(lambda: [0, Decimal(0)])
    ids = Unit.objects.filter(community=community).aggregate(first=Min("pk"), last=Max("pk"))
    largest = _largest(community)
    charge = _table(Charge)

    def add(building_id: int, item_id: int, count: int, amount: Decimal) -> None:
        for bucket in (by_building[building_id], by_item[item_id]):
            bucket[0] += count
            bucket[1] += amount

    for plan in plans:
        priced = _priced_sql(plan, community.pk, ids["first"] or 0, ids["last"] or 0, largest)
        if priced is not None and plan.whole:
            sql, params = priced
            with connection.cursor() as cursor:
                cursor.execute(
                    f"SELECT p.building_id, COUNT(*), SUM(p.cents) FROM ({sql}) p"
                    f" WHERE p.cents > 0 AND NOT EXISTS (SELECT 1 FROM {charge} c"
                    " WHERE c.unit_id = p.unit_id AND c.fee_item_id = %s AND c.period = %s"
                    " AND c.source_ref = '') GROUP BY p.building_id",
                    [*params, plan.item.pk, plan.period],
                )
                for building_id, count, cents in cursor.fetchall():
                    add(building_id, plan.item.pk, count, Decimal(int(cents)) / 100)
        homes = homes_of(community, _python_homes(plan, priced is not None))
        building_of = {h.pk: h.building_id for h in homes}
        existing = set(
            Charge.objects.filter(
                fee_item=plan.item, period=plan.period, source_ref="", unit__in=list(building_of)
            ).values_list("unit_id", flat=True)
        )
        for c in _charges_for([plan], homes, period, None):
            if c.unit_id not in existing:
                add(building_of[c.unit_id], c.fee_item_id, 1, c.amount)
    count = sum(c for c, _a in by_item.values())
    total = sum((a for _c, a in by_item.values()), Decimal(0))
    return {
        "period": period,
        "charges": count,
        "total_amount": calc.cents(total),
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


def _batches(community: Community, size: int) -> list[tuple[int, int, int]]:
    """The community's homes in batches of consecutive ids: (first id, last id, homes)."""
    ids = list(Unit.objects.filter(community=community).order_by("pk").values_list("pk", flat=True))
    return [
        (ids[n], ids[min(n + size, len(ids)) - 1], min(size, len(ids) - n))
        for n in range(0, len(ids), size)
    ]


def bill_run_generate(*, run: BillRun, batch_size: int = BATCH_SIZE) -> BillRun:
    """Write the run's charges batch by batch, updating its progress after each batch; then
    charge the period's meter readings and publish its apportionments."""
    BillRun.objects.filter(pk=run.pk).update(
        status=BillRun.Status.RUNNING, started_at=timezone.now(), units_done=0, error=""
    )
    try:
        community = Community.objects.get(pk=run.community_id)
        plans = plans_for(community, run.period)
        largest = _largest(community)
        for batch in _batches(community, batch_size):
            _write_batch(run, plans, batch, largest)
        with transaction.atomic():
            meters.usage_charges_write(community=community, period=run.period, run=run)
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
    if connection.vendor == "postgresql" and totals["n"] >= ANALYZE_AFTER:
        # what the run wrote is read back at once (statements, arrears, the desk): let the
        # planner know how much there now is
        with connection.cursor() as cursor:
            cursor.execute(f"ANALYZE {_table(Charge)}, {_table(LedgerEntry)}")
    run.refresh_from_db()
    return run


_INSERT_CHARGES = (
    "INSERT INTO {charge} (community_id, unit_id, fee_item_id, period, period_start,"
    " period_end, amount, due_date, bill_run_id, source_ref, description, created_at)"
    " SELECT %s, p.unit_id, %s, %s, %s, %s, p.cents / 100.0, %s, %s, '', '', %s"
    " FROM ({priced}) p WHERE p.cents > 0 ON CONFLICT DO NOTHING RETURNING id, unit_id, fee_item_id"
)
_INSERT_ROWS = (
    "INSERT INTO {charge} (community_id, unit_id, fee_item_id, period, period_start,"
    " period_end, amount, due_date, bill_run_id, source_ref, description, created_at)"
    " VALUES {rows} ON CONFLICT DO NOTHING RETURNING id, unit_id, fee_item_id"
)
_INSERT_ENTRIES = (
    "INSERT INTO {entry} (community_id, unit_id, account, kind, amount, charge_id, reason, at)"
    " SELECT c.community_id, c.unit_id, %s, %s, c.amount, c.id, '', %s FROM {charge} c"
    " WHERE c.id {ids}"
)


@transaction.atomic
def _write_batch(
    run: BillRun, plans: list[ItemPlan], batch: tuple[int, int, int], largest: dict
) -> None:
    """Write one batch's charges, their ledger entries and what prepaid balances pay."""
    first, last, count = batch
    ops = connection.ops
    now = ops.adapt_datetimefield_value(timezone.now())
    charge, entry = _table(Charge), _table(LedgerEntry)
    new: list[tuple[int, int, int]] = []  # (charge, home, fee item)
    in_python: dict[int, tuple[ItemPlan, set[int] | None]] = {}
    with connection.cursor() as cursor:
        for plan in plans:
            item = plan.item
            priced = _priced_sql(plan, run.community_id, first, last, largest)
            if priced is not None and plan.whole:
                sql, params = priced
                cursor.execute(
                    _INSERT_CHARGES.format(charge=charge, priced=sql),
                    [run.community_id, item.pk, plan.period]
                    + [ops.adapt_datefield_value(day) for day in plan.span]
                    + [ops.adapt_datefield_value(plan.due_date), run.pk, now, *params],
                )
                new += cursor.fetchall()
            python = _python_homes(plan, priced is not None)
            if python is None or any(first <= pk <= last for pk in python):
                in_python[item.pk] = (plan, python)
        if in_python:
            new += _write_in_python(run, in_python, first, last, now, cursor)
        if new:
            ids_sql, ids = _ids_sql([pk for pk, _home, _item in new])
            cursor.execute(
                _INSERT_ENTRIES.format(entry=entry, charge=charge, ids=ids_sql),
                [Account.RECEIVABLE, EntryKind.CHARGE, now, ids],
            )
    auto = {plan.item.pk for plan in plans if plan.item.auto_pay_from_prepaid}
    _pay_from_prepaid(run.community_id, [(pk, home) for pk, home, item in new if item in auto])
    BillRun.objects.filter(pk=run.pk).update(units_done=F("units_done") + count)


def _write_in_python(run: BillRun, in_python: dict, first: int, last: int, now, cursor) -> list:
    """Charges of the batch that are priced one by one: written by one INSERT per 500."""
    ops = connection.ops
    wanted = set()
    for _plan, python in in_python.values():
        wanted = None if python is None or wanted is None else wanted | python
    homes = Unit.objects.filter(community_id=run.community_id, pk__gte=first, pk__lte=last)
    if wanted is not None:
        homes = homes.filter(pk__in=[pk for pk in wanted if first <= pk <= last])
    community = Community(pk=run.community_id)
    homes = homes_of(community, homes.values("pk"))
    rows = []
    for plan, python in in_python.values():
        chosen = [h for h in homes if python is None or h.pk in python]
        for c in _charges_for([plan], chosen, run.period, run.pk):
            rows.append(
                [run.community_id, c.unit_id, c.fee_item_id, c.period]
                + [ops.adapt_datefield_value(day) for day in (c.period_start, c.period_end)]
                + [ops.adapt_decimalfield_value(c.amount, 12, 2)]
                + [ops.adapt_datefield_value(c.due_date), run.pk, "", "", now]
            )
    written = []
    for n in range(0, len(rows), 500):
        part = rows[n : n + 500]
        values = ", ".join(["(" + ", ".join(["%s"] * 12) + ")"] * len(part))
        cursor.execute(
            _INSERT_ROWS.format(charge=_table(Charge), rows=values),
            [value for row in part for value in row],
        )
        written += cursor.fetchall()
    return written


def _pay_from_prepaid(community_id: int, new: list[tuple[int, int]]) -> None:
    """Settle new charges (of items that allow it) from the prepaid balances of the homes that
    have one; the other homes cost nothing here."""
    if not new:
        return
    homes = sorted({home for _pk, home in new})
    credit = {
        unit_id: -calc.cents(owed)
        for unit_id, owed in LedgerEntry.objects.filter(
            community_id=community_id,
            account=Account.PREPAID,
            unit_id__gte=homes[0],
            unit_id__lte=homes[-1],
        )
        .values_list("unit_id")
        .annotate(owed=Sum("amount"))
        .filter(owed__lte=-calc.HALF_CENT)
    }
    payable = defaultdict(list)
    chosen = [pk for pk, home in new if credit.get(home, 0) > 0]
    for pk, unit_id, amount in (
        Charge.objects.filter(pk__in=chosen)
        .order_by("unit_id", "due_date", "pk")
        .values_list("pk", "unit_id", "amount")
    ):
        payable[unit_id].append((pk, calc.cents(amount)))
    now = timezone.now()
    entries, allocations = [], []
    for unit_id, charges in payable.items():
        for part in calc.allocate(credit[unit_id], charges)[0]:
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
    LedgerEntry.objects.bulk_create(entries)
