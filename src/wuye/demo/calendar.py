"""The demo company's service calendar: China's official holidays and swapped working days."""

from wuye.core.calendar import CHINA_HOLIDAYS, calendar_seed_china
from wuye.core.models import Company


def demo_calendar(company: Company) -> int:
    """Seed every year of China's schedule that Wuye knows; returns the days added."""
    return calendar_seed_china(company=company, years=CHINA_HOLIDAYS)
