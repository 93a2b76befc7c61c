"""Bill runs: the right charges for the right homes, once, whatever happens midway."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from wuye.billing import pricing
from wuye.billing.models import (
    AppliesTo,
    BillingSettings,
    BillRun,
    Charge,
    EntryKind,
    FeeKind,
    FeeMethod,
    LedgerEntry,
)
from wuye.billing.runs import generate
from wuye.billing.runs.generate import bill_run_generate
from wuye.billing.runs.services import bill_run_preview, bill_run_resume, bill_run_start
from wuye.testing import factories as f

from .fixtures import FeeItemFactory, ParkingContractFactory


def run(site, period="2026-01", **kwargs) -> BillRun:
    return bill_run_start(
        community=site.community, period=period, actor=site.manager, background=False, **kwargs
    )


def charges(site) -> set[tuple]:
    return set(
        Charge.objects.filter(community=site.community).values_list(
            "unit_id", "fee_item_id", "period", "amount", "due_date"
        )
    )


def test_each_home_of_the_use_is_charged_area_times_price(site):
    FeeItemFactory(community=site.community)
    shop = f.UnitFactory(building=site.buildings[0], number="S1", use="shop")
    result = run(site)
    assert result.status == "finished"
    assert result.charges_created == 4
    assert result.total_amount == Decimal("315.20")
    assert not Charge.objects.filter(unit=shop).exists()
    assert not Charge.objects.filter(community=site.other).exists()
    # every charge is on the ledger
    assert LedgerEntry.objects.filter(kind=EntryKind.CHARGE).count() == 4


def test_running_a_period_twice_adds_nothing(site):
    FeeItemFactory(community=site.community)
    run(site)
    before = charges(site)
    again = run(site)
    assert again.charges_created == 0
    assert charges(site) == before
    assert LedgerEntry.objects.count() == 4


@settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    prices=st.lists(
        st.decimals(min_value=Decimal("0.01"), max_value=Decimal("9.99"), places=2),
        min_size=1,
        max_size=3,
    ),
    cycle=st.sampled_from([1, 3, 6, 12]),
    batch=st.integers(min_value=1, max_value=5),
)
def test_a_bill_run_twice_equals_a_bill_run_once(site, prices, cycle, batch):
    with transaction.atomic():
        for price in prices:
            FeeItemFactory(community=site.community, unit_price=price, cycle_months=cycle)
        first = bill_run_generate(
            run=BillRun.objects.create(community=site.community, period="2026-01"),
            batch_size=batch,
        )
        once = charges(site)
        second = bill_run_generate(
            run=BillRun.objects.create(community=site.community, period="2026-01"),
            batch_size=batch,
        )
        assert charges(site) == once
        assert first.charges_created == len(once) == 4 * len(prices)
        assert second.charges_created == 0
        transaction.set_rollback(True)


def test_a_run_that_fails_midway_resumes_to_the_same_charges(site, monkeypatch):
    FeeItemFactory(community=site.community)
    FeeItemFactory(
        community=site.community,
        code="GB",
        kind=FeeKind.GARBAGE,
        method=FeeMethod.FIXED,
        unit_price=Decimal("10.00"),
    )
    calls = {"n": 0}
    write = generate._write_batch

    def fail_on_third(*args):
        calls["n"] += 1
        if calls["n"] == 3:
            raise RuntimeError("database went away")
        write(*args)

    monkeypatch.setattr(generate, "_write_batch", fail_on_third)
    broken = BillRun.objects.create(community=site.community, period="2026-01")
    with pytest.raises(RuntimeError):
        bill_run_generate(run=broken, batch_size=1)
    broken.refresh_from_db()
    assert broken.status == "failed"
    assert "went away" in broken.error
    assert broken.units_done == 2
    assert Charge.objects.count() == 4  # two homes, two items each, whole batches only
    bill_run_resume(run=broken, actor=site.manager)
    resumed = charges(site)
    broken.refresh_from_db()
    assert broken.status == "finished" and broken.charges_created == 8

    # the same charges as an uninterrupted run computes
    plans = pricing.plans_for(site.community, "2026-01")
    homes = pricing.homes_of(site.community)
    uninterrupted = {
        (c.unit_id, c.fee_item_id, c.period, c.amount, c.due_date)
        for c in pricing.charges_for(plans, homes, "2026-01", None)
    }
    assert resumed == uninterrupted
    assert LedgerEntry.objects.filter(kind=EntryKind.CHARGE).count() == 8


def test_a_quarterly_fee_is_billed_in_the_first_month_of_each_quarter(site):
    FeeItemFactory(community=site.community, cycle_months=3, start_date=date(2026, 1, 1))
    assert run(site, "2026-02").charges_created == 0
    quarter = run(site, "2026-04")
    assert quarter.charges_created == 4
    charge = Charge.objects.first()
    assert charge.amount == Decimal("236.40")  # 98.50 × 0.80 × 3
    assert (charge.period_start, charge.period_end) == (date(2026, 4, 1), date(2026, 6, 30))


def test_a_fee_starting_mid_month_is_prorated_by_days(site):
    FeeItemFactory(community=site.community, start_date=date(2026, 6, 16))
    run(site, "2026-06")
    assert Charge.objects.first().amount == Decimal("39.40")  # 78.80 × 15/30


def test_due_date_follows_the_item_rule(site):
    FeeItemFactory(community=site.community, due_days=10, timing="postpaid")
    run(site, "2026-02")
    assert Charge.objects.first().due_date == date(2026, 3, 10)


def test_vacant_homes_pay_the_reduced_rate_only_when_the_community_switches_it_on(site):
    FeeItemFactory(community=site.community, vacant_rate_applies=True)
    vacant = site.units["vacant_home"]
    run(site, "2026-01")
    assert Charge.objects.get(unit=vacant).amount == Decimal("78.80")
    BillingSettings.objects.create(community=site.community, vacant_rate_enabled=True)
    run(site, "2026-02")
    assert Charge.objects.get(unit=vacant, period="2026-02").amount == Decimal("55.16")


def test_parking_follows_the_contracts_one_fee_per_space(site):
    home = site.units["owner2_home"]
    contract = ParkingContractFactory(unit=home)
    ParkingContractFactory(unit=home, fee_item=contract.fee_item)
    run(site, "2026-01")
    assert Charge.objects.get(fee_item=contract.fee_item).amount == Decimal("300.00")
    assert Charge.objects.filter(fee_item=contract.fee_item).count() == 1


def test_items_for_a_building_or_chosen_homes_reach_only_those(site):
    FeeItemFactory(
        community=site.community, applies_to=AppliesTo.BUILDING, applies_building=site.buildings[1]
    )
    chosen = FeeItemFactory(
        community=site.community,
        code="RENT",
        kind=FeeKind.RENT,
        method=FeeMethod.FIXED,
        unit_price=Decimal("1200"),
        applies_to=AppliesTo.UNITS,
    )
    chosen.applies_units.set([site.units["owner_home"]])
    run(site)
    billed = set(Charge.objects.values_list("unit_id", "fee_item__code"))
    assert billed == {
        (site.units["tenant_home"].pk, billed_code(site, "tenant_home")),
        (site.units["vacant_home"].pk, billed_code(site, "vacant_home")),
        (site.units["owner_home"].pk, "RENT"),
    }


def billed_code(site, unit):
    return Charge.objects.exclude(fee_item__code="RENT").get(unit=site.units[unit]).fee_item.code


def test_preview_counts_and_totals_without_writing(site):
    item = FeeItemFactory(community=site.community)
    preview = bill_run_preview(community=site.community, period="2026-01", actor=site.manager)
    assert preview["charges"] == 4
    assert preview["total_amount"] == Decimal("315.20")
    assert preview["by_fee_item"][item.pk] == {"charges": 4, "amount": Decimal("315.20")}
    assert preview["by_building"][site.buildings[0].pk]["charges"] == 2
    assert not Charge.objects.exists()
    run(site)
    after = bill_run_preview(community=site.community, period="2026-01", actor=site.manager)
    assert after["charges"] == 0


def test_only_management_may_run_bills(site):
    with pytest.raises(PermissionDenied):
        bill_run_start(
            community=site.community, period="2026-01", actor=site.cashier, background=False
        )


def test_a_malformed_period_names_the_field(site):
    with pytest.raises(ValidationError) as exc:
        run(site, "2026-00")
    assert "period" in exc.value.message_dict


@pytest.mark.django_db(transaction=True)
def test_started_in_the_background_the_worker_generates_the_charges(site):
    from django.core.management import call_command

    FeeItemFactory(community=site.community)
    started = bill_run_start(community=site.community, period="2026-01", actor=site.manager)
    assert started.status == "queued"
    call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)
    started.refresh_from_db()
    assert (started.status, started.charges_created, started.units_done) == ("finished", 4, 4)
