"""Many camera events at once: a device's buffer sent after it was offline, a day of traffic
driven by the simulator, an import. The same answers and sessions as `gate_event_record`
event by event, reached with a few set-based reads and bulk writes.

The register (vehicles, homes, contracts), the tariffs and the cars already inside are read
once; the events are then walked in time order in memory with the rules of the one-by-one
path (whitelist, 子母 spaces, exits closing the latest open stay, prices by the tariff
engine), and the sessions and events are written in bulk. A repeated event id is skipped.
If another writer records one of the same event ids at the same moment, the batch falls
back to recording its events one by one, which is safe against that race.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from wuye.billing.models import ParkingContract
from wuye.estates import plates
from wuye.estates.models import Residency, Vehicle

from ...passes.queries import lets_car_in, vehicle_passes_by_plate
from .. import queries, tariffs, whitelist
from ..models import (
    Direction,
    ExceptionKind,
    Gate,
    GateEvent,
    ParkingSession,
    ParkingSettings,
    SessionKind,
    SessionStatus,
)
from . import sessions as one

ZERO = Decimal("0.00")
OPEN = (SessionStatus.INSIDE, SessionStatus.PAID)


@dataclass
class BatchResult:
    recorded: int
    duplicates: int
    sessions_opened: int
    sessions_closed: int
    barrier_opened: int


class _Register:
    """The whitelist's rules over the register read once (`whitelist.standing` in memory)."""

    def __init__(self, community_id: int, plates_seen: set[str], settings: ParkingSettings):
        self.community_id = community_id
        self.grace = timedelta(days=settings.contract_grace_days)
        self.vehicles = {
            v.plate: v
            for v in Vehicle.objects.filter(community_id=community_id, plate__in=plates_seen)
        }
        residents = {v.resident_id for v in self.vehicles.values() if v.resident_id}
        self.residencies = defaultdict(list)
        for r in Residency.objects.filter(resident_id__in=residents).only(
            "unit_id", "resident_id", "start_date", "end_date"
        ):
            self.residencies[r.resident_id].append(r)
        self.contracts = list(
            ParkingContract.objects.filter(community_id=community_id).select_related("space")
        )
        # open monthly stays on each contract: contract id -> [session]
        self.passes = vehicle_passes_by_plate(community_id, plates_seen)
        self.inside: dict[int, list[ParkingSession]] = defaultdict(list)
        for s in ParkingSession.objects.filter(
            community_id=community_id, kind=SessionKind.MONTHLY, status__in=OPEN
        ).exclude(contract=None):
            self.inside[s.contract_id].append(s)

    def standing(self, plate: str, at) -> whitelist.Standing:
        vehicle = self.vehicles.get(plate)
        if vehicle is not None:
            day = timezone.localdate(at)
            homes = {
                r.unit_id
                for r in self.residencies.get(vehicle.resident_id, ())
                if r.start_date <= day and (r.end_date is None or r.end_date > day)
            }
            found = [
                c
                for c in self.contracts
                if (c.space.vehicle_id == vehicle.pk or c.unit_id in homes)
                and c.start_date <= day
                and (c.end_date is None or c.end_date >= day - self.grace)
            ]
            found.sort(key=lambda c: (c.end_date is not None and c.end_date < day, c.pk))
            for contract in found:
                others = [
                    s for s in self.inside[contract.pk] if s.status in OPEN and s.plate != plate
                ]
                if len(others) < contract.cars_inside_at_once:
                    return whitelist.Standing(SessionKind.MONTHLY, contract)
        if any(lets_car_in(p, at) for p in self.passes.get(plate, ())):
            return whitelist.Standing(SessionKind.VISITOR)
        return whitelist.Standing(SessionKind.TEMPORARY)


