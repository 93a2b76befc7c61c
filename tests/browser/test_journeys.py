"""A real person's path through the real pages, in Chromium."""

import re

import pytest
from playwright.sync_api import expect

from .conftest import log_in

pytestmark = pytest.mark.django_db(transaction=True)


def test_manager_finds_a_home_by_room_number_and_sees_who_lives_there(people, open_page, shot):
    page = open_page()
    log_in(page, "manager")
    expect(page).to_have_url(re.compile(r"/service/dashboard/$"))
    page.fill("input[name=q]", "1-1-101")
    page.press("input[name=q]", "Enter")
    page.wait_for_load_state("networkidle")
    expect(page).to_have_url(re.compile(r"/homes/\d+/$"))
    residents = page.locator("main")
    expect(residents).to_contain_text("Wang Fang")
    expect(residents).to_contain_text("Li Na")
    expect(residents).not_to_contain_text("Zhang Wei")
    shot(page, "manager-home")


def test_owner_sees_only_their_own_home_on_a_phone(people, open_page, shot):
    page = open_page(width=390, height=844)
    log_in(page, "owner")
    expect(page).to_have_url(re.compile(r"/portal/$"))
    main = page.locator("main")
    expect(main).to_contain_text("1-1-101")
    expect(main).to_contain_text("Li Na")
    for other in ("1-2-502", "Zhang Wei", "2-1-301", "Liu Yang"):
        expect(main).not_to_contain_text(other)
    # the page fits the phone: nothing wider than the screen
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    shot(page, "owner-portal-phone")
    response = page.goto(f"/c/{people.community.pk}/")
    assert response.status == 403


def test_switching_to_chinese_translates_navigation_and_pages(people, open_page, shot):
    page = open_page(locale="en-US")
    log_in(page, "manager")
    nav = page.locator("nav")
    expect(nav).to_contain_text("Buildings")
    page.select_option("select[name=language]", "zh-hans")
    page.wait_for_load_state("networkidle")
    expect(nav).to_contain_text("楼栋")
    expect(nav).to_contain_text("住户")
    expect(page.locator("main")).to_contain_text("房屋")
    page.click("nav >> text=房屋档案")  # the register's menu
    page.click("nav >> text=楼栋")
    page.wait_for_load_state("networkidle")
    expect(page.locator("main")).to_contain_text("楼栋")
    shot(page, "manager-buildings-zh")
    assert page.locator("html").get_attribute("lang") == "zh-hans"
