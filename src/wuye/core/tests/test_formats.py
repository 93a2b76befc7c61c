"""Times in English are written on the 24-hour clock, so no sentence ends in "a.m.."."""

from datetime import datetime
from zoneinfo import ZoneInfo

from django.utils import translation
from django.utils.formats import date_format

MORNING = datetime(2026, 11, 28, 7, 3, tzinfo=ZoneInfo("Asia/Shanghai"))


def test_english_times_are_on_the_24_hour_clock():
    with translation.override("en"):
        assert date_format(MORNING, "DATETIME_FORMAT") == "Nov. 28, 2026, 07:03"
        assert date_format(MORNING, "SHORT_DATETIME_FORMAT") == "11/28/2026 07:03"
        assert date_format(MORNING.replace(hour=19), "TIME_FORMAT") == "19:03"
    with translation.override("zh-hans"):
        assert date_format(MORNING, "DATETIME_FORMAT") == "2026年11月28日 07:03"
