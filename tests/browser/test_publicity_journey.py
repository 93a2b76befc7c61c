"""Fund usage in the browser: the manager publishes a quarter, an owner opens its chart."""

import re
from datetime import date

import pytest
from playwright.sync_api import expect

from wuye.engagement.publicity import services
from wuye.testing.people import build_site

from .conftest import log_in

pytestmark = pytest.mark.django_db(transaction=True)

LINES = [
    ("property_fees", "物业费 Property fees", "312480.60"),
    ("parking", "地面停车 Ground parking", "39860.00"),
    ("advertising", "电梯广告 Lift advertising", "15000.00"),
    ("common_area_costs", "停车收费员 Parking attendants", "7500.00"),
    ("staff", "工资 Wages", "140616.27"),
    ("cleaning", "保洁 Cleaning", "45309.69"),
    ("greenery", "绿化 Greenery", "28123.25"),
]


@pytest.fixture
def people(transactional_db):
    site = build_site()
    period = services.fund_period_create(
        actor=site.manager, community=site.community, kind="quarter", start=date(2026, 7, 1)
    )
    for category, description, amount in LINES:
        services.fund_line_add(
            actor=site.manager,
            period=period,
            category=category,
            description=description,
            amount=amount,
        )
    site.period = period
    return site


@pytest.mark.parametrize("locale", ["en-US", "zh-CN"])
def test_manager_publishes_a_quarter_and_an_owner_opens_its_chart(people, open_page, shot, locale):
    page = open_page(locale=locale)
    log_in(page, "manager")
    expect(page).not_to_have_url(re.compile(r"/accounts/login/"))
    page.goto(f"/c/{people.community.pk}/publicity/{people.period.pk}/")
    page.locator("form[action$='/publish/'] button").click()
    expect(page.locator("main .badge.text-bg-success")).to_be_visible()
    expect(page.locator("form[action$='/publish/']")).to_have_count(0)
    shot(page, f"manager-publicity-published-{locale}")

    phone = open_page(locale=locale, width=390, height=844)
    log_in(phone, "owner")
    expect(phone).not_to_have_url(re.compile(r"/accounts/login/"))
    phone.goto("/portal/publicity/")
    phone.locator(f"[data-period='{people.period.pk}']").click()
    expect(phone.locator("[data-chart=income-spending] svg:visible")).to_be_visible()
    expect(phone.locator("[data-chart=common-area] svg:visible")).to_be_visible()
    expect(phone.locator("[data-top-up]")).to_contain_text("23,680.00")
    expect(phone.locator("[data-line]")).to_have_count(0)
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    shot(phone, f"owner-publicity-chart-phone-{locale}")
