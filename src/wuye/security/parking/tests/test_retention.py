"""The gate's photos and the plates of visitors' and temporary cars expire; money stays."""

from datetime import timedelta
from decimal import Decimal

import pytest

from wuye.billing.tests.fixtures import ParkingContractFactory
from wuye.core import retention as core_retention
from wuye.estates.models import ParkingSpace, Residency
from wuye.security.parking import retention
from wuye.security.parking.models import GateEvent, ParkingSession
from wuye.security.parking.services import session_pay

from .conftest import at

pytestmark = pytest.mark.django_db


def test_both_classes_are_registered_with_their_lawful_periods():
    days = {c.key: c.default_days for c in core_retention.DATA_CLASSES}
    assert days["parking_photos"] == 30 and days["parking_plates"] == 90


def test_photos_older_than_the_period_are_forgotten_once(site, drive):
    drive("in", "新A12345", at(1, 8), photo_ref="cam/1.jpg")
    drive("out", "新A12345", at(20, 8), photo_ref="cam/2.jpg")
    assert retention.purge_photos(site.community.pk, at(10, 0)) == 1
    assert retention.purge_photos(site.community.pk, at(10, 0)) == 0
    assert list(GateEvent.objects.order_by("at").values_list("photo_ref", flat=True)) == [
        "",
        "cam/2.jpg",
    ]


def test_plates_of_ended_temporary_stays_go_and_their_money_stays(site, drive):
    Residency.objects.update(start_date=at(1, 0).date() - timedelta(days=400))
    ParkingContractFactory(
        unit=site.units["owner_home"], space=ParkingSpace.objects.get(number="A-001")
    )
    drive("in", "新A12345", at(1, 8))
    shut = drive("out", "新A12345", at(1, 10, 30))
    session_pay(actor=None, session=shut.session, amount=11, method="cash", at=at(1, 10, 31))
    drive("out", "新A12345", at(1, 10, 32))
    drive("in", "新B12345", at(1, 9))  # monthly: the register's car
    drive("out", "新B12345", at(1, 18))
    drive("in", "新A77777", at(1, 9))  # still inside
    changed = retention.purge_plates(site.community.pk, at(5, 0))
    assert changed == 4  # the stay and its three events
    assert retention.purge_plates(site.community.pk, at(5, 0)) == 0
    gone = ParkingSession.objects.get(pk=shut.session.pk)
    assert gone.plate == "" and gone.fee == Decimal("11.00") and gone.paid == Decimal("11.00")
    assert gone.payments.get().amount == Decimal("11.00")
    assert not GateEvent.objects.filter(plate_read__contains="A12345").exists()
    kept = set(ParkingSession.objects.exclude(plate="").values_list("plate", flat=True))
    assert kept == {"新B12345", "新A77777"}
