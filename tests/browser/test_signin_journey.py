"""Signing in as a manager: password, then a code; the pages under the content security
policy, with nothing refused."""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from wuye.testing.people import totp_code

from .conftest import log_in

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_manager_gives_the_code_of_the_app_after_the_password(people, open_page, shot):
    page = open_page(width=390, height=844)
    page.goto("/accounts/login/")
    page.fill("input[name=username]", "manager")
    page.fill("input[name=password]", "wuye-demo")
    page.click("button[type=submit]")
    expect(page).to_have_url(re.compile(r"/accounts/second-factor/"))
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    shot(page, "second-factor-phone")
    page.fill("input[name=code]", totp_code(people.manager))
    page.click("form:not([action]) button[type=submit]")
    # a manager starts on the indicators, today's exceptions on top
    expect(page).to_have_url(re.compile(r"/service/dashboard/$"))
    expect(page.locator("h1")).to_contain_text("Service indicators")


def test_pages_run_under_the_content_security_policy_without_a_refusal(people, open_page, shot):
    page = open_page(width=1366, height=900)
    refused = []
    page.on(
        "console",
        lambda message: (
            refused.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    log_in(page, "manager")
    community = people.community.pk
    for url in (
        reverse("estates:overview", args=[community]),
        reverse("servicedesk_dashboard:dashboard", args=[community]),
        reverse("account_security"),
        "/api/v1/docs",
    ):
        page.goto(url)
        page.wait_for_load_state("networkidle")
    page.goto(reverse("estates:overview", args=[community]))
    # the language switch submits itself (wuye.js, not an inline handler)
    page.select_option("select[name=language]", "zh-hans")
    page.wait_for_load_state("networkidle")
    expect(page.locator("html")).to_have_attribute("lang", "zh-hans")
    shot(page, "overview-zh-under-csp")
    assert refused == []
