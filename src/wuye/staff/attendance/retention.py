"""How long the places of clock-ins are kept (个人信息保护法 第十九条): a phone's location is
needed to check a clock-in was made at work, not to keep a map of a person's days. After the
period the latitude, longitude and accuracy are blanked; the time and kind stay, as the
attendance they prove must."""

from __future__ import annotations

from datetime import datetime

from django.db import models
from django.utils.translation import gettext_lazy as _

from wuye.core.retention import DataClass

from .models import ClockEvent


def purge_locations(community_id: int, before: datetime) -> int:
    """Blank where the community's clock events made before `before` were made. The one
    change an attendance record ever takes, so it goes past the append-only manager."""
    located = models.QuerySet(ClockEvent).filter(
        community_id=community_id, at__lt=before, latitude__isnull=False
    )
    return located.update(latitude=None, longitude=None, accuracy_m=None)


DATA_CLASSES = [
    DataClass(
        "clock_locations",
        _("Where staff clocked in and out"),
        90,
        purge_locations,
        order=600,
        models=("staff.clockevent",),
    ),
]
