"""Parking payments are the owners' common income: posted to billing, shown in the publicity."""

from datetime import date
from decimal import Decimal

import pytest
import time_machine

from wuye.billing.models import CommonIncome
from wuye.billing.queries import common_income_by_month
from wuye.billing.services import common_income_void
from wuye.core.models import AuditEntry
from wuye.engagement.publicity import services as publicity
from wuye.security.parking.models import ParkingSettings
from wuye.security.parking.services import session_pay

from .conftest import at

pytestmark = pytest.mark.django_db


def _pay(site, drive, amount="11", **extra):
    drive("in", "新A12345", at(2, 8))
    shut = drive("out", "新A12345", at(2, 10, 30))
    return session_pay(
        actor=site.cashier,
        session=shut.session,
        amount=amount,
        method="cash",
        at=at(2, 10, 31),
        **extra,
    )


def test_a_payment_is_posted_once_as_parking_income_and_audited(site, drive):
    payment = _pay(site, drive, reference="pos-1")
    income = CommonIncome.objects.get()
    assert (income.source, income.amount, income.method) == ("parking", Decimal("11.00"), "cash")
    assert income.actor == site.cashier
    assert AuditEntry.objects.filter(action="parking_payment.record").count() == 1
    again = session_pay(
        actor=site.cashier,
        session=payment.session,
        amount="11",
        method="cash",
        reference="pos-1",
        at=at(2, 10, 32),
    )
    assert again.pk == payment.pk and CommonIncome.objects.count() == 1
    months = common_income_by_month(site.community.pk, "parking", 2026)
    assert months[3] == Decimal("11.00") and months[2] == 0


def test_a_void_is_a_negative_row_and_income_is_append_only(site, drive):
    _pay(site, drive)
    income = CommonIncome.objects.get()
    with time_machine.travel(at(2, 12).replace(month=5, day=10), tick=False):
        common_income_void(actor=site.manager, income=income, reason="Counted twice")
    months = common_income_by_month(site.community.pk, "parking", 2026)
    # the void counts in the month it was made, the payment stays in its own
    assert months[3] == Decimal("11.00") and months[5] == Decimal("-11.00")
    assert sum(months.values()) == 0
    with pytest.raises(PermissionError):
        income.delete()


def test_parking_not_on_common_land_is_not_posted(site, drive):
    ParkingSettings.objects.create(community=site.community, income_is_common=False)
    _pay(site, drive)
    assert not CommonIncome.objects.exists()


def test_the_publicity_fills_the_parking_line_from_billing(site, drive):
    _pay(site, drive)
    period = publicity.fund_period_create(
        actor=site.manager, community=site.community, kind="month", start=date(2026, 3, 1)
    )
    lines = list(period.lines.values_list("category", "amount", "source"))
    assert lines == [("parking", Decimal("11.00"), "billing")]
    before = publicity.fund_period_create(
        actor=site.manager, community=site.community, kind="month", start=date(2026, 2, 1)
    )
    assert not before.lines.exists()