def gate_events_record_many(community, events: Iterable[Mapping]) -> BatchResult:
    """Record many camera events of one community (each a mapping with the keyword
    arguments of `gate_event_record` but the community), in time order."""
    rows = sorted(events, key=lambda e: (e["at"], e["event_id"]))
    gates = {g.code: g for g in Gate.objects.filter(community=community)}
    seen: set[str] = set()
    fresh = []
    for row in rows:
        event_id = (row.get("event_id") or "").strip()
        if not event_id or len(event_id) > 64:
            raise ValidationError(_("Each event needs its id (up to 64 characters)."))
        if row["gate_code"] not in gates:
            one._gate(community, row["gate_code"], row["direction"])  # raises
        if row["direction"] not in Direction.values:
            raise ValidationError(_("The direction is “in” or “out”."), code="direction")
        if timezone.is_naive(row["at"]):
            raise ValidationError(_("The time must carry its time zone."), code="at")
        if event_id not in seen:
            seen.add(event_id)
            fresh.append((event_id, row))
    known = set()
    ids = [event_id for event_id, _row in fresh]
    for start in range(0, len(ids), 5000):
        known.update(
            GateEvent.objects.filter(
                community=community, event_id__in=ids[start : start + 5000]
            ).values_list("event_id", flat=True)
        )
    fresh = [(event_id, row) for event_id, row in fresh if event_id not in known]
    duplicates = len(rows) - len(fresh)
    try:
        with transaction.atomic():
            result = _record(community, gates, fresh)
    except IntegrityError:
        # another writer took some of these event ids meanwhile: one by one is race-safe
        opened = closed = barrier = 0
        recorded = 0
        for _event_id, row in fresh:
            outcome = one.gate_event_record(community=community, **row)
            if outcome.duplicate:
                duplicates += 1
                continue
            recorded += 1
            barrier += outcome.open_barrier
        return BatchResult(recorded, duplicates, opened, closed, barrier)
    result.duplicates = duplicates
    return result


