"""Who is on duty: the published rosters at a moment, across midnight, less leave and sickness,
with whoever took a swapped shift."""

from __future__ import annotations

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse

from wuye.staff.models import Department, Post, Roster, RosterChange, RosterEntry, ShiftTemplate
from wuye.staff.rosters.queries import on_duty, on_duty_ids

pytestmark = pytest.mark.django_db

SHANGHAI = ZoneInfo("Asia/Shanghai")
MONDAY = date(2027, 3, 1)


def _at(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2027, 3, day, hour, minute, tzinfo=SHANGHAI)


@pytest.fixture
def gate(site):
    security = Department.objects.create(community=site.community, name="安管部", kind="security")
    post = Post.objects.create(
        community=site.community, department=security, title="人行岗", code="pedestrian-gate"
    )
    shifts = {
        code: ShiftTemplate.objects.create(
            community=site.community, code=code, name=code, starts=starts, ends=ends
        )
        for code, starts, ends in (
            ("day", time(8), time(16)),
            ("middle", time(16), time(0)),
            ("night", time(0), time(8)),
        )
    }
    roster = Roster.objects.create(
        community=site.community, post=post, week=MONDAY, status="published"
    )
    return post, shifts, roster


def _on(roster, user, day, shift):
    return RosterEntry.objects.create(
        roster=roster, community=roster.community, user=user, date=day, shift=shift
    )


def test_the_middle_shift_runs_to_midnight_and_the_night_shift_from_it(site, gate):
    post, shifts, roster = gate
    _on(roster, site.guard, MONDAY, shifts["middle"])
    _on(roster, site.engineer, date(2027, 3, 2), shifts["night"])
    assert on_duty_ids(site.community, _at(1, 23, 59)) == {site.guard.pk}
    assert on_duty_ids(site.community, _at(2, 0, 0)) == {site.engineer.pk}
    assert on_duty_ids(site.community, _at(2, 8, 0)) == set()
    assert on_duty_ids(site.community, _at(2, 3), "pedestrian-gate") == {site.engineer.pk}
    assert on_duty_ids(site.community, _at(2, 3), "vehicle-gate") == set()
    assert on_duty_ids(site.other, _at(2, 3)) == set()


def test_leave_takes_a_person_off_and_a_swap_puts_the_colleague_on(site, gate):
    post, shifts, roster = gate
    sick = _on(roster, site.guard, MONDAY, shifts["day"])
    swapped = _on(roster, site.electrician, MONDAY, shifts["day"])
    RosterChange.objects.create(entry=sick, kind="sick", recorded_by=site.manager)
    RosterChange.objects.create(
        entry=swapped, kind="swap", covered_by=site.engineer, recorded_by=site.manager
    )
    duties = on_duty(site.community, _at(1, 10))
    assert [(d.user, d.covering, d.post) for d in duties] == [(site.engineer, True, post)]


def test_a_draft_roster_puts_nobody_on_duty(site, gate):
    post, shifts, roster = gate
    draft = Roster.objects.create(
        community=site.community, post=post, week=date(2027, 3, 8), status="draft"
    )
    _on(draft, site.guard, date(2027, 3, 8), shifts["day"])
    assert on_duty_ids(site.community, _at(8, 10)) == set()


def test_the_home_page_shows_who_is_on_duty_now(client, site, gate):
    post, shifts, roster = gate
    _on(roster, site.guard, MONDAY, shifts["night"])
    with time_machine.travel(_at(1, 3), tick=False):
        client.force_login(site.frontdesk)
        page = client.get(reverse("estates:overview", args=[site.community.pk]))
    panel = next(p for p in page.context["panels"] if p["key"] == "on_duty")
    assert panel["count"] == 1
    html = page.content.decode()
    assert 'data-panel="on_duty"' in html and 'data-person="guard"' in html
    with time_machine.travel(_at(1, 9), tick=False):
        page = client.get(reverse("estates:overview", args=[site.community.pk]))
    assert 'data-person="guard"' not in page.content.decode()
