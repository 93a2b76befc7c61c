"""The pricing model: what a home owes for a fee item's cycle.

A bill run reads each home once (`Home`) and each fee item due in the period once, with what it
needs to price the homes (`ItemPlan`): the days of the cycle or season, the homes it reaches,
the parking contracts, the vacant-home rate and the homes moving in mid-season. `ItemPlan.amount`
is the price of one home in Python; `runs.sql` prices whole batches in the database by the same
rules. The apportionment of common meters and the prepaid limit (`monthly_fees`) use the same
model. A cycle is priced at the item's unit price in effect on its first day (`prices_on`), so
a new price from a later period leaves the charges already made as they are.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db.models import Min, Q
from django.utils.translation import gettext as _

from wuye.core.models import Community
from wuye.estates.models import Occupancy, Residency, Unit

from . import calc
from .models import (
    RECURRING_METHODS,
    AppliesTo,
    BillingSettings,
    Charge,
    FeeItem,
    FeeMethod,
    FeePrice,
    ParkingContract,
    Timing,
)

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
    price: Decimal  # the unit price in effect on the cycle's first day
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
            full = calc.area_fee(Decimal(1), self.price, months)
            raw = sum(
                (calc.prorate(full, self.span, contract) for contract in self.spaces[home.pk]),
                Decimal(0),
            )
        else:
            if item.method == FeeMethod.BUILDING_AREA:
                full = calc.area_fee(home.building_area, self.price, months)
            elif item.method == FeeMethod.INNER_AREA:
                if home.inner_area is None:
                    return calc.ZERO
                full = calc.area_fee(home.inner_area, self.price, months)
            else:
                full = Decimal(self.price) * months
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


def prices_on(items: Iterable[FeeItem], day: date) -> dict[int, Decimal]:
    """Each item's unit price in effect on `day`: the latest of its prices from that day or
    before, or the price it started with when it has none."""
    items = list(items)
    found: dict[int, Decimal] = {}
    rows = (
        FeePrice.objects.filter(fee_item__in=[item.pk for item in items], effective_from__lte=day)
        .order_by("fee_item_id", "-effective_from")
        .values_list("fee_item_id", "unit_price")
    )
    for item_id, price in rows:
        found.setdefault(item_id, price)
    return {item.pk: found.get(item.pk, item.unit_price) for item in items}


def price_on(item: FeeItem, day: date) -> Decimal:
    """The item's unit price in effect on `day`."""
    return prices_on([item], day)[item.pk]


def period_start(period: str) -> date:
    try:
        return calc.parse_period(period)
    except ValueError:
        raise ValidationError({"period": [_("Enter the period as YYYY-MM.")]}) from None


def plans_for(community: Community, period: str) -> list[ItemPlan]:
    """The recurring fee items whose cycle (or season) has its bill run in `period`."""
    start = period_start(period)
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
    period_start(period)
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
        price=price_on(item, span[0]),
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


def charges_for(plans: list[ItemPlan], homes: list[Home], period: str, run_id: int | None):
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
    items = list(items)
    prices = prices_on(items, span[0])
    for item in items:
        unit_ids = frozenset({unit.pk}) if item.pk in chosen else None
        factor = None
        if vacant_on and item.vacant_rate_applies:
            factor = settings_row.vacant_rate_percent / 100
        spaces = {unit.pk: spans_by_item.get(item.pk, [])}
        plan = ItemPlan(
            item, span, span[0], unit_ids, spaces, factor, months=1, price=prices[item.pk]
        )
        if plan.applies(home):
            total += plan.amount(home)
    return total
