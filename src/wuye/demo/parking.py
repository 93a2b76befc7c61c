"""Bordeaux Town's gate: its four lanes and a fortnight of cars through them, driven by the
barrier-camera simulator through the ingest (the cameras' one way in)."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

from django.utils import timezone

from wuye.security.parking.barriers.simulator import default_cars, simulate_day
from wuye.security.parking.models import Gate
from wuye.security.parking.services.gates import gate_save

DAYS = 14  # days of traffic before today
QUIET_DAY = 40  # cars on each day but the last (the charts need a history, not its bulk)


def gates_and_traffic_load(community) -> dict:
    """The main gate's entry and exit lanes, the north gate and the underground garage, and
    the traffic of the last fortnight, the day before today in full (after the tariffs, so
    the temporary cars pay). Nothing is loaded twice."""
    if Gate.objects.filter(community=community).exists():
        return {}
    lanes = [
        ("MAIN-IN", "正门入口", "in"),
        ("MAIN-OUT", "正门出口", "out"),
        ("NORTH", "北门", "in,out"),
        ("GARAGE", "地下车库", "in,out"),
    ]
    for code, name, directions in lanes:
        gate_save(actor=None, community=community, code=code, name=name, directions=directions)
    today = timezone.localdate()
    events, income = 0, Decimal("0.00")
    for back in range(DAYS, 0, -1):
        day = today - timedelta(days=back)
        cars = default_cars(community) if back == 1 else QUIET_DAY
        report = simulate_day(community, day, cars=cars, seed=back)
        events += report.events
        income += report.income
    return {"gates": len(lanes), "events": events, "income": income}
