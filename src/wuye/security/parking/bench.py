"""Benchmark of the gate's parking: 100,000 camera events (50,000 stays in and out over ten
days, one car in ten of the register on a monthly contract) ingested, the sessions built and
priced by the tariff engine, beside a floor measured in the same run: the same events
written by one bulk insert and paired into priced sessions by `INSERT … SELECT` with a
window function and the 标准收费 formula in SQL. The target is within 3× of the floor.

`measure(out, scale)` is called by the gate's benchmark (`wuye bench security`).
"""

from __future__ import annotations

import random
from datetime import date, datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.db import connection, transaction
from django.db.models import Count, Sum

from wuye.billing.models import FeeItem, FeeKind, FeeMethod, ParkingContract
from wuye.core.bench import Table, timed
from wuye.core.models import Community, Company
from wuye.core.services import community_create
from wuye.estates.models import Building, ParkingSpace, Residency, Resident, Unit, Vehicle

from .models import Gate, ParkingSession, ParkingTariff
from .services import gate_events_record_many

TZ = ZoneInfo("Asia/Shanghai")
STANDARD = {
    "free_minutes": 30,
    "charge_from_zero_after_free": True,
    "first_minutes": 60,
    "first_price": "5",
    "step_minutes": 30,
    "step_price": "2",
    "second_after_minutes": 180,
    "second_step_minutes": 60,
    "second_step_price": "1",
    "cap_per_day": "20",
}
STAYS = [20, 45, 90, 150, 240, 300, 600, 1445, 1510, 2900]


def _community(code: str, monthly: int) -> tuple[Community, list[str]]:
    """A community with two gates, the standard tariff and `monthly` registered cars, each
    on its home's parking contract."""
    company = Company.objects.create(name=f"Bench Parking {code}")
    community = community_create(actor=None, company=company, code=code, name=f"Bench {code}")
    Gate.objects.create(community=community, code="IN", name="In", directions="in")
    Gate.objects.create(community=community, code="OUT", name="Out", directions="out")
    ParkingTariff.objects.create(
        community=community,
        name="标准收费",
        rule=STANDARD,
        effective_from=datetime(2020, 1, 1, tzinfo=TZ),
    )
    building = Building.objects.create(community=community, number="1", floors=30)
    units = Unit.objects.bulk_create(
        Unit(
            community=community,
            building=building,
            floor=i // 100 + 1,
            number=str(i),
            building_area=Decimal("90"),
            use="residential",
        )
        for i in range(monthly)
    )
    residents = Resident.objects.bulk_create(
        Resident(community=community, name=f"Owner {i}") for i in range(monthly)
    )
    Residency.objects.bulk_create(
        Residency(unit=u, resident=r, relation="owner", start_date=date(2020, 1, 1))
        for u, r in zip(units, residents, strict=True)
    )
    plates = [f"新M{i:05d}" for i in range(monthly)]
    vehicles = Vehicle.objects.bulk_create(
        Vehicle(community=community, plate=p, resident=r)
        for p, r in zip(plates, residents, strict=True)
    )
    spaces = ParkingSpace.objects.bulk_create(
        ParkingSpace(community=community, number=f"P{i}", kind="rented", unit=u, vehicle=v)
        for i, (u, v) in enumerate(zip(units, vehicles, strict=True))
    )
    item = FeeItem.objects.create(
        community=community,
        name="Parking",
        code="PK",
        kind=FeeKind.PARKING,
        method=FeeMethod.PER_SPACE,
        unit_price=Decimal("150"),
        cycle_months=1,
        start_date=date(2025, 1, 1),
    )
    ParkingContract.objects.bulk_create(
        ParkingContract(
            community=community, space=s, unit=u, fee_item=item, start_date=date(2025, 1, 1)
        )
        for s, u in zip(spaces, units, strict=True)
    )
    return community, plates


