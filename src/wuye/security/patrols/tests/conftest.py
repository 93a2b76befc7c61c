"""The patrol of the tests, its tasks of the day made at 08:00 (Shanghai time)."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine

from wuye.security.patrols import services

from .fixtures import DAY, patrol_for

SHANGHAI = ZoneInfo("Asia/Shanghai")


def at(hour, minute=0, day=DAY):
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=SHANGHAI)


@pytest.fixture
def patrol(site):
    found = patrol_for(site)
    with time_machine.travel(at(8), tick=False):
        found["tasks"] = services.tasks_generate(site.community, DAY)
    return found
