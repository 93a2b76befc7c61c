"""Cars in and out: camera events become parking sessions, priced at the exit and paid.

`gate_event_record` is what a barrier camera's adapter calls for each plate it reads. It is
idempotent by the camera's event id (a repeat gets the first answer back, marked as a
duplicate), opens a session at the entry — monthly, visitor or temporary as the whitelist
says — and at the exit closes the car's latest open session: a free or paid stay opens the
barrier, a stay with money due keeps it shut and tells the driver the amount. What the camera
cannot read, or an exit with no entry, becomes a session marked for the guard.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal

from django.conf import settings as django_settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from wuye.billing.models import IncomeSource, PaymentMethod
from wuye.billing.services import common_income_record
from wuye.core import audit
from wuye.estates import plates

from .. import queries, tariffs, whitelist
from ..models import (
    Direction,
    ExceptionKind,
    Gate,
    GateEvent,
    ParkingPayment,
    ParkingSession,
    ParkingSettings,
    ParkingTariff,
    SessionKind,
    SessionStatus,
    VehicleType,
)

ZERO = Decimal("0.00")
OPEN_STATUSES = (SessionStatus.INSIDE, SessionStatus.PAID)


@dataclass
class GateOutcome:
    """The answer to a camera: the event, its session, whether the barrier opens, the texts
    for the display and the loudspeaker, and the money still due."""

    event: GateEvent
    session: ParkingSession | None
    open_barrier: bool
    display: str
    voice: str
    fee_due: Decimal
    duplicate: bool = False


def vehicle_type_of(plate_colour: str) -> str:
    """Yellow plates are large vehicles' (and coaches'); the rest park as small cars."""
    return VehicleType.LARGE if plate_colour == "yellow" else VehicleType.CAR


def community_language(community) -> str:
    return getattr(community, "language", "") or django_settings.LANGUAGE_CODE


def price(session: ParkingSession, at: datetime) -> tuple[ParkingTariff | None, Decimal]:
    """The tariff pricing the stay and its whole fee if the car leaves at `at`; monthly and
    visitor cars and stays no tariff covers are free."""
    if session.kind != SessionKind.TEMPORARY or session.entered_at is None:
        return None, ZERO
    tariff = session.tariff or queries.tariff_for(
        session.community_id, session.vehicle_type, session.plate_colour, session.entered_at
    )
    if tariff is None:
        return None, ZERO
    holidays = queries.holidays_between(session.community, session.entered_at, at)
    rule = tariffs.Rule.from_json(tariff.rule)
    return tariff, tariffs.quote(rule, session.entered_at, at, holidays=holidays).fee


def due(session: ParkingSession, at: datetime) -> tuple[ParkingTariff | None, Decimal, Decimal]:
    """(tariff, whole fee, still to pay) if the car leaves at `at`; nothing is due within
    the exit grace after a payment."""
    if session.paid_until and at <= session.paid_until:
        return session.tariff, session.fee, ZERO
    tariff, fee = price(session, at)
    return tariff, fee, max(ZERO, fee - session.paid)


def _outcome_of(event: GateEvent, duplicate: bool) -> GateOutcome:
    return GateOutcome(
        event=event,
        session=event.session,
        open_barrier=event.opened,
        display=event.display,
        voice=event.voice,
        fee_due=event.fee_due,
        duplicate=duplicate,
    )


def _recorded(community, event_id: str) -> GateOutcome | None:
    event = (
        GateEvent.objects.filter(community=community, event_id=event_id)
        .select_related("session", "gate")
        .first()
    )
    return _outcome_of(event, duplicate=True) if event else None


def _gate(community, gate_code: str, direction: str) -> Gate:
    gate = Gate.objects.filter(community=community, code=gate_code).first()
    if gate is None:
        raise ValidationError(
            _("No gate “%(code)s” in this community.") % {"code": gate_code}, code="gate"
        )
    if direction not in Direction.values:
        raise ValidationError(_("The direction is “in” or “out”."), code="direction")
    return gate


def gate_event_record(
    *,
    community,
    gate_code: str,
    direction: str,
    plate_read: str,
    at: datetime,
    event_id: str,
    plate_colour: str = "",
    camera: str = "",
    photo_ref: str = "",
) -> GateOutcome:
    """Record what a camera saw and answer it: open the barrier or not, with the texts."""
    event_id = (event_id or "").strip()
    if not event_id or len(event_id) > 64:
        raise ValidationError(_("Each event needs its id (up to 64 characters)."), code="event")
    if timezone.is_naive(at):
        raise ValidationError(_("The time must carry its time zone."), code="at")
    found = _recorded(community, event_id)
    if found:
        return found
    gate = _gate(community, gate_code, direction)
    if plate_colour and plate_colour not in plates.PlateColour.values:
        plate_colour = ""
    try:
        with transaction.atomic():
            event = GateEvent.objects.create(
                community=community,
                gate=gate,
                event_id=event_id,
                direction=direction,
                at=at,
                plate_read=(plate_read or "")[:20],
                plate_colour=plate_colour,
                camera=camera[:64],
                photo_ref=photo_ref[:200],
            )
            with translation.override(community_language(community)):
                return _answer(community, gate, event)
    except IntegrityError:
        found = _recorded(community, event_id)
        if found:
            return found
        raise


def _answer(community, gate: Gate, event: GateEvent) -> GateOutcome:
    plate = plates.normalise(event.plate_read)
    if plates.is_valid(plate):
        event.plate = plate
        event.plate_colour = event.plate_colour or plates.colour_of(plate)
        if event.direction == Direction.IN:
            session, opened, display, voice, fee_due = _enter(community, gate, event)
        else:
            session, opened, display, voice, fee_due = _leave(community, gate, event)
    else:
        session = _exception_session(community, gate, event, ExceptionKind.UNREADABLE)
        opened, fee_due = False, ZERO
        display, voice = unread_texts()
    event.session = session
    event.opened, event.display, event.voice, event.fee_due = opened, display, voice, fee_due
    event.save(
        update_fields=["plate", "plate_colour", "session", "opened", "display", "voice", "fee_due"]
    )
    return _outcome_of(event, duplicate=False)


def _exception_session(community, gate, event, exception: str, kind=SessionKind.TEMPORARY):
    entering = event.direction == Direction.IN
    return ParkingSession.objects.create(
        community=community,
        plate=event.plate,
        plate_colour=event.plate_colour or plates.PlateColour.BLUE,
        vehicle_type=vehicle_type_of(event.plate_colour),
        kind=kind,
        status=SessionStatus.EXCEPTION,
        exception=exception,
        entered_at=event.at if entering else None,
        entry_gate=gate if entering else None,
        exited_at=None if entering else event.at,
        exit_gate=None if entering else gate,
    )


# What the display and the loudspeaker say (in the language active when called).
WELCOME = {
    SessionKind.MONTHLY: lambda: (_("Monthly car · welcome home"), _("Welcome home")),
    SessionKind.VISITOR: lambda: (_("Visitor · welcome"), _("Welcome")),
    SessionKind.TEMPORARY: lambda: (_("Temporary car · welcome"), _("Welcome")),
}


def welcome_texts(kind: str, plate: str) -> tuple[str, str]:
    display, voice = WELCOME[kind]()
    return f"{plate} {display}", voice


def unread_texts() -> tuple[str, str]:
    return _("Plate not read · please wait for the guard"), _("Please wait for the guard")


def no_entry_texts(plate: str) -> tuple[str, str]:
    display = _("No entry on record · please wait for the guard")
    return f"{plate} {display}", _("Please wait for the guard")


def pay_texts(plate: str, owed: Decimal) -> tuple[str, str]:
    amount = f"{owed:.2f}"
    display = _("Please pay ¥%(amount)s") % {"amount": amount}
    voice = _("Parking fee %(amount)s yuan, please pay") % {"amount": amount}
    return f"{plate} {display}", voice


def goodbye_texts(plate: str) -> tuple[str, str]:
    display = _("Have a safe journey")
    return f"{plate} {display}", display


def _enter(community, gate, event):
    found = whitelist.standing(community.pk, event.plate, event.at)
    session = ParkingSession.objects.create(
        community=community,
        plate=event.plate,
        plate_colour=event.plate_colour,
        vehicle_type=vehicle_type_of(event.plate_colour),
        kind=found.kind,
        contract=found.contract,
        entered_at=event.at,
        entry_gate=gate,
    )
    return session, True, *welcome_texts(found.kind, event.plate), ZERO


def _leave(community, gate, event):
    session = (
        ParkingSession.objects.select_for_update()
        .filter(
            community=community,
            plate=event.plate,
            status__in=OPEN_STATUSES,
            entered_at__lte=event.at,
        )
        .order_by("-entered_at", "-pk")
        .first()
    )
    if session is None:
        found = whitelist.standing(community.pk, event.plate, event.at)
        session = _exception_session(community, gate, event, ExceptionKind.NO_ENTRY, found.kind)
        return session, False, *no_entry_texts(event.plate), ZERO
    tariff, fee, owed = due(session, event.at)
    session.tariff, session.fee, session.exit_gate = tariff, fee, gate
    if owed > 0:
        session.save(update_fields=["tariff", "fee", "exit_gate"])
        return session, False, *pay_texts(event.plate, owed), owed
    session.status, session.exited_at = SessionStatus.LEFT, event.at
    session.save(update_fields=["tariff", "fee", "exit_gate", "status", "exited_at"])
    return session, True, *goodbye_texts(event.plate), ZERO


def _exit_grace(session: ParkingSession) -> timedelta:
    """How long a car may take to leave after paying: its tariff's grace, else the
    community's (a lost ticket or a stay priced by the guard has no tariff)."""
    if session.tariff_id:
        return timedelta(minutes=tariffs.Rule.from_json(session.tariff.rule).exit_grace_minutes)
    settings = ParkingSettings.for_community(session.community_id)
    return timedelta(minutes=settings.exit_grace_minutes)


