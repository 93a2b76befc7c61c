"""The management service report in the browser: the manager reads a month with its charts,
publishes it, and an owner opens it on a phone; both print it as a PDF."""

import re
from datetime import timedelta

import pytest
from playwright.sync_api import expect

from wuye.billing.tests.fixtures import billed_home
from wuye.engagement.models import Notice
from wuye.engagement.notices import services
from wuye.engagement.service_report.tests.fixtures import JAN_5, order
from wuye.testing.people import build_site

from .conftest import log_in

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def people(transactional_db):
    site = build_site()
    billed_home(site.units["owner_home"], site.admin, period="2026-01")
    order(site, closed_at=JAN_5 + timedelta(hours=3), resolution_due_at=JAN_5 + timedelta(hours=4))
    order(site, category="complaint", subcategory="noise", status="accepted")
    notice = services.notice_save(
        actor=site.frontdesk,
        community=site.community,
        data={"kind": "outage", "title": "停水通知", "body": "1月6日9:00—12:00停水。"},
    )
    services.notice_publish(actor=site.manager, notice=notice)
    Notice.objects.filter(pk=notice.pk).update(published_at=JAN_5)
    return site


def in_both_languages(page, shot, name: str) -> None:
    """Screenshot the page in English and in Simplified Chinese, then switch back."""
    origin = re.match(r"https?://[^/]+/", page.url).group(0)
    for language in ("en", "zh-hans"):
        page.context.add_cookies([{"name": "django_language", "url": origin, "value": language}])
        page.reload()
        expect(page.locator("html")).to_have_attribute("lang", language)
        expect(page.locator("[data-chart] svg:visible").first).to_be_visible()
        shot(page, f"{name}-{language}")
    page.context.add_cookies([{"name": "django_language", "url": origin, "value": "en"}])


def assert_pdf(page) -> None:
    href = page.locator("a[data-pdf]").get_attribute("href")
    response = page.context.request.get(href)
    assert response.ok
    assert response.headers["content-type"] == "application/pdf"
    assert response.body().startswith(b"%PDF-")


def test_manager_publishes_the_report_and_an_owner_reads_and_prints_it(people, open_page, shot):
    page = open_page()
    log_in(page, "manager")
    expect(page).not_to_have_url(re.compile(r"/accounts/login/"))
    page.goto(f"/c/{people.community.pk}/report/?period=2026-01")
    for key in ("service_desk", "fees", "notices"):
        expect(page.locator(f"[data-section={key}] [data-chart] svg:visible")).to_be_visible()
    expect(page.locator("[data-section=fees] [data-met=no]")).to_have_count(1)
    assert_pdf(page)
    page.get_by_role("button", name="Publish to the owners").click()
    expect(page.locator("[data-published]")).to_be_visible()
    in_both_languages(page, shot, "manager-service-report")

    phone = open_page(width=390, height=844)
    log_in(phone, "owner")
    expect(phone).not_to_have_url(re.compile(r"/accounts/login/"))
    phone.goto("/portal/reports/")
    phone.locator("[data-report]").first.click()
    expect(phone.locator("[data-section=service_desk]")).to_contain_text("Orders received")
    expect(phone.locator("[data-chart] svg:visible")).to_have_count(3)
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    assert_pdf(phone)
    in_both_languages(phone, shot, "owner-service-report-phone")
