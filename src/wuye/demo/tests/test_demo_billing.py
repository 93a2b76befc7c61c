"""The demo's billing: Bordeaux Town's fee standards and a year of bills, readings, payments."""

from collections import defaultdict
from datetime import date
from decimal import Decimal

from django.db.models import Sum

from wuye.billing import services
from wuye.billing.models import (
    Apportionment,
    BillRun,
    Charge,
    FeeItem,
    LedgerEntry,
    MeterReading,
    Payment,
    ReceiptCounter,
)
from wuye.billing.services import meters
from wuye.demo.billing import billing_load

TODAY = date(2026, 11, 27)


def test_the_fee_standards_are_bordeaux_towns(site):
    billing_load(site.community, today=TODAY)
    prices = dict(
        FeeItem.objects.filter(community=site.community).values_list("code", "unit_price")
    )
    assert {code: str(price) for code, price in prices.items()} == {
        "PF-MS": "0.8000",
        "PF-HR": "1.2000",
        "PF-SHOP": "2.0000",
        "HEAT": "22.0000",
        "PARK-RENT": "150.0000",
        "PARK-MGMT": "40.0000",
        "WATER": "3.0500",
        "POWER": "0.3900",
        "SHARED-EL": "0.4100",
    }
    multi_storey = site.units["owner_home"]  # building 1, multi-storey
    fee = Charge.objects.get(unit=multi_storey, fee_item__code="PF-MS", period="2026-01")
    assert fee.amount == (multi_storey.building_area * Decimal("0.80")).quantize(Decimal("0.01"))
    heating = Charge.objects.get(unit=multi_storey, fee_item__code="HEAT", period="2025-10")
    assert heating.amount == (multi_storey.building_area * 22).quantize(Decimal("0.01"))
    assert (heating.period_start, heating.period_end) == (date(2025, 10, 15), date(2026, 4, 15))


def test_a_second_load_changes_nothing(site):
    first = billing_load(site.community, today=TODAY)
    assert first["bill_runs"] == 12 and first["payments"] > 0
    counts = [m.objects.count() for m in (Charge, Payment, LedgerEntry, MeterReading, BillRun)]
    assert billing_load(site.community, today=TODAY) == {}
    assert [m.objects.count() for m in (Charge, Payment, LedgerEntry, MeterReading)] == counts[:4]


def test_the_year_adds_up(site):
    billing_load(site.community, today=TODAY)
    # each home's balance is what it was charged less what it paid
    for unit in site.community.units.all():
        charged = Charge.objects.filter(unit=unit).aggregate(s=Sum("amount"))["s"] or 0
        paid = Payment.objects.filter(unit=unit).aggregate(s=Sum("amount"))["s"] or 0
        assert services.balances(unit.pk).owed == charged - paid
    # every published apportionment is split to the cent
    for published in Apportionment.objects.filter(community=site.community):
        parts = [c.amount for c in meters.apportionment_breakdown(published)]
        assert sum(parts) == published.total_amount
    # receipts are numbered without gaps within each year, and the counter knows the last
    numbers = defaultdict(list)
    for number in Payment.objects.filter(community=site.community).values_list(
        "receipt_number", flat=True
    ):
        _code, year, serial = number.split("-")
        numbers[int(year)].append(int(serial))
    for year, serials in numbers.items():
        assert sorted(serials) == list(range(1, len(serials) + 1))
        assert ReceiptCounter.objects.get(community=site.community, year=year).last == len(serials)


def test_readings_follow_the_meter_rules(site):
    billing_load(site.community, today=TODAY)
    readings = MeterReading.objects.filter(community=site.community).order_by("meter", "period")
    last = {}
    for reading in readings:
        before = last.get(reading.meter_id)
        if before is not None and not reading.replaced:
            assert reading.reading - before == reading.usage
        last[reading.meter_id] = reading.reading
    # the common meter's readings are complete: each month but this one is apportioned
    assert Apportionment.objects.filter(community=site.community).count() == 11