def _record(community, gates, fresh) -> BatchResult:
    settings = ParkingSettings.for_community(community.pk)
    plate_of = {event_id: plates.normalise(row.get("plate_read")) for event_id, row in fresh}
    readable = {p for p in plate_of.values() if plates.is_valid(p)}
    register = _Register(community.pk, readable, settings)
    all_tariffs = queries.tariffs_of(community.pk)
    rules: dict[int, tariffs.Rule] = {}
    # the cars already inside (or waiting at an exit) with these plates
    open_by_plate: dict[str, list[ParkingSession]] = defaultdict(list)
    for s in ParkingSession.objects.filter(
        community=community, plate__in=readable, status__in=OPEN
    ):
        open_by_plate[s.plate].append(s)
    for contract_sessions in register.inside.values():
        for s in contract_sessions:  # the same objects, so that a closed stay frees its space
            for i, other in enumerate(open_by_plate.get(s.plate, ())):
                if other.pk == s.pk:
                    open_by_plate[s.plate][i] = s
    moments = [row["at"] for _id, row in fresh] + [
        s.entered_at for group in open_by_plate.values() for s in group if s.entered_at
    ]
    holidays = (
        queries.holidays_between(community, min(moments), max(moments)) if moments else frozenset()
    )
    created: list[ParkingSession] = []
    changed: dict[int, ParkingSession] = {}
    events: list[GateEvent] = []
    order: dict[int, int] = {}  # id(session) -> creation rank, after the stored ones
    closed = barrier = 0

    def price(session, at):
        if session.paid_until and at <= session.paid_until:
            return session.tariff, session.fee, ZERO
        if session.kind != SessionKind.TEMPORARY or session.entered_at is None:
            return None, ZERO, ZERO
        tariff = session.tariff or queries.tariff_among(
            all_tariffs, session.vehicle_type, session.plate_colour, session.entered_at
        )
        if tariff is None:
            return None, ZERO, ZERO
        rule = rules.get(tariff.pk) or rules.setdefault(
            tariff.pk, tariffs.Rule.from_json(tariff.rule)
        )
        fee = tariffs.quote(rule, session.entered_at, at, holidays=holidays).fee
        return tariff, fee, max(ZERO, fee - session.paid)

    def new_session(**fields) -> ParkingSession:
        session = ParkingSession(community=community, **fields)
        order[id(session)] = len(created)
        created.append(session)
        return session

    with translation.override(one.community_language(community)):
        for event_id, row in fresh:
            gate, at, direction = gates[row["gate_code"]], row["at"], row["direction"]
            colour = row.get("plate_colour") or ""
            if colour not in plates.PlateColour.values:
                colour = ""
            plate = plate_of[event_id]
            event = GateEvent(
                community=community,
                gate=gate,
                event_id=event_id,
                direction=direction,
                at=at,
                plate_read=(row.get("plate_read") or "")[:20],
                camera=(row.get("camera") or "")[:64],
                photo_ref=(row.get("photo_ref") or "")[:200],
            )
            entering = direction == Direction.IN
            if plate not in readable:
                event.plate_colour = colour
                session = new_session(
                    plate="",
                    plate_colour=colour or plates.PlateColour.BLUE,
                    vehicle_type=one.vehicle_type_of(colour),
                    kind=SessionKind.TEMPORARY,
                    status=SessionStatus.EXCEPTION,
                    exception=ExceptionKind.UNREADABLE,
                    entered_at=at if entering else None,
                    entry_gate=gate if entering else None,
                    exited_at=None if entering else at,
                    exit_gate=None if entering else gate,
                )
                opened, (display, voice), due = False, one.unread_texts(), ZERO
            else:
                colour = colour or plates.colour_of(plate)
                event.plate, event.plate_colour = plate, colour
                if entering:
                    found = register.standing(plate, at)
                    session = new_session(
                        plate=plate,
                        plate_colour=colour,
                        vehicle_type=one.vehicle_type_of(colour),
                        kind=found.kind,
                        contract=found.contract,
                        entered_at=at,
                        entry_gate=gate,
                    )
                    open_by_plate[plate].append(session)
                    if found.contract is not None:
                        register.inside[found.contract.pk].append(session)
                    opened, (display, voice), due = True, one.welcome_texts(found.kind, plate), ZERO
                else:
                    candidates = [
                        s
                        for s in open_by_plate.get(plate, ())
                        if s.status in OPEN and s.entered_at <= at
                    ]
                    if not candidates:
                        found = register.standing(plate, at)
                        session = new_session(
                            plate=plate,
                            plate_colour=colour,
                            vehicle_type=one.vehicle_type_of(colour),
                            kind=found.kind,
                            status=SessionStatus.EXCEPTION,
                            exception=ExceptionKind.NO_ENTRY,
                            exited_at=at,
                            exit_gate=gate,
                        )
                        opened, (display, voice), due = False, one.no_entry_texts(plate), ZERO
                    else:
                        session = max(
                            candidates,
                            key=lambda s: (
                                s.entered_at,
                                s.pk is None,
                                s.pk or order[id(s)],
                            ),
                        )
                        tariff, fee, due = price(session, at)
                        session.tariff, session.fee, session.exit_gate = tariff, fee, gate
                        if session.pk is not None:
                            changed[session.pk] = session
                        if due > 0:
                            opened, (display, voice) = False, one.pay_texts(plate, due)
                        else:
                            session.status, session.exited_at = SessionStatus.LEFT, at
                            opened, (display, voice) = True, one.goodbye_texts(plate)
                            closed += 1
            event.opened, event.display, event.voice, event.fee_due = opened, display, voice, due
            event._session = session
            barrier += opened
            events.append(event)

    ParkingSession.objects.bulk_create(created, batch_size=2000)
    if changed:
        ParkingSession.objects.bulk_update(
            list(changed.values()), ["tariff", "fee", "exit_gate", "status", "exited_at"]
        )
    for event in events:
        event.session = event._session
    GateEvent.objects.bulk_create(events, batch_size=2000)
    return BatchResult(len(events), 0, len(created), closed, barrier)
