"""Fees priced per season (取暖费: per m² for 15 Oct – 15 Apr), billed once a season."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from wuye.billing import calc, pricing
from wuye.billing.models import BillRun, Charge, EntryKind, FeeKind, LedgerEntry, Timing
from wuye.billing.runs.services import bill_run_start
from wuye.estates.models import Residency
from wuye.testing import factories as f

from .fixtures import FeeItemFactory


def heating(site, **kwargs):
    """Heating at ¥22 per m² of building area a season, from 15 October to 15 April."""
    return FeeItemFactory(
        community=site.community,
        code="HEAT",
        name="Heating",
        kind=FeeKind.HEATING,
        unit_price=Decimal("22.00"),
        season_start="10-15",
        season_end="04-15",
        **kwargs,
    )


def run(site, period: str) -> BillRun:
    return bill_run_start(
        community=site.community, period=period, actor=site.manager, background=False
    )


def test_a_season_is_found_from_any_month_it_has_days_in():
    assert calc.season_span("2025-10", "10-15", "04-15") == (date(2025, 10, 15), date(2026, 4, 15))
    assert calc.season_span("2026-01", "10-15", "04-15") == (date(2025, 10, 15), date(2026, 4, 15))
    assert calc.season_span("2026-04", "10-15", "04-15") == (date(2025, 10, 15), date(2026, 4, 15))
    assert calc.season_span("2026-05", "10-15", "04-15") is None
    assert calc.season_span("2026-09", "10-15", "04-15") is None
    assert calc.season_span("2026-07", "06-01", "08-31") == (date(2026, 6, 1), date(2026, 8, 31))


@pytest.mark.parametrize("text", ["1015", "13-01", "02-29", "10-32", "a0-15", ""])
def test_a_season_day_must_be_a_day_of_every_year(text):
    with pytest.raises(ValueError):
        calc.month_day(text)


def test_the_season_is_billed_once_by_its_first_run_at_the_season_price(site):
    item = heating(site)
    assert run(site, "2025-09").charges_created == 0
    october = run(site, "2025-10")
    assert october.charges_created == 4
    charge = Charge.objects.get(unit=site.units["owner_home"], fee_item=item)
    assert charge.amount == Decimal("2167.00")  # 98.50 m² × ¥22, once for the season
    assert (charge.period, charge.period_start, charge.period_end) == (
        "2025-10",
        date(2025, 10, 15),
        date(2026, 4, 15),
    )
    assert charge.due_date == date(2025, 10, 30)  # paid in advance: 15 days after the start
    for period in ("2025-11", "2026-01", "2026-04", "2026-05"):
        assert run(site, period).charges_created == 0
    assert Charge.objects.filter(fee_item=item).count() == 4
    assert LedgerEntry.objects.filter(kind=EntryKind.CHARGE, charge__fee_item=item).count() == 4
    assert run(site, "2026-10").charges_created == 4  # the next season


def test_a_community_that_starts_billing_mid_season_bills_the_season_in_its_first_run(site):
    item = heating(site)
    assert run(site, "2025-12").charges_created == 4
    assert set(Charge.objects.filter(fee_item=item).values_list("period", flat=True)) == {"2025-10"}
    assert run(site, "2026-01").charges_created == 0


def test_homes_moving_in_mid_season_pay_for_the_days_left_when_the_rule_says_so(site):
    item = heating(site, season_prorate=True)
    Residency.objects.update(start_date=date(2020, 5, 1))
    newcomer = f.UnitFactory(building=site.buildings[0], number="N1", inner_area=None)
    empty = f.UnitFactory(building=site.buildings[0], number="N2", inner_area=None)
    run(site, "2025-10")
    billed = set(Charge.objects.filter(fee_item=item).values_list("unit_id", flat=True))
    # homes nobody has moved into yet (the vacant one, the two new ones) wait for a move-in
    assert billed == {site.units[name].pk for name in ("owner_home", "owner2_home", "tenant_home")}

    f.ResidencyFactory(unit=newcomer, start_date=date(2026, 1, 20))
    assert run(site, "2025-12").charges_created == 0  # not yet moved in by December
    january = run(site, "2026-01")
    assert january.charges_created == 1
    charge = Charge.objects.get(unit=newcomer, fee_item=item)
    # 86 of the season's 183 days: 20 January to 15 April
    assert charge.amount == calc.to_cents(Decimal("98.50") * 22 * 86 / 183) == Decimal("1018.37")
    assert (charge.period, charge.bill_run_id) == ("2025-10", january.pk)
    assert charge.due_date == date(2026, 2, 4)  # 15 days after the move-in
    assert run(site, "2026-02").charges_created == 0
    assert not Charge.objects.filter(unit=empty).exists()


def test_without_the_rule_every_home_pays_the_whole_season(site):
    item = heating(site, timing=Timing.POSTPAID, due_days=10)
    Residency.objects.update(start_date=date(2025, 12, 1))
    run(site, "2025-10")
    assert Charge.objects.filter(fee_item=item, amount=Decimal("2167.00")).count() == 4
    assert Charge.objects.filter(fee_item=item).first().due_date == date(2026, 4, 25)


def test_the_seasons_price_is_not_counted_in_the_monthly_prepaid_limit(site):
    heating(site)
    FeeItemFactory(community=site.community)
    assert pricing.monthly_fees(site.units["owner_home"], date(2025, 11, 3)) == Decimal("78.80")


def test_a_season_needs_its_first_and_last_day(site):
    item = heating(site)
    item.season_end = ""
    with pytest.raises(ValidationError) as exc:
        item.full_clean()
    assert "season_end" in exc.value.message_dict
    item.season_end = "04-31"
    with pytest.raises(ValidationError) as exc:
        item.full_clean()
    assert "season_end" in exc.value.message_dict
