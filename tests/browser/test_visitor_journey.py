"""A visitor expected at the gate: an owner invites on the phone, the guard checks the code
on theirs and lets the visitor in; after its window the same pass is refused."""

import re
from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone
from playwright.sync_api import expect

from wuye.security.passes.models import Invitation

from .conftest import log_in

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.mark.parametrize("locale", ["en-US", "zh-CN"])
def test_owner_invites_guard_checks_in_and_the_pass_ends_with_its_window(
    people, open_page, shot, locale
):
    phone = open_page(locale=locale, width=390, height=844, touch=True)
    log_in(phone, "owner")
    expect(phone).not_to_have_url(re.compile(r"/accounts/login/"))
    phone.goto("/portal/security/visitors/invite/")
    phone.fill("input[name=visitor_name]", "Sun Li")
    phone.fill("input[name=visitor_mobile]", "13800001111")
    phone.select_option("select[name=purpose]", "guest")
    phone.fill("input[name=entries]", "2")
    phone.fill("input[name=plate]", "新A12345")
    phone.locator("main button[type=submit]").click()
    expect(phone).to_have_url(re.compile(r"/portal/security/visitors/\d+/$"))
    code = phone.locator("[data-code]").inner_text().strip()
    assert len(code) == 8
    expect(phone.locator(".pass-qr svg")).to_be_visible()
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    shot(phone, f"owner-visitor-pass-phone-{locale}")

    gate = open_page(locale=locale, width=390, height=844, touch=True)
    log_in(gate, "guard")
    # The guard lands on the post board; checking a pass is one tap from its head.
    expect(gate).to_have_url(re.compile(r"/security/posts/$"))
    gate.locator("[data-actions] a[href$='/security/gate/']").tap()
    expect(gate).to_have_url(re.compile(r"/security/gate/$"))
    gate.fill("input[name=code]", code.lower())
    gate.locator("[data-gate-form] button[type=submit]").click()
    expect(gate.locator("[data-result]")).to_have_attribute("data-result", "valid")
    expect(gate.locator("[data-visitor]")).to_have_text("Sun Li")
    assert gate.evaluate("document.documentElement.scrollWidth") <= 390
    shot(gate, f"guard-gate-valid-phone-{locale}")
    gate.locator("form[action$='/check-in/'] button").click()
    expect(gate.locator(".alert-success")).to_contain_text("Sun Li")
    invitation = Invitation.objects.get(code=code)
    assert (invitation.status, invitation.entries_used, invitation.inside) == ("active", 1, True)

    later = invitation.valid_until + timedelta(minutes=5)
    with time_machine.travel(later, tick=True):
        assert timezone.now() > invitation.valid_until
        gate.goto(gate.url)
        gate.fill("input[name=code]", code)
        gate.locator("[data-gate-form] button[type=submit]").click()
        expect(gate.locator("[data-result]")).to_have_attribute("data-result", "expired")
        expect(gate.locator("form[action$='/check-in/']")).to_have_count(0)
        shot(gate, f"guard-gate-refused-phone-{locale}")
