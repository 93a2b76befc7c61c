"""`wuye gate simulate`: a day of traffic, the same for a seed, balanced at the end."""

from datetime import date, datetime
from decimal import Decimal
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
from django.core.management import CommandError, call_command

from wuye.billing.tests.fixtures import ParkingContractFactory
from wuye.estates.models import ParkingSpace
from wuye.security.parking import tariffs
from wuye.security.parking.barriers import simulator
from wuye.security.parking.barriers.simulator import camera_events, simulate_day, traffic
from wuye.security.parking.models import (
    ExceptionKind,
    Gate,
    GateEvent,
    ParkingPayment,
    ParkingSession,
    SessionKind,
    SessionStatus,
)

pytestmark = pytest.mark.django_db

DAY = date(2026, 3, 2)
TZ = ZoneInfo("Asia/Shanghai")


@pytest.fixture
def lanes(site, gate, tariff):
    Gate.objects.create(community=site.community, code="G2", name="Garage", directions="in,out")
    ParkingContractFactory(
        unit=site.units["owner_home"], space=ParkingSpace.objects.get(number="A-001")
    )
    return site.community


def plan(community, seed):
    cars = traffic(community, DAY, cars=40, seed=seed)
    return [
        (e.event_id, e.gate_code, e.direction, e.at, e.plate_read)
        for e in camera_events(community, DAY, cars, seed)
    ]


def test_the_same_seed_gives_the_same_day_and_another_seed_another(lanes):
    assert plan(lanes, 7) == plan(lanes, 7)
    assert plan(lanes, 7) != plan(lanes, 8)


def test_a_simulated_day_is_balanced_and_priced_by_the_tariff(lanes, tariff):
    report = simulate_day(lanes, DAY, cars=40, seed=3)
    assert report.events > 70 and report.entries and report.exits
    # the register's monthly car came in as such
    assert ParkingSession.objects.filter(plate="新B12345", kind=SessionKind.MONTHLY).exists()
    # one plate not read at an entry; that car's exit and a stranger's have no entry
    assert report.exceptions[ExceptionKind.UNREADABLE] == 1
    # a car in through the lane without the server and out through another before it came
    # back is an exit with no entry too; its late entry waits inside for the guard
    no_entry = ParkingSession.objects.filter(exception=ExceptionKind.NO_ENTRY)
    late = [
        s
        for s in no_entry
        if ParkingSession.objects.filter(
            plate=s.plate, status=SessionStatus.INSIDE, entered_at__lt=s.exited_at
        ).exists()
    ]
    down_from, down_until = (datetime.combine(DAY, moment, TZ) for moment in simulator.OUTAGE)
    assert all(down_from <= s.exited_at < down_until for s in late)
    assert report.exceptions[ExceptionKind.NO_ENTRY] == no_entry.count() == 2 + len(late)
    rule = tariffs.Rule.from_json(tariff.rule)
    closed = ParkingSession.objects.filter(status=SessionStatus.LEFT, entered_at__isnull=False)
    assert closed.count() == report.exits - no_entry.count()
    for session in closed:
        first_exit = session.events.filter(direction="out").order_by("at").first()
        if session.kind == SessionKind.TEMPORARY:
            # priced when the car first reached the barrier, paid there, then let out
            expected = tariffs.quote(rule, session.entered_at, first_exit.at).fee
            assert (session.fee, session.paid) == (expected, expected), session
        else:
            assert session.fee == 0 and session.paid == 0
    paid = sum(ParkingPayment.objects.values_list("amount", flat=True), Decimal(0))
    assert paid == report.income > 0 and report.duplicates == 0
    # the plate read with an O for a 0 at the exit found its entry
    misread = GateEvent.objects.filter(direction="out", plate_read__contains="O").first()
    if misread is not None:
        assert misread.session.status == SessionStatus.LEFT and misread.session.entered_at
    # those still inside stayed the night; every event belongs to a stay
    inside = ParkingSession.objects.filter(status=SessionStatus.INSIDE)
    assert all(s.exited_at is None and s.exit_gate is None for s in inside)
    assert len(late) <= inside.count()
    assert not GateEvent.objects.filter(session__isnull=True).exists()
    # the lane that lost the server at noon sent what it kept afterwards
    assert report.replayed > 0


def test_running_a_day_again_records_nothing_twice(lanes):
    first = simulate_day(lanes, DAY, cars=30, seed=1)
    counts = (
        GateEvent.objects.count(),
        ParkingSession.objects.count(),
        ParkingPayment.objects.count(),
    )
    again = simulate_day(lanes, DAY, cars=30, seed=1)
    assert again.duplicates == first.events and again.entries == again.exits == 0
    assert again.income == 0
    assert counts == (
        GateEvent.objects.count(),
        ParkingSession.objects.count(),
        ParkingPayment.objects.count(),
    )


def test_the_command_prints_the_day(lanes):
    out = StringIO()
    call_command(
        "gate",
        "simulate",
        "--community",
        str(lanes.pk),
        "--date",
        "2026-03-02",
        "--cars",
        "20",
        "--seed",
        "5",
        stdout=out,
    )
    text = out.getvalue()
    paid = sum(ParkingPayment.objects.values_list("amount", flat=True), Decimal(0))
    assert f"income: ¥{paid:.2f}" in text and paid > 0
    assert f"Events: {GateEvent.objects.exclude(event_id__endswith='-paid').count()};" in text


@pytest.mark.parametrize(
    "args",
    [
        ["--date", "2026-13-01"],
        ["--date", "2999-01-01"],
        ["--date", "2026-03-02", "--cars", "0"],
    ],
)
def test_the_command_refuses_bad_input_and_records_nothing(lanes, args):
    with pytest.raises(CommandError):
        call_command("gate", "simulate", "--community", str(lanes.pk), *args, stdout=StringIO())
    assert GateEvent.objects.count() == 0


def test_the_command_refuses_a_community_without_lanes(site):
    with pytest.raises(CommandError):
        call_command(
            "gate",
            "simulate",
            "--community",
            str(site.other.pk),
            "--date",
            "2026-03-02",
            stdout=StringIO(),
        )