def traffic(stays: int, monthly_plates: list[str], seed: int = 12) -> list[dict]:
    """`stays` cars in and out over ten days: one in ten a monthly car, the rest temporary
    cars of a pool that brings some back."""
    rng = random.Random(seed)
    temporary = [f"新A{i:05d}" for i in range(max(1, stays * 3 // 5))]
    start = datetime(2026, 3, 1, 6, tzinfo=TZ)
    events = []
    for n in range(stays):
        plate = rng.choice(monthly_plates) if n % 10 == 0 else rng.choice(temporary)
        entered = start + timedelta(minutes=n * 14400 // stays, seconds=n % 60)
        left = entered + timedelta(minutes=rng.choice(STAYS), seconds=rng.randrange(60))
        events.append({"gate_code": "IN", "direction": "in", "plate_read": plate, "at": entered})
        events.append({"gate_code": "OUT", "direction": "out", "plate_read": plate, "at": left})
    for n, event in enumerate(events):
        event["event_id"] = f"ev{n:07d}"
    return events


def _minutes(a: str, b: str) -> str:
    if connection.vendor == "postgresql":
        return f"CEIL(EXTRACT(EPOCH FROM ({b} - {a})) / 60.0)::int"
    return f"CAST(CEIL((julianday({b}) - julianday({a})) * 1440 - 1e-9) AS INTEGER)"


def _least(a: str, b: str) -> str:
    return f"LEAST({a}, {b})" if connection.vendor == "postgresql" else f"MIN({a}, {b})"


def _fee_sql(m: str) -> str:
    """标准收费 of `m` minutes in SQL (integer division rounds the steps up)."""
    r = f"(({m}) %% 1440)"
    part = (
        f"(CASE WHEN {r} = 0 THEN 0 WHEN {r} <= 60 THEN 5 "
        f"WHEN {r} <= 180 THEN 5 + (({r} - 60 + 29) / 30) * 2 "
        f"ELSE 5 + 8 + (({r} - 180 + 59) / 60) * 1 END)"
    )
    return f"(CASE WHEN ({m}) <= 30 THEN 0 ELSE (({m}) / 1440) * 20 + {_least(part, '20')} END)"


def floor(community: Community, events: list[dict]) -> int:
    """The events written in one bulk insert, then paired per plate and priced in SQL."""
    gates = dict(Gate.objects.filter(community=community).values_list("code", "pk"))
    now = datetime.now(tz=TZ)
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.executemany(
            "INSERT INTO security_gateevent (community_id, gate_id, event_id, direction, at, "
            "plate, plate_read, plate_colour, camera, photo_ref, received_at, opened, fee_due, "
            "display, voice) VALUES (%s, %s, %s, %s, %s, %s, %s, 'blue', '', '', %s, false, 0, "
            "'', '')",
            [
                (
                    community.pk,
                    gates[e["gate_code"]],
                    e["event_id"],
                    e["direction"],
                    e["at"],
                    e["plate_read"],
                    e["plate_read"],
                    now,
                )
                for e in events
            ],
        )
        minutes = _minutes("p.at", "p.next_at")
        cursor.execute(
            "INSERT INTO security_parkingsession (community_id, plate, plate_colour, "
            "vehicle_type, kind, status, exception, entered_at, exited_at, entry_gate_id, "
            "exit_gate_id, fee, paid, note) "
            "SELECT p.community_id, p.plate, 'blue', 'car', "
            "CASE WHEN v.id IS NULL THEN 'temporary' ELSE 'monthly' END, 'left', '', p.at, "
            "p.next_at, p.gate_id, p.next_gate, "
            f"CASE WHEN v.id IS NULL THEN {_fee_sql(minutes)} ELSE 0 END, 0, "
            "CAST(p.id AS varchar(20)) FROM ("
            "  SELECT e.id, e.community_id, e.plate, e.direction, e.at, e.gate_id,"
            "    LEAD(e.direction) OVER w AS next_dir, LEAD(e.at) OVER w AS next_at,"
            "    LEAD(e.gate_id) OVER w AS next_gate"
            "  FROM security_gateevent e WHERE e.community_id = %s"
            "  WINDOW w AS (PARTITION BY e.plate ORDER BY e.at, e.id)"
            ") p LEFT JOIN estates_vehicle v ON v.community_id = p.community_id "
            "AND v.plate = p.plate WHERE p.direction = 'in' AND p.next_dir = 'out'",
            [community.pk],
        )
        written = cursor.rowcount
        if connection.vendor == "postgresql":  # the planner should know how many rows came
            cursor.execute("ANALYZE security_gateevent, security_parkingsession")
        for join in (
            "s.note = CAST(security_gateevent.id AS varchar(20))",
            "security_gateevent.direction = 'out' AND security_gateevent.plate = s.plate "
            "AND security_gateevent.at = s.exited_at",
        ):
            cursor.execute(
                "UPDATE security_gateevent SET session_id = s.id FROM security_parkingsession s "
                f"WHERE s.community_id = %s AND security_gateevent.community_id = %s AND {join}",
                [community.pk, community.pk],
            )
    return written


def _totals(community: Community) -> tuple[int, Decimal]:
    """Stays priced at an exit (left, or waiting to pay there), and their fees."""
    found = ParkingSession.objects.filter(community=community, exit_gate__isnull=False).aggregate(
        n=Count("pk"), fee=Sum("fee")
    )
    return found["n"], found["fee"] or Decimal(0)


def measure(out, scale: float = 1.0) -> dict[str, float]:
    stays = max(100, int(50_000 * scale))
    monthly = max(10, stays // 50)
    engine, plates = _community("PKE", monthly)
    sql, _ = _community("PKF", monthly)
    events = traffic(stays, plates)
    seconds, result = timed(lambda: gate_events_record_many(engine, events))
    floor_seconds, floor_written = timed(lambda: floor(sql, traffic(stays, plates)))
    floor_name = "set-based SQL floor (INSERT … SELECT pairing)"
    table = Table(out, f"Parking: {len(events):,} gate events, {stays:,} stays", "seconds")
    table.add(floor_name, floor_seconds)
    table.add("gate_events_record_many (rules + tariff engine)", seconds, floor_name)
    table.print()
    sessions, fees = _totals(engine)
    out.write(
        f"engine: {seconds:.2f} s, {result.sessions_opened:,} sessions, {sessions:,} priced "
        f"at an exit, "
        f"fees ¥{fees:,.2f}; floor: {floor_seconds:.2f} s, {floor_written:,} sessions, "
        f"fees ¥{_totals(sql)[1]:,.2f}; {len(events) / seconds:,.0f} events/s\n"
    )
    return {"engine_s": seconds, "floor_s": floor_seconds}
