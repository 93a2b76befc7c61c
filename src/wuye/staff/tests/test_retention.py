"""The place of a clock-in is kept for its period, then blanked; the time stays."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest

from wuye.core import retention
from wuye.staff.models import ClockEvent

pytestmark = pytest.mark.django_db

SHANGHAI = ZoneInfo("Asia/Shanghai")


def _clock(site, community, at):
    return ClockEvent.objects.create(
        community=community,
        user=site.guard,
        kind="in",
        at=at,
        latitude=Decimal("42.818000"),
        longitude=Decimal("93.515000"),
        accuracy_m=12,
    )


def test_locations_older_than_their_period_are_blanked_and_the_times_kept(site):
    old = _clock(site, site.community, datetime(2027, 1, 4, 7, 58, tzinfo=SHANGHAI))
    recent = _clock(site, site.community, datetime(2027, 4, 5, 7, 58, tzinfo=SHANGHAI))
    elsewhere = _clock(site, site.other, datetime(2027, 1, 4, 7, 58, tzinfo=SHANGHAI))
    purge = next(c for c in retention.DATA_CLASSES if c.key == "clock_locations").purge
    cut = datetime(2027, 2, 1, tzinfo=SHANGHAI)

    assert purge(site.community.pk, cut) == 1
    assert purge(site.community.pk, cut) == 0

    old.refresh_from_db()
    assert (old.latitude, old.longitude, old.accuracy_m) == (None, None, None)
    assert old.at == datetime(2027, 1, 4, 7, 58, tzinfo=SHANGHAI) and old.kind == "in"
    assert ClockEvent.objects.get(pk=recent.pk).latitude == Decimal("42.818000")
    assert ClockEvent.objects.get(pk=elsewhere.pk).latitude is not None
    with pytest.raises(PermissionError):
        ClockEvent.objects.filter(pk=recent.pk).update(latitude=None)
