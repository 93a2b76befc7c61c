"""Personal data of the gate's parking kept for a limited time (个人信息保护法 第十九、四十七条).

`before` is the moment the period ends for what is older: the community's period (30 days
for photos, 90 for plates by default) counted back from the purge. Money is never touched:
a stay keeps its times, fee and payments, only who it was goes.
"""

from __future__ import annotations

from datetime import datetime

from django.db.models import Q
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _

from wuye.core.retention import DataClass

from .models import GateEvent, ParkingSession, SessionKind, SessionStatus


def purge_photos(community_id: int, before: datetime) -> int:
    """Forget the photo of each camera event older than `before`."""
    return (
        GateEvent.objects.filter(community_id=community_id, at__lt=before)
        .exclude(photo_ref="")
        .update(photo_ref="")
    )


def _ended_before(community_id: int, before: datetime):
    """Stays of visitors' and temporary cars that ended before `before` (monthly cars are
    the register's, kept as long as their contract)."""
    return (
        ParkingSession.objects.filter(community_id=community_id)
        .exclude(kind=SessionKind.MONTHLY)
        .exclude(status__in=[SessionStatus.INSIDE, SessionStatus.PAID])
        .alias(ended=Coalesce("exited_at", "entered_at"))
        .filter(ended__lt=before)
    )


def purge_plates(community_id: int, before: datetime) -> int:
    """Blank the plate of visitors' and temporary cars' stays that ended before `before`,
    and of their camera events, keeping the times and the money."""
    ended = _ended_before(community_id, before)
    events = (
        GateEvent.objects.filter(community_id=community_id, session__in=ended.values("pk"))
        .filter(~Q(plate="") | ~Q(plate_read=""))
        .update(plate="", plate_read="", display="", voice="")
    )
    sessions = ended.exclude(plate="").update(plate="")
    return sessions + events


DATA_CLASSES = [
    DataClass("parking_photos", _("Parking-session photos"), 30, purge_photos, order=330),
    DataClass(
        "parking_plates",
        _("Plates of visitors' and temporary cars"),
        90,
        purge_plates,
        order=331,
    ),
]
