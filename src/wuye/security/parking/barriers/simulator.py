"""A day of traffic at a community's gates, deterministic for a seed: the demo's and the
tests' stand-in for the cameras.

The cars are the register's monthly cars (those on a space under a parking contract that
day), temporary cars, a few visitors, and the camera's usual trouble: a plate it cannot
read, an O read for a 0, and one car leaving that was never seen coming in. Every event goes
through a simulated lane (`SimulatedBarrier`) into the same ingest the real cameras use; one
lane loses the server for an hour and a half around noon and replays what it kept. A car
asked to pay at the exit pays and the barrier opens.
"""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.db.models import Q
from django.utils import timezone

from wuye.billing.models import ParkingContract, PaymentMethod
from wuye.core.validators import PROVINCES
from wuye.estates.models import ParkingSpace

from ..models import Direction, Gate, ParkingSession, SessionStatus
from .buffer import OfflineBuffer
from .interface import Barrier, CameraEvent, ServerUnreachable, ingest_through_sessions

# Cities' letters of the temporary cars' plates, and the characters after them.
LETTERS = "ABCDEFGHJKLMNPQRSTUVWXYZ"
CHARACTERS = "0123456789" + LETTERS
# When the busiest lane around noon cannot reach the server. A car that comes in through it
# and leaves through another lane before it is back is an exit with no entry, as at a real
# gate: its late entry then waits inside for the guard to pair them.
OUTAGE = (time(11, 30), time(13, 0))


@dataclass(frozen=True)
class Car:
    plate: str
    role: str  # "monthly", "temporary", "visitor" or "staying" (in since an earlier day)
    entry_at: datetime | None
    exit_at: datetime | None
    entry_read: str = ""
    exit_read: str = ""


@dataclass
class DayReport:
    """What a simulated day did at the gates."""

    day: date
    events: int = 0
    entries: int = 0
    exits: int = 0
    duplicates: int = 0
    replayed: int = 0
    opened: int = 0
    closed_sessions: int = 0
    payments: int = 0
    income: Decimal = Decimal("0.00")
    cars: Counter = field(default_factory=Counter)
    exceptions: Counter = field(default_factory=Counter)


class SimulatedBarrier(Barrier):
    """Lanes that write down what they were told to do."""

    def __init__(self, community, *, ingest: Callable | None = None):
        super().__init__(community, ingest=ingest)
        self.log: list[tuple[str, str, str]] = []

    def open(self, gate_code: str) -> None:
        self.log.append((gate_code, "open", ""))

    def show(self, gate_code: str, text: str) -> None:
        self.log.append((gate_code, "show", text))

    def speak(self, gate_code: str, text: str) -> None:
        self.log.append((gate_code, "speak", text))


def monthly_plates(community, day: date) -> list[str]:
    """Plates of the cars parked on a space under a parking contract running on `day`."""
    spaces = ParkingContract.objects.filter(
        Q(end_date__isnull=True) | Q(end_date__gte=day),
        community=community,
        start_date__lte=day,
    ).values("space_id")
    return sorted(
        ParkingSpace.objects.filter(pk__in=spaces, vehicle__isnull=False).values_list(
            "vehicle__plate", flat=True
        )
    )


def cars_staying(community, day: date) -> list[str]:
    """Plates of the cars that were inside when `day` began (the same however often the
    day is simulated)."""
    start = _at(day, 0)
    return sorted(
        ParkingSession.objects.filter(
            Q(exited_at__isnull=True) | Q(exited_at__gte=start),
            community=community,
            entered_at__lt=start,
        )
        .exclude(status=SessionStatus.EXCEPTION)
        .exclude(plate="")
        .values_list("plate", flat=True)
        .distinct()
    )


