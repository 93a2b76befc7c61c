"""The front desk finds the order a caller mentions: by its number typed into the header's
search box, and in the work-order list among closed orders, then exports the list."""

import re
from datetime import timedelta

import pytest
from playwright.sync_api import expect

from wuye.servicedesk.models import Status
from wuye.servicedesk.tests.fixtures import MONDAY_10, order_in

from .conftest import log_in

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_front_desk_finds_a_closed_order_by_number_and_in_the_list(people, open_page, shot):
    closed = order_in(people, Status.CLOSED, at=MONDAY_10)
    order_in(people, Status.RESOLVED, at=MONDAY_10 + timedelta(days=1))
    community = people.community.pk

    desk = open_page(width=1366, height=900)
    log_in(desk, "frontdesk")
    desk.fill("nav input[name=q]", closed.number.lower().replace("-", " "))
    desk.press("nav input[name=q]", "Enter")
    expect(desk).to_have_url(re.compile(rf"/c/{community}/service/orders/{closed.pk}/$"))
    expect(desk.locator("h1")).to_contain_text(closed.number)

    desk.locator("nav").get_by_text("Customer center").click()
    desk.locator("nav").get_by_role("link", name="Work-order list").click()
    desk.select_option("select[name=status]", "closed")
    desk.locator("main button[type=submit]").click()
    rows = desk.locator("[data-results=orders] tbody tr")
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text(closed.number)
    shot(desk, "orders-list-en")
    with desk.expect_download() as download:
        desk.click("[data-export=orders]")
    assert download.value.suggested_filename.startswith("BDX-Work orders-")

    phone = open_page(locale="zh-CN", width=390, height=844)
    log_in(phone, "frontdesk")
    phone.goto(f"/c/{community}/service/orders/?received_from=2026-13-45")
    expect(phone.locator("main")).to_contain_text("输入一个有效的日期。")
    expect(phone.locator("[data-results=orders] tbody tr")).to_have_count(2)
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    shot(phone, "orders-list-phone-zh")
