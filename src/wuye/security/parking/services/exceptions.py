"""What the guard settles by hand at the gate: a plate the camera misread, an exit the
server cannot match to an entry, a lost ticket charged the community's fallback fee, and a
barrier opened from the console. Each needs the guard's reason and leaves an audit entry."""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from wuye.core import audit, policy
from wuye.estates import plates

from .. import whitelist
from ..models import (
    ExceptionKind,
    Gate,
    GateEvent,
    ParkingPayment,
    ParkingSession,
    ParkingSettings,
    SessionStatus,
)
from .sessions import due, session_pay

ZERO = Decimal("0.00")


def _reason(reason: str) -> str:
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(_("Say why (the reason is kept in the audit log)."), code="reason")
    return reason[:300]


def _locked(session: ParkingSession) -> ParkingSession:
    return ParkingSession.objects.select_for_update().get(pk=session.pk)


def _not_left(session: ParkingSession) -> None:
    if session.status == SessionStatus.LEFT:
        raise ValidationError(
            _("This car has already left; its stay can no longer be changed."), code="left"
        )


@transaction.atomic
def session_plate_correct(
    *, actor, session: ParkingSession, plate: str, reason: str
) -> ParkingSession:
    """Put the plate the guard reads off the car on its stay. A stay whose plate the camera
    could not read at the entry becomes an ordinary stay of that car (monthly, visitor or
    temporary as the register says)."""
    policy.require_perm(actor, "parking.operate", session.community_id)
    reason = _reason(reason)
    new = plates.validate(plate)
    session = _locked(session)
    _not_left(session)
    old = session.plate
    if new == old:
        raise ValidationError(
            _("The stay already has the plate %(plate)s.") % {"plate": new}, code="same"
        )
    session.plate, session.plate_colour = new, plates.colour_of(new)
    fields = ["plate", "plate_colour", "note"]
    if session.exception == ExceptionKind.UNREADABLE and session.entered_at:
        found = whitelist.standing(session.community_id, new, session.entered_at)
        session.kind, session.contract = found.kind, found.contract
        session.status, session.exception = SessionStatus.INSIDE, ""
        fields += ["kind", "contract", "status", "exception"]
    session.note = reason
    session.save(update_fields=fields)
    audit.record(
        actor=actor,
        action="parking_session.plate_correct",
        obj=session,
        changes={"plate": [old, new], "reason": reason},
    )
    return session


@transaction.atomic
def session_pair(
    *, actor, exit_session: ParkingSession, entry_session: ParkingSession, reason: str
) -> ParkingSession:
    """Match an exit the server found no entry for with the stay of the car that came in
    (its plate misread at one end): the stay takes the exit's plate, lane and time and is
    priced to that time; it is closed when nothing is due, else it waits for the payment at
    the barrier. The exit's own record is closed as paired."""
    policy.require_perm(actor, "parking.operate", exit_session.community_id)
    reason = _reason(reason)
    exit_session, entry_session = _locked(exit_session), _locked(entry_session)
    if exit_session.exception != ExceptionKind.NO_ENTRY or exit_session.status == (
        SessionStatus.LEFT
    ):
        raise ValidationError(_("Only an exit with no entry can be paired."), code="not_exit")
    if (
        entry_session.community_id != exit_session.community_id
        or entry_session.pk == exit_session.pk
        or entry_session.entered_at is None
        or entry_session.exited_at is not None
        or entry_session.status == SessionStatus.LEFT
        or entry_session.entered_at > exit_session.exited_at
    ):
        raise ValidationError(
            _("That stay is not a car inside that came in before this exit."), code="not_entry"
        )
    old_plate = entry_session.plate
    at = exit_session.exited_at
    if exit_session.plate and exit_session.plate != old_plate:
        found = whitelist.standing(entry_session.community_id, exit_session.plate, at)
        entry_session.plate, entry_session.plate_colour = (
            exit_session.plate,
            exit_session.plate_colour,
        )
        entry_session.kind, entry_session.contract = found.kind, found.contract
    entry_session.status, entry_session.exception = SessionStatus.INSIDE, ""
    tariff, fee, owed = due(entry_session, at)
    entry_session.tariff, entry_session.fee = tariff, fee
    entry_session.exit_gate = exit_session.exit_gate
    if owed <= 0:
        entry_session.status, entry_session.exited_at = SessionStatus.LEFT, at
    entry_session.note = reason
    entry_session.save()
    GateEvent.objects.filter(session=exit_session).update(session=entry_session)
    exit_session.status = SessionStatus.LEFT
    exit_session.note = _("Paired with the stay that came in at %(at)s.") % {
        "at": timezone.localtime(entry_session.entered_at).strftime("%Y-%m-%d %H:%M")
    }
    exit_session.save(update_fields=["status", "note"])
    audit.record(
        actor=actor,
        action="parking_session.pair",
        obj=entry_session,
        changes={
            "plate": [old_plate, entry_session.plate],
            "exit": exit_session.pk,
            "fee": str(fee),
            "reason": reason,
        },
    )
    return entry_session


@transaction.atomic
def lost_ticket_charge(
    *, actor, session: ParkingSession, reason: str, method: str, reference: str = ""
) -> ParkingPayment | None:
    """Charge a car whose stay cannot be priced (no entry on record, a lost ticket) the
    community's fallback fee and let it go: the reason is required and audited, and the
    money is taken through the ordinary parking payment."""
    policy.require_perm(actor, "parking.operate", session.community_id)
    reason = _reason(reason)
    session = _locked(session)
    _not_left(session)
    fee = ParkingSettings.for_community(session.community_id).lost_ticket_fee
    old_fee = session.fee
    session.exception, session.status = ExceptionKind.LOST_TICKET, SessionStatus.EXCEPTION
    session.fee, session.tariff, session.note = fee, None, reason
    session.save(update_fields=["exception", "status", "fee", "tariff", "note"])
    audit.record(
        actor=actor,
        action="parking_session.lost_ticket",
        obj=session,
        changes={"fee": [str(old_fee), str(fee)], "reason": reason},
    )
    payment = None
    if fee > session.paid:
        payment = session_pay(
            actor=actor,
            session=session,
            amount=fee - session.paid,
            method=method,
            reference=reference,
        )
    session.refresh_from_db()
    session.status = SessionStatus.LEFT
    session.exited_at = session.exited_at or timezone.now()
    session.save(update_fields=["status", "exited_at"])
    return payment


@transaction.atomic
def barrier_open(*, actor, gate: Gate, reason: str, session: ParkingSession | None = None) -> Gate:
    """Record that the guard raised a lane's barrier from the console, and why."""
    policy.require_perm(actor, "parking.operate", gate.community_id)
    reason = _reason(reason)
    if session is not None and session.community_id != gate.community_id:
        raise ValidationError(_("That stay is not at this community's gate."), code="session")
    audit.record(
        actor=actor,
        action="parking_gate.open",
        obj=gate,
        changes={
            "reason": reason,
            **({"session": session.pk, "plate": session.plate} if session else {}),
        },
    )
    return gate
