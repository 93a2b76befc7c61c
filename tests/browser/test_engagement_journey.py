"""Owners informed and heard: a notice from the office to an owner's phone, and a vote."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from wuye.engagement import services

from .conftest import log_in

pytestmark = pytest.mark.django_db(transaction=True)


def test_manager_publishes_a_notice_and_an_owner_reads_it_on_a_phone(people, open_page, shot):
    page = open_page()
    log_in(page, "manager")
    expect(page).not_to_have_url(re.compile(r"/accounts/login/"))
    page.goto(f"/c/{people.community.pk}/notices/new/")
    page.select_option("select[name=kind]", "outage")
    page.fill("input[name=title]", "Water off on Tuesday")
    page.fill("textarea[name=body]", "From 9:00 to 12:00 the pipes of building 1 are repaired.")
    page.locator("main button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"/notices/\d+/$"))
    page.get_by_role("button", name="Publish").click()
    expect(page.locator("main")).to_contain_text("0 of 4 residents")

    phone = open_page(width=390, height=844)
    log_in(phone, "owner")
    expect(phone).not_to_have_url(re.compile(r"/accounts/login/"))
    phone.goto("/portal/notices/")
    phone.get_by_text("Water off on Tuesday").click()
    expect(phone.locator("main")).to_contain_text("the pipes of building 1")
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    shot(phone, "owner-notice-phone")

    page.reload()
    expect(page.locator("main")).to_contain_text("1 of 4 residents")
    expect(page.locator("main")).to_contain_text("Wang Fang")
    shot(page, "manager-notice-readers")


@pytest.mark.parametrize("locale", ["en-US", "zh-CN"])
def test_owner_votes_on_a_phone_and_staff_follow_the_tally(people, open_page, shot, locale):
    now = timezone.now()
    vote = services.vote_create(
        actor=people.manager,
        community=people.community,
        data={
            "title": "Install charging points in the car park",
            "matter": "major",
            "opens_at": now,
            "closes_at": now + timedelta(days=7),
        },
    )
    phone = open_page(locale=locale, width=390, height=844)
    log_in(phone, "owner")
    expect(phone).not_to_have_url(re.compile(r"/accounts/login/"))
    phone.goto(f"/portal/votes/{vote.pk}/")
    phone.locator("label[for^=c-][for$=-for]").click()
    phone.locator("[data-home] form button[type=submit]").click()
    expect(phone.locator("[data-home] strong")).to_be_visible()
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    shot(phone, f"owner-vote-phone-{locale}")

    page = open_page(locale=locale)
    log_in(page, "frontdesk")
    expect(page).not_to_have_url(re.compile(r"/accounts/login/"))
    page.goto(f"/c/{people.community.pk}/votes/{vote.pk}/")
    page.fill("input[name=home]", "1-2-502")
    page.select_option("select[name=choice]", "against")
    page.locator("form[action$='paper-ballot/'] button[type=submit]").click()
    expect(page.locator("[data-explanation]")).to_be_visible()
    expect(page.locator("tbody tr")).to_have_count(2)
    shot(page, f"frontdesk-vote-tally-{locale}")
