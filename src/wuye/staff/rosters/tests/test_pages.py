"""The roster pages: the week editor (add, remove, copy, publish with a confirmation), the
changes to a published week, who is on duty, my shifts and the shift settings."""

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse

from wuye.core.models import CalendarDay, CalendarDayKind
from wuye.staff.rosters import services
from wuye.staff.rosters.forms import week_label
from wuye.staff.rosters.models import RosterChange, RosterEntry, RosterStatus, ShiftTemplate

from .fixtures import NATIONAL_DAY_WEEK, WEEK, guards, posts_for, shifts_for

pytestmark = pytest.mark.django_db

W = week_label(WEEK)
SHANGHAI = ZoneInfo("Asia/Shanghai")


@pytest.fixture
def plan(site):
    return {
        "people": guards(site),
        "shifts": shifts_for(site.community),
        "posts": posts_for(site.community),
    }


def _editor(site, plan, post="pedestrian-gate", week=W):
    url = reverse("staff:roster", args=[site.community.pk, plan["posts"][post].pk])
    return f"{url}?week={week}"


def _add(client, site, plan, person, day, shift, post="pedestrian-gate"):
    url = reverse("staff:roster_add", args=[site.community.pk, plan["posts"][post].pk])
    return client.post(
        url,
        {"week": W, "day": day.isoformat(), "user": person.pk, "shift": plan["shifts"][shift].pk},
    )


def test_the_supervisor_builds_a_week_and_publishes_it_after_the_warnings(client, site, plan):
    client.force_login(site.users["security"])
    page = client.get(_editor(site, plan))
    assert page.status_code == 200
    html = page.content.decode()
    assert "早班" in html and "中班" in html and "夜班" in html and "办公时间" not in html
    assert 'data-action="publish"' not in html  # nothing to publish yet
    for shift in ("day", "middle", "night"):
        assert _add(client, site, plan, plan["people"][0], WEEK, shift).status_code == 302
    assert RosterEntry.objects.count() == 3
    html = client.get(_editor(site, plan)).content.decode()
    assert "data-warnings" in html and "under headcount" in html
    assert 'data-cell="2026-12-14/middle"' in html and 'data-action="publish"' in html

    publish = reverse(
        "staff:roster_publish", args=[site.community.pk, plan["posts"]["pedestrian-gate"].pk]
    )
    asked = client.post(publish, {"week": W})
    assert asked.status_code == 200 and b'data-action="confirm"' in asked.content
    assert RosterEntry.objects.first().roster.status == RosterStatus.DRAFT
    done = client.post(publish, {"week": W, "confirm": "1"})
    assert done.status_code == 302
    roster = RosterEntry.objects.first().roster
    assert roster.status == RosterStatus.PUBLISHED
    html = client.get(_editor(site, plan)).content.decode()
    assert 'data-action="change"' in html and 'name="user"' not in html


def test_remove_and_copy_the_previous_week(client, site, plan):
    client.force_login(site.users["security"])
    last = WEEK - timedelta(days=7)
    _add(client, site, plan, plan["people"][1], WEEK, "day")
    entry = RosterEntry.objects.get()
    removed = client.post(reverse("staff:roster_remove", args=[site.community.pk, entry.pk]))
    assert removed.status_code == 302 and not RosterEntry.objects.exists()
    roster = services.roster_open(site.community, plan["posts"]["pedestrian-gate"], last)
    services.roster_set(
        actor=site.users["security"],
        roster=roster,
        user=plan["people"][1],
        day=last,
        shift=plan["shifts"]["night"],
    )
    copy = reverse(
        "staff:roster_copy", args=[site.community.pk, plan["posts"]["pedestrian-gate"].pk]
    )
    assert client.post(copy, {"week": W}).status_code == 302
    assert RosterEntry.objects.filter(date=WEEK, user=plan["people"][1]).exists()


def test_a_guard_reads_but_cannot_plan(client, site, plan):
    client.force_login(site.guard)
    assert client.get(_editor(site, plan)).status_code == 200
    assert client.get(reverse("staff:rosters", args=[site.community.pk])).status_code == 200
    assert _add(client, site, plan, site.guard, WEEK, "day").status_code == 403
    assert client.get(reverse("staff:shift_settings", args=[site.community.pk])).status_code == 403
    assert not RosterEntry.objects.exists()
    other = reverse("staff:roster", args=[site.other.pk, plan["posts"]["pedestrian-gate"].pk])
    assert client.get(other).status_code == 403


