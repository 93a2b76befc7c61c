"""The bill run prices in the database exactly as `calc` does in Python, cent for cent."""

from datetime import date
from decimal import Decimal

from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from wuye.billing import calc, pricing
from wuye.billing.models import (
    BillingSettings,
    BillRun,
    Charge,
    EntryKind,
    FeeKind,
    FeeMethod,
    LedgerEntry,
    Rounding,
)
from wuye.billing.runs.generate import BATCH_SIZE, bill_run_generate
from wuye.billing.runs.services import bill_run_preview
from wuye.estates.models import Occupancy
from wuye.testing import factories as f

from .fixtures import FeeItemFactory, ParkingContractFactory

areas = st.decimals(min_value=Decimal("0.01"), max_value=Decimal("99999.99"), places=2)
prices = st.decimals(min_value=Decimal("0.0001"), max_value=Decimal("99.9999"), places=4)
# areas and prices whose products land on half a cent or a hair either side of it
AWKWARD = [
    (Decimal("10.05"), Decimal("0.5000")),  # 5.025: a float makes it 5.02499…
    (Decimal("1.15"), Decimal("0.7000")),  # 0.805
    (Decimal("98.55"), Decimal("0.8500")),  # 83.7675
    (Decimal("0.01"), Decimal("0.5000")),  # 0.005: half a cent, the smallest charge
    (Decimal("0.01"), Decimal("0.4999")),  # 0.004999: nothing is charged
    (Decimal("123.45"), Decimal("1.2345")),
    (Decimal("99999.99"), Decimal("99.9999")),
    (Decimal("87.35"), Decimal("2.1000")),  # 183.435
]


def python_prices(site, period: str) -> dict[tuple[int, int], Decimal]:
    """What `ItemPlan.amount` (calc, in Python) charges each home for each item."""
    plans = pricing.plans_for(site.community, period)
    homes = pricing.homes_of(site.community)
    return {
        (c.unit_id, c.fee_item_id): c.amount
        for c in pricing.charges_for(plans, homes, period, None)
    }


def charged(site, period: str) -> dict[tuple[int, int], Decimal]:
    return {
        (unit_id, item_id): amount
        for unit_id, item_id, amount in Charge.objects.filter(
            community=site.community, period=period
        ).values_list("unit_id", "fee_item_id", "amount")
    }


def generate(site, period: str, batch_size: int = BATCH_SIZE) -> BillRun:
    run = BillRun.objects.create(community=site.community, period=period)
    return bill_run_generate(run=run, batch_size=batch_size)


def awkward_homes(site, rows) -> None:
    for n, (area, _price) in enumerate(rows):
        f.UnitFactory(
            building=site.buildings[n % 2],
            number=f"A{n}",
            building_area=area,
            inner_area=None,
            occupancy=Occupancy.VACANT if n % 3 == 0 else Occupancy.OCCUPIED,
        )


def test_awkward_areas_and_prices_are_charged_as_calc_rounds_them_by_every_rule(site):
    awkward_homes(site, AWKWARD)
    BillingSettings.objects.create(
        community=site.community, vacant_rate_enabled=True, vacant_rate_percent=Decimal("70.35")
    )
    rules = [Rounding.HALF_UP, Rounding.DOWN, Rounding.UP, Rounding.HALF_EVEN]
    for n, (_area, price) in enumerate(AWKWARD):
        FeeItemFactory(
            community=site.community,
            unit_price=price,
            rounding=rules[n % 4],
            vacant_rate_applies=n % 2 == 0,
            cycle_months=1 + n % 3 * 5 if n % 2 else 1,
            start_date=date(2026, 1, 1) if n % 2 else date(2026, 1, 17),  # some prorated
        )
    expected = python_prices(site, "2026-01")
    generate(site, "2026-01", batch_size=3)
    assert charged(site, "2026-01") == expected
    assert len(expected) > 50


