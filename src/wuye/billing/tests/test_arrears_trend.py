"""The arrears page's trend by month and the collection of earlier years' arrears (清欠率),
on a ledger whose every date is set: ¥100 a month for each of the four homes, billed for
November and December 2025 (due the 16th), paid in part in December, February and March."""

from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse

from wuye.billing import queries, services
from wuye.billing.models import Charge, FeeMethod
from wuye.billing.runs.services import bill_run_start

from .fixtures import FeeItemFactory

SHANGHAI = ZoneInfo("Asia/Shanghai")


def at(day: date, hour: int = 10) -> datetime:
    return datetime(day.year, day.month, day.day, hour, tzinfo=SHANGHAI)


def pay(site, home: str, periods: list[str], amount: str, day: date):
    charges = Charge.objects.filter(unit=site.units[home], period__in=periods)
    with time_machine.travel(at(day), tick=False):
        payment, _created = services.payment_record(
            unit=site.units[home],
            amount=Decimal(amount),
            method="cash",
            actor=site.cashier,
            charge_ids=[c.pk for c in charges],
        )
    return payment


@pytest.fixture
def ledger(site):
    FeeItemFactory(community=site.community, method=FeeMethod.FIXED, unit_price=Decimal("100.00"))
    for period, day in (("2025-11", date(2025, 11, 1)), ("2025-12", date(2025, 12, 1))):
        with time_machine.travel(at(day), tick=False):
            bill_run_start(
                community=site.community, period=period, actor=site.manager, background=False
            )
    assert Charge.objects.count() == 8
    assert set(Charge.objects.values_list("due_date", flat=True)) == {
        date(2025, 11, 16),
        date(2025, 12, 16),
    }
    pay(site, "owner_home", ["2025-11"], "100.00", date(2025, 12, 20))
    pay(site, "owner2_home", ["2025-11", "2025-12"], "200.00", date(2026, 2, 10))
    voided = pay(site, "owner_home", ["2025-12"], "100.00", date(2026, 3, 1))
    with time_machine.travel(at(date(2026, 3, 2)), tick=False):
        services.payment_void(payment=voided, reason="Wrong home", actor=site.manager)
    return site


def test_the_arrears_at_each_months_end_are_charges_due_less_payments_received(ledger):
    trend = queries.arrears_trend(ledger.community.pk, date(2026, 3, 31), months=6)
    assert trend == [
        {"month": "2025-10", "owed": Decimal("0.00")},
        {"month": "2025-11", "owed": Decimal("400.00")},
        {"month": "2025-12", "owed": Decimal("700.00")},
        {"month": "2026-01", "owed": Decimal("700.00")},
        {"month": "2026-02", "owed": Decimal("500.00")},
        {"month": "2026-03", "owed": Decimal("500.00")},
    ]
    # the month of the day asked for ends with that day: the payment of 1 March is not yet void
    assert queries.arrears_trend(ledger.community.pk, date(2026, 3, 1), months=1) == [
        {"month": "2026-03", "owed": Decimal("400.00")}
    ]


def test_recovery_rate_is_earlier_years_arrears_collected_over_those_owed_as_the_year_began(
    ledger,
):
    recovery = queries.arrears_recovery(ledger.community.pk, date(2026, 3, 31))
    # owed on 1 January 2026: ¥800 charged in 2025 less the ¥100 paid in December; collected
    # in 2026: ¥200 in February, and ¥100 in March that was voided the next day
    assert recovery["owed_at_start"] == Decimal("700.00")
    assert recovery["collected"] == Decimal("200.00")
    assert recovery["rate"] == Decimal("0.2857")
    before_february = queries.arrears_recovery(ledger.community.pk, date(2026, 1, 31))
    assert (before_february["collected"], before_february["rate"]) == (
        Decimal("0.00"),
        Decimal("0.0000"),
    )


def test_in_the_year_the_charges_were_due_there_are_no_earlier_arrears(ledger):
    recovery = queries.arrears_recovery(ledger.community.pk, date(2025, 12, 31))
    assert recovery["owed_at_start"] == Decimal("0.00")
    assert recovery["rate"] == Decimal("0.0000")


def test_the_arrears_page_shows_the_trend_and_the_recovery_rate_with_its_definition(client, ledger):
    with time_machine.travel(at(date(2026, 3, 31)), tick=False):
        client.force_login(ledger.manager)
        page = client.get(
            reverse("billing:arrears", args=[ledger.community.pk]), {"on": "2026-03-31"}
        )
    assert page.status_code == 200
    assert page.context["recovery"]["rate"] == Decimal("0.2857")
    assert 'id="recovery-rate">28.6%' in page.text
    assert "outstanding at the start of the year" in page.text
    assert page.text.count("chart chart-wide") == 1
    assert "2026-03" in page.text
