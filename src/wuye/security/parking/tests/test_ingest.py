from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from wuye.security.parking.models import (
    ExceptionKind,
    GateEvent,
    ParkingSession,
    SessionKind,
    SessionStatus,
)
from wuye.security.parking.services import session_pay

from .conftest import at

pytestmark = pytest.mark.django_db


def test_temporary_car_enters_and_leaves_twice_in_a_day_paying_each_stay(drive):
    entry = drive("in", "新A·12345", at(2, 8, 0))
    assert entry.open_barrier and entry.session.kind == SessionKind.TEMPORARY
    assert entry.session.plate == "新A12345"
    # 150 minutes: ¥11 by the tariff's worked example
    shut = drive("out", "新A12345", at(2, 10, 30))
    assert not shut.open_barrier and shut.fee_due == Decimal("11.00")
    assert "11.00" in shut.display
    session_pay(actor=None, session=shut.session, amount="11.00", method="cash", at=at(2, 10, 31))
    left = drive("out", "新A12345", at(2, 10, 35))
    assert left.open_barrier and left.fee_due == 0
    first = ParkingSession.objects.get(pk=entry.session.pk)
    assert (first.status, first.fee, first.paid) == (SessionStatus.LEFT, Decimal("11.00"), 11)

    # second stay the same day: 45 minutes → ¥5, and a short one afterwards is free
    drive("in", "新A12345", at(2, 18, 0))
    second = drive("out", "新A12345", at(2, 18, 45))
    assert second.session.pk != first.pk and second.fee_due == Decimal("5.00")
    session_pay(actor=None, session=second.session, amount=5, method="wechat_pay", at=at(2, 18, 45))
    assert drive("out", "新A12345", at(2, 18, 46)).open_barrier
    drive("in", "新A12345", at(2, 20, 0))
    assert drive("out", "新A12345", at(2, 20, 25)).open_barrier  # 25 minutes are free
    fees = list(ParkingSession.objects.order_by("entered_at").values_list("fee", flat=True))
    assert fees == [Decimal("11.00"), Decimal("5.00"), Decimal("0.00")]


def test_a_repeated_event_id_returns_the_first_answer_and_no_second_session(drive):
    first = drive("in", "新A12345", at(2, 8), event_id="cam-1")
    again = drive("in", "新A12345", at(2, 8), event_id="cam-1")
    assert again.duplicate and not first.duplicate
    assert again.session.pk == first.session.pk and again.display == first.display
    assert ParkingSession.objects.count() == 1 and GateEvent.objects.count() == 1
    out = drive("out", "新A12345", at(2, 10, 30), event_id="cam-2")
    repeat = drive("out", "新A12345", at(2, 10, 30), event_id="cam-2")
    assert repeat.duplicate and repeat.fee_due == out.fee_due == Decimal("11.00")


def test_unreadable_plate_and_exit_without_entry_wait_for_the_guard(drive):
    unread = drive("in", "??", at(2, 8))
    assert not unread.open_barrier
    assert unread.session.exception == ExceptionKind.UNREADABLE
    assert unread.session.status == SessionStatus.EXCEPTION
    assert unread.event.plate_read == "??"
    ghost = drive("out", "新A54321", at(2, 9))
    assert not ghost.open_barrier
    assert ghost.session.exception == ExceptionKind.NO_ENTRY
    assert ghost.session.exited_at == at(2, 9)


def test_texts_are_in_the_community_language(site, drive):
    site.community.language = "zh-hans"
    site.community.save()
    drive("in", "新A12345", at(2, 8))
    shut = drive("out", "新A12345", at(2, 10, 30))
    assert "请" in shut.voice and "11.00" in shut.voice
    site.community.language = "en"
    site.community.save()
    drive("in", "新A77777", at(2, 8))
    assert "please pay" in drive("out", "新A77777", at(2, 10, 30)).voice


def test_bad_input_is_refused_and_records_nothing(drive):
    with pytest.raises(ValidationError):
        drive("sideways", "新A12345", at(2, 8))
    with pytest.raises(ValidationError):
        drive("in", "新A12345", at(2, 8).replace(tzinfo=None))
    assert not GateEvent.objects.exists()


def test_payment_is_never_more_than_due_and_idempotent_by_reference(drive):
    drive("in", "新A12345", at(2, 8))
    shut = drive("out", "新A12345", at(2, 10, 30))

    def pay(amount, reference=""):
        return session_pay(
            actor=None,
            session=shut.session,
            amount=amount,
            method="cash",
            reference=reference,
            at=at(2, 10, 31),
        )

    with pytest.raises(ValidationError):
        pay("12")
    one = pay(6, "r1")
    assert pay(6, "r1").pk == one.pk
    with pytest.raises(ValidationError):
        pay(6)
    pay(5)
    session = ParkingSession.objects.get(pk=shut.session.pk)
    assert session.paid == Decimal("11.00") and session.payments.count() == 2
    assert session.status == SessionStatus.PAID