def default_cars(community) -> int:
    """About a quarter of the community's spaces come and go on an ordinary day."""
    return max(12, ParkingSpace.objects.filter(community=community).count() // 4)


def _plate(rng: random.Random, taken: set[str]) -> str:
    while True:
        plate = rng.choice(PROVINCES) + rng.choice(LETTERS)
        plate += "".join(rng.choice(CHARACTERS) for _ in range(5))
        if plate not in taken:
            taken.add(plate)
            return plate


def _at(day: date, minutes: float) -> datetime:
    moment = datetime.combine(day, time()) + timedelta(minutes=minutes)
    return timezone.make_aware(moment.replace(microsecond=0))


def _moment(day: date, moment: time) -> datetime:
    return timezone.make_aware(datetime.combine(day, moment))


def _stay(rng, day, role: str, plate: str, earliest: float, latest: float, hours) -> Car:
    entry = rng.uniform(earliest, latest)
    leave = entry + rng.uniform(*hours) * 60
    exit_at = _at(day, leave) if leave < 23.5 * 60 else None  # late cars stay the night
    return Car(plate, role, _at(day, entry), exit_at, plate, plate if exit_at else "")


def traffic(community, day: date, *, cars: int, seed: int) -> list[Car]:
    """The cars of the day, the same for the same community, day, count and seed."""
    rng = random.Random(f"{seed}:{day.isoformat()}")
    staying = cars_staying(community, day)
    # most of the cars that stayed the night leave in the morning
    leaving = [
        Car(plate, "staying", None, _at(day, rng.uniform(6.5 * 60, 10 * 60)), "", plate)
        for plate in staying
        if rng.random() < 0.7
    ]
    still_inside = set(staying) - {car.plate for car in leaving}
    monthly = [plate for plate in monthly_plates(community, day) if plate not in still_inside]
    taken = set(monthly) | set(staying)
    visitors = max(2, cars // 20)
    monthly_count = min(len(monthly), cars * 11 // 20)
    temporary = max(1, cars - monthly_count - visitors)
    day_cars = [
        _stay(rng, day, "monthly", plate, 10 * 60, 22 * 60, (0.5, 16))
        for plate in rng.sample(monthly, monthly_count)
    ]
    day_cars += [
        _stay(rng, day, "temporary", _plate(rng, taken), 7 * 60, 21 * 60, (0.1, 6))
        for _ in range(temporary)
    ]
    day_cars += [
        _stay(rng, day, "visitor", _plate(rng, taken), 9 * 60, 19 * 60, (0.5, 3))
        for _ in range(visitors)
    ]
    # The camera's trouble: a plate it cannot read at the entry, a 0 read as an O at the
    # exit (read correctly, the plate must still find its entry), a car leaving unseen in.
    first = next(i for i, car in enumerate(day_cars) if car.role == "temporary" and car.exit_at)
    car = day_cars[first]
    day_cars[first] = Car(car.plate, car.role, car.entry_at, car.exit_at, "", car.exit_read)
    zero = next(
        (
            i
            for i, car in enumerate(day_cars)
            if car.role == "temporary" and car.exit_at and "0" in car.plate[2:] and i != first
        ),
        None,
    )
    if zero is not None:
        car = day_cars[zero]
        read = car.plate[:2] + car.plate[2:].replace("0", "O", 1)
        day_cars[zero] = Car(car.plate, car.role, car.entry_at, car.exit_at, car.entry_read, read)
    day_cars += leaving
    stranger = _plate(rng, taken)
    day_cars.append(
        Car(stranger, "temporary", None, _at(day, rng.uniform(8 * 60, 18 * 60)), "", stranger)
    )
    return day_cars


def camera_events(community, day: date, day_cars: list[Car], seed: int) -> list[CameraEvent]:
    """The cameras' events of the cars, in the order they happened."""
    rng = random.Random(f"{seed}:{day.isoformat()}:lanes")
    gates = list(Gate.objects.filter(community=community).order_by("code"))
    ins = [gate for gate in gates if Direction.IN in gate.directions.split(",")]
    outs = [gate for gate in gates if Direction.OUT in gate.directions.split(",")]
    moves = []
    for car in day_cars:
        if car.entry_at:
            moves.append((car.entry_at, Direction.IN, rng.choice(ins), car.entry_read))
        if car.exit_at:
            moves.append((car.exit_at, Direction.OUT, rng.choice(outs), car.exit_read))
    moves.sort(key=lambda move: (move[0], move[1], move[2].code, move[3]))
    events = []
    for number, (at, direction, gate, read) in enumerate(moves, start=1):
        event_id = f"sim-{day:%Y%m%d}-{seed}-{number:05d}"
        events.append(
            CameraEvent(
                event_id=event_id,
                gate_code=gate.code,
                direction=direction,
                at=at,
                plate_read=read,
                camera=f"{gate.code}-cam",
                photo_ref=f"sim/{day:%Y%m%d}/{event_id}.jpg",
            )
        )
    return events


class _Link:
    """The network between the lanes and the server: the lane busiest around noon loses it
    from half past eleven to one."""

    def __init__(self, day: date, events: list[CameraEvent]):
        self.down_from, self.down_until = (_moment(day, moment) for moment in OUTAGE)
        busy = Counter(e.gate_code for e in events if self.down_from <= e.at < self.down_until)
        self.gate_code = min(busy, key=lambda code: (-busy[code], code)) if busy else None
        self.clock = _at(day, 0)

    def __call__(self, community, event: CameraEvent):
        if event.gate_code == self.gate_code and self.down_from <= self.clock < self.down_until:
            raise ServerUnreachable(event.gate_code)
        return ingest_through_sessions(community, event)


def pay_by_phone(outcome) -> Decimal:
    """The driver scans the lane's code at the exit and pays what it asks."""
    from ..services.sessions import session_pay

    event = outcome.event
    payment = session_pay(
        actor=None,
        session=outcome.session,
        amount=outcome.fee_due,
        method=PaymentMethod.WECHAT_PAY,
        reference=f"{event.event_id}-pay",
        at=event.at,
    )
    return payment.amount


class _Day:
    """One simulated day's lanes, buffers and report."""

    def __init__(self, community, day: date, events: list[CameraEvent], pay: Callable):
        gates = sorted({event.gate_code for event in events})
        self.link = _Link(day, events)
        self.barrier = SimulatedBarrier(community, ingest=self.link)
        self.buffers = {code: OfflineBuffer(self.barrier) for code in gates}
        self.report = DayReport(day=day, events=len(events))
        self.pay = pay

    def run(self, events: list[CameraEvent]) -> DayReport:
        for event in events:
            self.link.clock = event.at
            if event.at >= self.link.down_until:
                self.replay()
            self.send(event)
        self.link.clock = self.link.down_until
        self.replay()
        return self.report

    def send(self, event: CameraEvent) -> None:
        for outcome in self.buffers[event.gate_code].receive(event).outcomes:
            self.count(outcome)

    def replay(self) -> None:
        for buffer in self.buffers.values():
            if len(buffer):
                outcomes = buffer.replay().outcomes
                self.report.replayed += len(outcomes)
                for outcome in outcomes:
                    self.count(outcome)

    def count(self, outcome) -> None:
        report = self.report
        if outcome.duplicate:
            report.duplicates += 1
            return
        event, session = outcome.event, outcome.session
        if event.direction == Direction.IN:
            report.entries += 1
            if session is not None:
                report.cars[session.kind] += 1
        elif not event.event_id.endswith("-paid"):
            report.exits += 1
        if session is not None and session.exception:
            report.exceptions[session.exception] += 1
        if outcome.open_barrier:
            report.opened += 1
            if event.direction == Direction.OUT and session is not None:
                report.closed_sessions += 1
        if event.direction == Direction.OUT and outcome.fee_due and not outcome.open_barrier:
            report.payments += 1
            report.income += self.pay(outcome)
            # paid, the car is read again at the lane and the barrier opens
            self.send(
                CameraEvent(
                    event_id=f"{event.event_id}-paid",
                    gate_code=event.gate.code,
                    direction=Direction.OUT,
                    at=event.at + timedelta(minutes=2),
                    plate_read=event.plate_read,
                    plate_colour=event.plate_colour,
                    camera=event.camera,
                    photo_ref=event.photo_ref.replace(".jpg", "-paid.jpg"),
                )
            )


def simulate_day(
    community, day: date, *, cars: int | None = None, seed: int = 0, pay: Callable | None = None
) -> DayReport:
    """Drive a day of traffic through the ingest, the same for the same seed; `pay(outcome)`
    settles a fee asked at an exit and returns the amount paid (by default the driver pays
    by phone). Running a day again sends the same event ids: nothing is recorded twice."""
    day_cars = traffic(community, day, cars=cars or default_cars(community), seed=seed)
    events = camera_events(community, day, day_cars, seed)
    return _Day(community, day, events, pay or pay_by_phone).run(events)
