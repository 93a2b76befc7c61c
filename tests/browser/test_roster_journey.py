"""Next week's roster: the security supervisor puts people on the three shifts of the
pedestrian gate, sees that it is under headcount, publishes it after confirming; a guard
then finds the shift on the phone under "my shifts"."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from wuye.staff.rosters.forms import week_label
from wuye.staff.rosters.models import Roster, RosterStatus, week_of
from wuye.staff.rosters.tests.fixtures import guards, posts_for, shifts_for

from .conftest import log_in

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_supervisor_publishes_next_week_and_the_guard_sees_the_shift(people, open_page, shot):
    crew = guards(people, 3)
    shifts_for(people.community)
    gate = posts_for(people.community)["pedestrian-gate"]
    monday = week_of(timezone.localdate()) + timedelta(days=7)
    url = f"/c/{people.community.pk}/staff/rosters/{gate.pk}/?week={week_label(monday)}"

    page = open_page(width=1366, height=900)
    log_in(page, "security")
    page.goto(url)
    for person, shift in zip(crew, ("day", "middle", "night"), strict=True):
        cell = page.locator(f'[data-cell="{monday:%Y-%m-%d}/{shift}"]')
        cell.locator("select[name=user]").select_option(str(person.pk))
        cell.locator("button[type=submit]").last.click()
        expect(page.locator(f'[data-cell="{monday:%Y-%m-%d}/{shift}"] [data-entry]')).to_have_count(
            1
        )
    expect(page.locator('[data-warnings] [data-warning="under_headcount"]').first).to_be_visible()
    shot(page, "roster-editor-wide")
    page.click("[data-action=publish]")
    expect(page.locator("[data-warnings]")).to_contain_text("headcount")
    page.click("[data-action=confirm]")
    expect(page.locator(".alert-success")).to_be_visible()
    assert Roster.objects.get(post=gate, week=monday).status == RosterStatus.PUBLISHED

    phone = open_page(width=390, height=844, touch=True)
    log_in(phone, "guard")
    phone.goto(f"/c/{people.community.pk}/staff/my-shifts/")
    expect(phone.locator(f'[data-shift="{monday:%Y-%m-%d}/day"]')).to_be_visible()
    shot(phone, "roster-my-shifts-phone")
