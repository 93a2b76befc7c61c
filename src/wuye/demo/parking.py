"""The demo's parking: the temporary-parking tariffs of Bordeaux Town."""

from __future__ import annotations

from datetime import datetime

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from wuye.core.models import Community
from wuye.security.parking.models import ParkingTariff, VehicleType
from wuye.security.parking.services import tariff_create

# 标准收费, the stepped tariff of Chinese barrier systems: 30 minutes free, ¥5 for the
# first hour, ¥2 per half hour to three hours, then ¥1 an hour, at most ¥20 a day.
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
    "cap_scope": "rolling_24h",
    "exit_grace_minutes": 15,
}
# Lorries and coaches: ¥10 an hour by day, ¥15 a night from 19:00 to 07:00, at most ¥50 a
# calendar day; 15 minutes free for a delivery, charged from the start beyond.
LARGE = {
    "free_minutes": 15,
    "charge_from_zero_after_free": True,
    "first_minutes": 60,
    "first_price": "10",
    "step_minutes": 60,
    "step_price": "10",
    "cap_per_day": "50",
    "cap_scope": "calendar_day",
    "exit_grace_minutes": 15,
    "bands": [{"name": "", "starts": "19:00", "ends": "07:00", "price": "15", "per": "night"}],
}


def tariffs_load(community: Community) -> dict[str, int]:
    """Bordeaux Town's tariffs, in effect since the first day of last year; unless set."""
    if ParkingTariff.objects.filter(community=community).exists():
        return {}
    manager = get_user_model().objects.get(username="manager")
    since = timezone.make_aware(datetime(timezone.localdate().year - 1, 1, 1))
    with transaction.atomic():
        tariff_create(
            actor=manager,
            community=community,
            name="标准收费",
            rule=STANDARD,
            vehicle_types=[VehicleType.CAR, VehicleType.MOTORCYCLE],
            effective_from=since,
        )
        tariff_create(
            actor=manager,
            community=community,
            name="大型车收费",
            rule=LARGE,
            vehicle_types=[VehicleType.LARGE],
            effective_from=since,
        )
    return {"tariffs": 2}