@transaction.atomic
def session_pay(
    *,
    actor,
    session: ParkingSession,
    amount,
    method: str,
    reference: str = "",
    at: datetime | None = None,
) -> ParkingPayment:
    """Take money for a stay: never more than is due now, once per `reference`; the stay
    may then leave within the exit grace. The money is the owners' common income (民法典
    第二百八十二条) and is posted to billing as such unless the community says otherwise.
    `at` is when the money is taken (now unless a device reports it later)."""
    reference = (reference or "").strip()[:64]
    session = ParkingSession.objects.select_for_update().get(pk=session.pk)
    if reference:
        earlier = ParkingPayment.objects.filter(
            session__community_id=session.community_id, reference=reference
        ).first()
        if earlier:
            if earlier.session_id != session.pk or earlier.amount != Decimal(amount):
                raise ValidationError(
                    _("This reference was already used for another payment."), code="reference"
                )
            return earlier
    if method not in PaymentMethod.values:
        raise ValidationError(_("Unknown payment method."), code="method")
    try:
        amount = Decimal(amount).quantize(Decimal("0.01"))
    except (ArithmeticError, TypeError, ValueError):
        raise ValidationError(_("Enter an amount in yuan."), code="amount") from None
    if amount <= 0:
        raise ValidationError(_("The amount must be more than zero."), code="amount")
    if session.status == SessionStatus.LEFT:
        raise ValidationError(_("This car has already left."), code="left")
    now = at or timezone.now()
    grace = _exit_grace(session)
    asked = (
        session.events.filter(direction=Direction.OUT, opened=False, fee_due__gt=0)
        .order_by("-at", "-pk")
        .first()
    )
    if session.status == SessionStatus.EXCEPTION or (asked and asked.at <= now <= asked.at + grace):
        # what the guard set (a lost ticket), or what the barrier asked a moment ago
        tariff, fee, owed = session.tariff, session.fee, max(ZERO, session.fee - session.paid)
    else:
        tariff, fee, owed = due(session, now)
    if amount > owed:
        raise ValidationError(
            _("No more than ¥%(due)s is due.") % {"due": f"{owed:.2f}"}, code="too_much"
        )
    payment = ParkingPayment.objects.create(
        session=session, amount=amount, method=method, reference=reference, at=now, taken_by=actor
    )
    session.tariff, session.fee = tariff or session.tariff, fee
    session.paid += amount
    if session.paid >= fee and session.status != SessionStatus.EXCEPTION:
        session.status, session.paid_until = SessionStatus.PAID, now + grace
    session.save(update_fields=["tariff", "fee", "paid", "status", "paid_until"])
    if ParkingSettings.for_community(session.community_id).income_is_common:
        common_income_record(
            community_id=session.community_id,
            source=IncomeSource.PARKING,
            amount=amount,
            method=method,
            actor=actor,
            at=now,
            reference=f"parking-payment-{payment.pk}",
            note=session.plate,
        )
    audit.record(
        actor=actor,
        action="parking_payment.record",
        obj=session,
        changes={"amount": str(amount), "method": method, "reference": reference},
    )
    return payment
