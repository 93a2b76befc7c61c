"""A guard on a phone clocks in for the shift the published roster gives them now, the
phone's position sent along, and the page says they are on time."""

from datetime import datetime, timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from wuye.staff.attendance.models import ClockEvent
from wuye.staff.attendance.tests.fixtures import security
from wuye.staff.rosters.models import Roster, RosterEntry, RosterStatus, ShiftTemplate, week_of

from .conftest import log_in

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_guard_clocks_in_on_the_phone_and_is_on_time(people, open_page, shot):
    now = timezone.localtime()
    starts = (now - timedelta(minutes=1)).replace(second=0, microsecond=0)
    shift = ShiftTemplate.objects.create(
        community=people.community,
        name="早班",
        code="day",
        starts=starts.time(),
        ends=(starts + timedelta(hours=8)).time(),
    )
    _department, post = security(people.community)
    roster = Roster.objects.create(
        community=people.community,
        post=post,
        week=week_of(starts.date()),
        status=RosterStatus.PUBLISHED,
    )
    RosterEntry.objects.create(
        roster=roster,
        community=people.community,
        user=people.guard,
        date=starts.date(),
        shift=shift,
    )

    page = open_page(width=390, height=844, touch=True)
    page.context.grant_permissions(["geolocation"])
    page.context.set_geolocation({"latitude": 42.8421, "longitude": 93.5053, "accuracy": 18})
    log_in(page, "guard")
    page.goto(f"/c/{people.community.pk}/staff/clock/")
    expect(page.locator("[data-shift=now]")).to_contain_text("早班")
    page.tap("button[value=in]")

    expect(page.locator(".alert-success")).to_contain_text("Clocked in")
    expect(page.locator("[data-status=on_shift]")).to_contain_text("on time")
    shot(page, "clock-phone")
    event = ClockEvent.objects.get()
    assert (event.user, event.kind, event.accuracy_m) == (people.guard, "in", 18)
    assert round(float(event.latitude), 4) == 42.8421
    assert isinstance(event.at, datetime)
