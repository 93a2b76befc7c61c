"""What the guard settles by hand: corrections, pairing, lost tickets, a barrier opened."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from wuye.core.models import AuditEntry
from wuye.security.parking.models import (
    ExceptionKind,
    GateEvent,
    ParkingPayment,
    ParkingSession,
    ParkingSettings,
    SessionKind,
    SessionStatus,
)
from wuye.security.parking.services import (
    barrier_open,
    lost_ticket_charge,
    session_pair,
    session_plate_correct,
)

from .conftest import at

pytestmark = pytest.mark.django_db


def test_correcting_an_unread_plate_makes_an_ordinary_stay_and_is_audited(site, drive):
    unread = drive("in", "", at(2, 8)).session
    assert unread.exception == ExceptionKind.UNREADABLE
    corrected = session_plate_correct(
        actor=site.guard, session=unread, plate="新b·12345", reason="Read off the car"
    )
    assert (corrected.plate, corrected.status, corrected.exception) == (
        "新B12345",
        SessionStatus.INSIDE,
        "",
    )
    entry = AuditEntry.objects.get(action="parking_session.plate_correct")
    assert entry.actor == site.guard
    assert entry.changes == {"plate": ["", "新B12345"], "reason": "Read off the car"}


@pytest.mark.parametrize(
    ("plate", "reason"), [("新A12345", ""), ("新A12345", "   "), ("not a plate", "Misread")]
)
def test_a_correction_without_reason_or_with_a_bad_plate_changes_nothing(
    site, drive, plate, reason
):
    session = drive("in", "新A12346", at(2, 8)).session
    with pytest.raises(ValidationError):
        session_plate_correct(actor=site.guard, session=session, plate=plate, reason=reason)
    assert ParkingSession.objects.get().plate == "新A12346"
    assert not AuditEntry.objects.filter(action="parking_session.plate_correct").exists()


def test_a_technician_may_not_correct_a_plate(site, drive):
    session = drive("in", "新A12346", at(2, 8)).session
    with pytest.raises(PermissionDenied):
        session_plate_correct(actor=site.electrician, session=session, plate="新A12345", reason="x")


def test_an_exit_with_no_entry_is_paired_with_the_misread_entry_and_priced(site, drive):
    entry = drive("in", "新A1234S", at(2, 8)).session  # the entry camera read S for 5
    assert entry.plate == "新A1234S"
    stray = drive("out", "新A12345", at(2, 10, 30)).session
    assert stray.exception == ExceptionKind.NO_ENTRY
    paired = session_pair(
        actor=site.guard, exit_session=stray, entry_session=entry, reason="Same car on camera"
    )
    assert paired.plate == "新A12345" and paired.fee == Decimal("11.00")
    assert paired.status == SessionStatus.INSIDE and paired.exit_gate_id == stray.exit_gate_id
    stray.refresh_from_db()
    assert stray.status == SessionStatus.LEFT
    assert GateEvent.objects.filter(session=paired).count() == 2
    assert AuditEntry.objects.filter(action="parking_session.pair").count() == 1


def test_pairing_refuses_a_stay_that_is_not_inside(site, drive):
    stray = drive("out", "新A12345", at(2, 10, 30)).session
    later = drive("in", "新A99999", at(2, 11)).session  # came in after the exit
    with pytest.raises(ValidationError):
        session_pair(actor=site.guard, exit_session=stray, entry_session=later, reason="x")
    stray.refresh_from_db()
    assert stray.status == SessionStatus.EXCEPTION


def test_a_lost_ticket_pays_the_fallback_fee_with_a_reason(site, drive):
    ParkingSettings.objects.create(community=site.community, lost_ticket_fee=Decimal("60.00"))
    stray = drive("out", "新A12345", at(2, 10, 30)).session
    with pytest.raises(ValidationError):
        lost_ticket_charge(actor=site.guard, session=stray, reason=" ", method="cash")
    assert not ParkingPayment.objects.exists()
    stray.refresh_from_db()
    assert stray.exception == ExceptionKind.NO_ENTRY and stray.fee == 0

    payment = lost_ticket_charge(
        actor=site.guard, session=stray, reason="Driver lost the ticket", method="cash"
    )
    assert payment.amount == Decimal("60.00")
    stray.refresh_from_db()
    assert (stray.status, stray.exception, stray.fee, stray.paid) == (
        SessionStatus.LEFT,
        ExceptionKind.LOST_TICKET,
        Decimal("60.00"),
        Decimal("60.00"),
    )
    entry = AuditEntry.objects.get(action="parking_session.lost_ticket")
    assert entry.changes["reason"] == "Driver lost the ticket"
    with pytest.raises(ValidationError):  # gone: not charged twice
        lost_ticket_charge(actor=site.guard, session=stray, reason="again", method="cash")
    assert ParkingPayment.objects.count() == 1


def test_opening_a_barrier_by_hand_needs_a_reason_and_is_audited(site, gate):
    with pytest.raises(ValidationError):
        barrier_open(actor=site.guard, gate=gate, reason="")
    assert not AuditEntry.objects.filter(action="parking_gate.open").exists()
    barrier_open(actor=site.guard, gate=gate, reason="Ambulance")
    entry = AuditEntry.objects.get(action="parking_gate.open")
    assert entry.changes == {"reason": "Ambulance"} and entry.actor == site.guard


def test_a_monthly_car_misread_then_corrected_is_monthly(site, drive):
    from datetime import date

    from wuye.billing.tests.fixtures import ParkingContractFactory
    from wuye.estates.models import ParkingSpace

    ParkingContractFactory(
        unit=site.units["owner_home"],
        space=ParkingSpace.objects.get(number="A-001"),
        start_date=date(2025, 1, 1),
    )
    unread = drive("in", "", at(2, 8)).session
    corrected = session_plate_correct(
        actor=site.guard, session=unread, plate="新B12345", reason="Owner's car"
    )
    assert corrected.kind == SessionKind.MONTHLY
