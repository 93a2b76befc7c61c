"""The demo company's working calendar."""

from wuye.core.calendar import service_calendar
from wuye.core.tests.fixtures import at
from wuye.demo.calendar import demo_calendar
from wuye.testing import factories as f


def test_the_demo_company_gets_every_known_year(db):
    company = f.CompanyFactory()
    assert demo_calendar(company) == 72
    assert service_calendar(f.CommunityFactory(company=company)).add_working_days(
        at(2026, 2, 13, 17), 3
    ) == at(2026, 2, 25, 18)