def test_the_editor_shows_holidays_and_reads_with_few_queries(
    client, site, plan, django_assert_max_num_queries
):
    CalendarDay.objects.create(
        company=site.community.company,
        date=NATIONAL_DAY_WEEK,
        kind=CalendarDayKind.HOLIDAY,
        name="国庆节",
    )
    client.force_login(site.users["security"])
    roster = services.roster_open(
        site.community, plan["posts"]["pedestrian-gate"], NATIONAL_DAY_WEEK
    )
    for day in roster.days:
        for person in plan["people"]:
            services.roster_set(
                actor=site.users["security"],
                roster=roster,
                user=person,
                day=day,
                shift=plan["shifts"]["day"],
            )
    url = _editor(site, plan, week=week_label(NATIONAL_DAY_WEEK))
    client.get(url)
    with django_assert_max_num_queries(24):
        html = client.get(url).content.decode()
    assert "国庆节" in html and "data-holiday" in html
    assert html.count("data-entry=") == 21


def test_a_change_to_a_published_shift_and_who_is_on_duty(client, site, plan):
    security = site.users["security"]
    roster = services.roster_open(site.community, plan["posts"]["pedestrian-gate"], WEEK)
    entry = services.roster_set(
        actor=security,
        roster=roster,
        user=plan["people"][1],
        day=WEEK,
        shift=plan["shifts"]["night"],
    )
    services.roster_publish(actor=security, roster=roster)
    client.force_login(security)
    url = reverse("staff:roster_change", args=[site.community.pk, entry.pk])
    assert client.get(url).status_code == 200
    refused = client.post(url, {"kind": "swap", "note": ""})
    assert refused.status_code == 400 and not RosterChange.objects.exists()
    done = client.post(url, {"kind": "swap", "covered_by": plan["people"][2].pk, "note": "换班"})
    assert done.status_code == 302
    on_duty = reverse("staff:on_duty", args=[site.community.pk])
    html = client.get(on_duty + "?at=2026-12-14T03:00").content.decode()
    assert f'data-person="{plan["people"][2].username}"' in html and "人行岗" in html
    assert f'data-person="{plan["people"][1].username}"' not in html
    assert client.get(on_duty + "?at=nonsense").status_code == 200
    assert client.get(on_duty + "?at=2026-12-14T12:00").content.decode().count("data-person") == 0


@time_machine.travel(datetime(2026, 12, 12, 9), tick=False)
def test_my_shifts_lists_the_next_two_weeks(client, site, plan):
    security, guard, shifts = site.users["security"], site.guard, plan["shifts"]
    post = plan["posts"]["pedestrian-gate"]
    roster = services.roster_open(site.community, post, WEEK)
    later = services.roster_open(site.community, post, WEEK + timedelta(days=14))
    services.roster_set(actor=security, roster=roster, user=guard, day=WEEK, shift=shifts["middle"])
    services.roster_set(
        actor=security, roster=later, user=guard, day=later.week, shift=shifts["day"]
    )
    services.roster_publish(actor=security, roster=later)
    client.force_login(guard)
    url = reverse("staff:my_shifts", args=[site.community.pk])
    with time_machine.travel(datetime(2026, 12, 12, 9, tzinfo=SHANGHAI), tick=False):
        assert b"data-shift=" not in client.get(url).content  # a draft, and past 14 days
        services.roster_publish(actor=security, roster=roster)
        html = client.get(url).content.decode()
    assert 'data-shift="2026-12-14/middle"' in html and html.count("data-shift=") == 1


def test_the_manager_sets_shifts_and_work_rules(client, site, plan):
    client.force_login(site.manager)
    settings = reverse("staff:shift_settings", args=[site.community.pk])
    assert client.get(settings).status_code == 200
    created = client.post(
        reverse("staff:shift_new", args=[site.community.pk]),
        {
            "name": "夜间维修值班",
            "code": "repair-late",
            "kind": "duty",
            "starts": "17:00",
            "ends": "09:00",
            "break_minutes": "0",
            "order": "5",
            "active": "on",
        },
    )
    assert created.status_code == 302
    shift = ShiftTemplate.objects.get(code="repair-late")
    assert shift.ends == time(9) and shift.minutes == 16 * 60
    clash = client.post(
        reverse("staff:shift_edit", args=[site.community.pk, shift.pk]),
        {
            "name": "x",
            "code": "day",
            "kind": "duty",
            "starts": "17:00",
            "ends": "09:00",
            "break_minutes": "0",
            "order": "5",
        },
    )
    assert (
        clash.status_code == 400 and ShiftTemplate.objects.get(pk=shift.pk).name == "夜间维修值班"
    )
    rules = client.post(
        settings,
        {
            "hours_a_day": "8",
            "hours_a_week": "40",
            "overtime_a_day": "3",
            "overtime_a_month": "36",
            "late_after_minutes": "5",
            "early_before_minutes": "5",
            "clock_in_opens_minutes": "120",
        },
    )
    assert rules.status_code == 302
    from wuye.staff.rosters.models import WorkRules

    assert WorkRules.objects.get(community=site.community).hours_a_week == 40
