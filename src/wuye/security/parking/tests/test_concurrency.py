"""Two deliveries of one camera event, two payments with one reference, at the same moment.

Real concurrent transactions: PostgreSQL only, outside the per-test transaction."""

from decimal import Decimal

from wuye.security.parking.models import GateEvent, ParkingPayment, ParkingSession
from wuye.security.parking.services import gate_event_record, session_pay
from wuye.testing.concurrency import POSTGRES_CONCURRENCY, at_once

from .conftest import at

pytestmark = POSTGRES_CONCURRENCY


def test_one_event_sent_twice_at_once_opens_one_session(site, gate, tariff):
    def send():
        return gate_event_record(
            community=site.community,
            gate_code="G1",
            direction="in",
            plate_read="新A12345",
            at=at(2, 8),
            event_id="cam-7",
        )

    first, second = at_once(send, send)
    assert not isinstance(first, Exception) and not isinstance(second, Exception)
    assert sorted([first.duplicate, second.duplicate]) == [False, True]
    assert first.session.pk == second.session.pk
    assert ParkingSession.objects.count() == 1 and GateEvent.objects.count() == 1


def test_one_payment_reference_taken_twice_at_once_is_taken_once(site, gate, tariff, drive):
    drive("in", "新A12345", at(2, 8))
    shut = drive("out", "新A12345", at(2, 10, 30))

    def pay():
        return session_pay(
            actor=site.cashier,
            session=shut.session,
            amount="11",
            method="cash",
            reference="pos-9",
            at=at(2, 10, 31),
        )

    first, second = at_once(pay, pay)
    assert first.pk == second.pk
    assert ParkingPayment.objects.count() == 1
    assert ParkingSession.objects.get(pk=shut.session.pk).paid == Decimal("11.00")
