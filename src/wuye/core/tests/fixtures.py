"""Core's test kit: China's 2025-2026 working calendar with service hours 08:00-18:00, and
moments in Shanghai time.

Registered as a pytest plugin in the root conftest.
"""

from datetime import date, datetime
from zoneinfo import ZoneInfo

from wuye.core.calendar import ServiceCalendar, china_calendar_days

SHANGHAI = ZoneInfo("Asia/Shanghai")


def china_days() -> dict[date, bool]:
    """{date: is a working day} for every public holiday and swapped day of 2025-2026."""
    return {
        day: kind == "workday"
        for year in (2025, 2026)
        for day, kind, _name in china_calendar_days(year)
    }


CHINA = ServiceCalendar(days=china_days(), zone=SHANGHAI)


def at(year, month, day, hour=0, minute=0, second=0) -> datetime:
    """A moment in Shanghai."""
    return datetime(year, month, day, hour, minute, second, tzinfo=SHANGHAI)
