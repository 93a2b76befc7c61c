from datetime import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest

from wuye.security.parking.models import Gate, ParkingTariff

TZ = ZoneInfo("Asia/Shanghai")

# HC's 标准收费 (6700012001), as its worked example prices it.
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


def at(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 3, day, hour, minute, tzinfo=TZ)


@pytest.fixture
def gate(site):
    return Gate.objects.create(community=site.community, code="G1", name="North gate")


@pytest.fixture
def tariff(site):
    return ParkingTariff.objects.create(
        community=site.community,
        name="Standard",
        rule=STANDARD,
        effective_from=datetime(2020, 1, 1, tzinfo=TZ),
    )


@pytest.fixture
def drive(site, gate, tariff):
    """A camera at the north gate: drive("in"|"out", plate, when, event_id)."""
    from wuye.security.parking.services import gate_event_record

    counter = iter(range(1, 10_000))

    def go(direction, plate, when, event_id=None, **extra):
        return gate_event_record(
            community=site.community,
            gate_code="G1",
            direction=direction,
            plate_read=plate,
            at=when,
            event_id=event_id or f"ev-{next(counter)}",
            **extra,
        )

    return go


MONEY = Decimal