def test_half_a_cent_rounds_up_in_the_database_as_in_python(site):
    home = f.UnitFactory(
        building=site.buildings[0], number="H1", building_area=Decimal("10.05"), inner_area=None
    )
    item = FeeItemFactory(community=site.community, unit_price=Decimal("0.5"))
    generate(site, "2026-01")
    assert Charge.objects.get(unit=home, fee_item=item).amount == Decimal("5.03")
    assert calc.to_cents(Decimal("10.05") * Decimal("0.5")) == Decimal("5.03")


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    homes=st.lists(st.tuples(areas, st.booleans()), min_size=1, max_size=6),
    price=prices,
    rule=st.sampled_from(list(Rounding.values)),
    months=st.sampled_from([1, 3, 12]),
    percent=st.decimals(min_value=Decimal("0.01"), max_value=Decimal("100"), places=2),
    start_day=st.integers(min_value=1, max_value=28),
    method=st.sampled_from([FeeMethod.BUILDING_AREA, FeeMethod.INNER_AREA, FeeMethod.FIXED]),
)
def test_any_area_price_rule_and_proration_is_charged_as_calc_says(
    site, homes, price, rule, months, percent, start_day, method
):
    with transaction.atomic():
        for n, (area, vacant) in enumerate(homes):
            inner = max(area / 2, Decimal("0.01")).quantize(Decimal("0.01"))
            f.UnitFactory(
                building=site.buildings[0],
                number=f"P{n}",
                building_area=area,
                inner_area=inner if n % 2 else None,
                occupancy=Occupancy.VACANT if vacant else Occupancy.OCCUPIED,
            )
        BillingSettings.objects.create(
            community=site.community, vacant_rate_enabled=True, vacant_rate_percent=percent
        )
        FeeItemFactory(
            community=site.community,
            method=method,
            unit_price=price,
            rounding=rule,
            cycle_months=months,
            vacant_rate_applies=True,
            start_date=date(2026, 1, start_day),
        )
        expected = python_prices(site, "2026-01")
        generate(site, "2026-01", batch_size=2)
        assert charged(site, "2026-01") == expected
        assert LedgerEntry.objects.filter(kind=EntryKind.CHARGE).count() == len(expected)
        transaction.set_rollback(True)


def test_parking_contracts_for_part_of_the_month_are_prorated_beside_whole_ones(site):
    whole = ParkingContractFactory(unit=site.units["owner_home"])
    item = whole.fee_item
    ParkingContractFactory(unit=site.units["owner_home"], fee_item=item)
    ParkingContractFactory(
        unit=site.units["owner2_home"], fee_item=item, start_date=date(2026, 1, 11)
    )
    ParkingContractFactory(
        unit=site.units["tenant_home"],
        fee_item=item,
        start_date=date(2026, 1, 1),
        end_date=date(2026, 1, 15),
    )
    ParkingContractFactory(unit=site.units["tenant_home"], fee_item=item)
    expected = python_prices(site, "2026-01")
    generate(site, "2026-01")
    assert charged(site, "2026-01") == expected
    assert expected == {
        (site.units["owner_home"].pk, item.pk): Decimal("300.00"),
        (site.units["owner2_home"].pk, item.pk): Decimal("101.61"),  # 150 × 21/31
        (site.units["tenant_home"].pk, item.pk): Decimal("222.58"),  # 150 + 150 × 15/31
    }


def test_the_preview_totals_what_the_run_then_writes(site):
    awkward_homes(site, AWKWARD)
    FeeItemFactory(community=site.community, unit_price=Decimal("0.8500"))
    FeeItemFactory(
        community=site.community,
        code="GB",
        kind=FeeKind.GARBAGE,
        method=FeeMethod.FIXED,
        unit_price=Decimal("12.50"),
        start_date=date(2026, 1, 10),
    )
    ParkingContractFactory(
        unit=site.units["owner_home"], start_date=date(2026, 1, 20), end_date=None
    )
    preview = bill_run_preview(community=site.community, period="2026-01", actor=site.manager)
    run = generate(site, "2026-01")
    assert (preview["charges"], preview["total_amount"]) == (
        run.charges_created,
        run.total_amount,
    )
    by_item = {
        item: {"charges": count, "amount": calc.cents(total)}
        for item, count, total in [
            (i, len(rows), sum(rows)) for i, rows in _rows_by_item(site).items()
        ]
    }
    assert preview["by_fee_item"] == by_item


def _rows_by_item(site) -> dict[int, list[Decimal]]:
    rows: dict[int, list[Decimal]] = {}
    for item_id, amount in Charge.objects.filter(community=site.community).values_list(
        "fee_item_id", "amount"
    ):
        rows.setdefault(item_id, []).append(amount)
    return rows
