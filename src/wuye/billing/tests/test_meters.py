"""Meter readings, metered charges and the shared-load apportionment (公摊)."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from wuye.billing.models import (
    Apportionment,
    Charge,
    FeeKind,
    FeeMethod,
    LedgerEntry,
    Meter,
    MeterReading,
    TariffStep,
)
from wuye.billing.runs.services import bill_run_preview, bill_run_start
from wuye.billing.services import meters
from wuye.testing import factories as f

from .fixtures import FeeItemFactory


@pytest.fixture
def water(site):
    """Water at tiered prices: ¥3.00 up to 15 m³ a month, ¥4.50 above."""
    item = FeeItemFactory(
        community=site.community,
        code="WATER",
        kind=FeeKind.WATER,
        method=FeeMethod.METERED,
        unit_price=Decimal("3.00"),
    )
    TariffStep.objects.create(fee_item=item, upto=Decimal("15"), price=Decimal("3.00"))
    TariffStep.objects.create(fee_item=item, upto=None, price=Decimal("4.50"))
    return item


def home_meter(site, item, unit="owner_home", number="W-101"):
    return Meter.objects.create(
        community=site.community, unit=site.units[unit], number=number, kind="water", fee_item=item
    )


def read(site, meter, period, value, **kwargs):
    return meters.reading_record(
        meter=meter, period=period, reading=value, actor=site.engineer, **kwargs
    )


def test_usage_is_the_difference_to_the_previous_reading(site, water):
    meter = home_meter(site, water)
    assert read(site, meter, "2026-01", "100.00").usage == Decimal("0.00")
    assert read(site, meter, "2026-02", "112.50").usage == Decimal("12.50")


def test_a_reading_below_the_previous_is_refused_unless_the_meter_was_replaced(site, water):
    meter = home_meter(site, water)
    read(site, meter, "2026-01", "100.00")
    with pytest.raises(ValidationError) as exc:
        read(site, meter, "2026-02", "99.00")
    assert "reading" in exc.value.message_dict
    replaced = read(site, meter, "2026-02", "3.00", replaced=True)
    assert replaced.usage == Decimal("3.00")


def test_a_jump_beyond_three_times_the_recent_median_is_recorded_and_flagged(site, water):
    meter = home_meter(site, water)
    # usages 10, 4, 12, 10: median 10
    for period, value in [("2026-01", "0"), ("2026-02", "10"), ("2026-03", "14")]:
        assert not read(site, meter, period, value).flagged
    assert not read(site, meter, "2026-04", "26").flagged
    assert not read(site, meter, "2026-05", "36").flagged
    assert not read(site, meter, "2026-06", "66").flagged  # 30: three times, not beyond
    assert read(site, meter, "2026-07", "110").flagged  # 44 > 3 × 10.5
    assert MeterReading.objects.get(meter=meter, period="2026-07").usage == Decimal("44.00")


def test_a_meter_with_little_history_is_not_flagged(site, water):
    meter = home_meter(site, water)
    for period, value in [("2026-01", "0"), ("2026-02", "2"), ("2026-03", "4")]:
        read(site, meter, period, value)
    # two months of usage are too few to call 40 m³ unusual
    assert not read(site, meter, "2026-04", "44").flagged


def test_one_busy_month_does_not_make_the_next_normal_one_look_quiet(site, water):
    meter = home_meter(site, water)
    values = ["0", "10", "20", "30", "130", "140"]  # usages 10, 10, 10, 100, 10
    flags = [read(site, meter, f"2026-{n + 1:02d}", v).flagged for n, v in enumerate(values)]
    assert flags == [False, False, False, False, True, False]


def test_a_guard_may_not_read_meters(site, water):
    meter = home_meter(site, water)
    with pytest.raises(PermissionDenied):
        meters.reading_record(meter=meter, period="2026-01", reading="1", actor=site.guard)


def test_an_import_with_one_bad_row_records_nothing(site, water):
    home_meter(site, water)
    home_meter(site, water, unit="owner2_home", number="W-502")
    rows = [
        ("W-101", "2026-01", "10.00", False),
        ("W-502", "2026-01", "-1", False),
        ("W-999", "2026-01", "5", False),
    ]
    with pytest.raises(ValidationError) as exc:
        meters.readings_import(community=site.community, rows=rows, actor=site.engineer)
    assert set(exc.value.message_dict) == {"row 3", "row 4"}
    assert not MeterReading.objects.exists()
    rows[1:] = [("W-502", "2026-01", "7.00", False)]
    assert (
        len(meters.readings_import(community=site.community, rows=rows, actor=site.engineer)) == 2
    )


def test_metered_charges_price_usage_on_the_tiered_tariff_once(site, water):
    meter = home_meter(site, water)
    read(site, meter, "2026-01", "100")
    read(site, meter, "2026-02", "120")
    assert (
        meters.metered_charges_generate(
            community=site.community, period="2026-02", actor=site.manager
        )
        == 1
    )
    charge = Charge.objects.get(fee_item=water)
    assert charge.amount == Decimal("67.50")  # 15 × 3.00 + 5 × 4.50
    assert (
        meters.metered_charges_generate(
            community=site.community, period="2026-02", actor=site.manager
        )
        == 0
    )
    assert LedgerEntry.objects.filter(charge=charge).count() == 1


@pytest.fixture
def stairwell(site):
    """Common-area electricity at ¥0.55 a kWh, shared by every residential home by area."""
    item = FeeItemFactory(
        community=site.community,
        code="SHARED-EL",
        kind=FeeKind.SHARED_LOAD,
        method=FeeMethod.APPORTIONED,
        unit_price=Decimal("0.55"),
    )
    meter = Meter.objects.create(
        community=site.community, number="C-EL-1", kind="electricity", fee_item=item
    )
    return meter


def test_a_common_meter_is_split_by_area_to_the_cent_and_published_once(site, stairwell):
    f.UnitFactory(building=site.buildings[0], number="601", building_area=Decimal("120.33"))
    read(site, stairwell, "2026-01", "0")
    read(site, stairwell, "2026-02", "1000")
    published = meters.apportionment_publish(meter=stairwell, period="2026-02", actor=site.manager)
    assert (published.usage, published.total_amount, published.homes) == (
        Decimal("1000.00"),
        Decimal("550.00"),
        5,
    )
    parts = [c.amount for c in meters.apportionment_breakdown(published)]
    assert sum(parts) == Decimal("550.00")
    with pytest.raises(ValidationError):
        meters.apportionment_publish(meter=stairwell, period="2026-02", actor=site.manager)


@settings(
    max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    usage=st.decimals(min_value=Decimal("0.01"), max_value=Decimal("99999"), places=2),
    areas=st.lists(
        st.decimals(min_value=Decimal("20"), max_value=Decimal("300"), places=2),
        min_size=1,
        max_size=6,
    ),
)
def test_apportioned_charges_add_up_to_the_meters_cost(site, stairwell, usage, areas):
    with transaction.atomic():
        for i, area in enumerate(areas):
            f.UnitFactory(
                building=site.buildings[1], number=f"H{i}", building_area=area, inner_area=None
            )
        read(site, stairwell, "2026-01", "0")
        read(site, stairwell, "2026-02", usage)
        published = meters.apportionment_publish(
            meter=stairwell, period="2026-02", actor=site.manager
        )
        total = sum(c.amount for c in meters.apportionment_breakdown(published))
        assert total == published.total_amount
        transaction.set_rollback(True)


def test_consumption_basis_splits_by_the_homes_own_usage(site, stairwell):
    el = FeeItemFactory(
        community=site.community, code="EL", kind=FeeKind.ELECTRICITY, method=FeeMethod.METERED
    )
    for unit, number, value in [("owner_home", "E1", "30"), ("owner2_home", "E2", "10")]:
        meter = Meter.objects.create(
            community=site.community,
            unit=site.units[unit],
            number=number,
            kind="electricity",
            fee_item=el,
        )
        read(site, meter, "2026-01", "0")
        read(site, meter, "2026-02", value)
    read(site, stairwell, "2026-01", "0")
    read(site, stairwell, "2026-02", "100")
    published = meters.apportionment_publish(
        meter=stairwell, period="2026-02", actor=site.manager, basis=Apportionment.Basis.CONSUMPTION
    )
    shares = {c.unit_id: c.amount for c in meters.apportionment_breakdown(published)}
    assert shares == {
        site.units["owner_home"].pk: Decimal("41.25"),
        site.units["owner2_home"].pk: Decimal("13.75"),
    }


def test_the_bill_run_charges_the_periods_readings_and_apportions_its_common_meters(
    site, water, stairwell
):
    meter = home_meter(site, water)
    read(site, meter, "2026-01", "100")
    read(site, meter, "2026-02", "120")
    read(site, stairwell, "2026-01", "0")
    read(site, stairwell, "2026-02", "1000")
    january = bill_run_start(
        community=site.community, period="2026-01", actor=site.manager, background=False
    )
    # the meters' first readings measure nothing yet
    assert january.charges_created == 0
    assert Apportionment.objects.get(meter=stairwell, period="2026-01").total_amount == 0
    february = bill_run_start(
        community=site.community, period="2026-02", actor=site.manager, background=False
    )
    metered = Charge.objects.get(fee_item=water, period="2026-02")
    assert (metered.amount, metered.bill_run_id) == (Decimal("67.50"), february.pk)
    published = Apportionment.objects.get(meter=stairwell, period="2026-02")
    assert (published.total_amount, published.homes, published.published_by) == (
        Decimal("550.00"),
        4,
        site.manager,
    )
    shared = Charge.objects.filter(fee_item=stairwell.fee_item, bill_run=february)
    assert sum(c.amount for c in shared) == Decimal("550.00")
    assert february.charges_created == 1 + 4
    assert LedgerEntry.objects.filter(kind="charge", charge__bill_run=february).count() == 5
    # run again, or priced by hand afterwards: nothing more
    again = bill_run_start(
        community=site.community, period="2026-02", actor=site.manager, background=False
    )
    assert again.charges_created == 0
    assert (
        meters.metered_charges_generate(
            community=site.community, period="2026-02", actor=site.manager
        )
        == 0
    )
    assert Apportionment.objects.filter(meter=stairwell, period="2026-02").count() == 1


def test_a_period_with_only_meter_work_left_is_not_an_empty_preview(site, water, stairwell):
    meter = home_meter(site, water)
    read(site, meter, "2026-01", "100")
    read(site, meter, "2026-02", "120")
    read(site, stairwell, "2026-02", "1000")
    preview = bill_run_preview(community=site.community, period="2026-02", actor=site.manager)
    assert (preview["charges"], preview["readings"], preview["apportionments"]) == (0, 1, 1)
    assert not preview["empty"]
    bill_run_start(
        community=site.community,
        period="2026-02",
        actor=site.manager,
        background=False,
        refuse_empty=True,
    )
    after = bill_run_preview(community=site.community, period="2026-02", actor=site.manager)
    assert (after["readings"], after["apportionments"], after["empty"]) == (0, 0, True)
    with pytest.raises(ValidationError):
        bill_run_start(
            community=site.community, period="2026-02", actor=site.manager, refuse_empty=True
        )
