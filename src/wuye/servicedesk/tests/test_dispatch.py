"""Who the dispatcher is offered: team, skill, open load, and the night duty after hours."""

from datetime import datetime, time, timedelta

import pytest

from wuye.core.models import Role
from wuye.servicedesk import queries, services
from wuye.servicedesk.models import DeskSettings, Team, TeamMember
from wuye.staff.models import Department, Post, Roster, RosterEntry, ShiftTemplate
from wuye.testing import factories as f

from .fixtures import MONDAY_10, SHANGHAI, order_in, submit

pytestmark = pytest.mark.django_db


@pytest.fixture
def crews(site):
    """Engineering takes repairs (electrician: electrical; plumber: leaks and plumbing);
    security takes noise and parking."""
    plumber = f.UserFactory(username="plumber")
    f.MembershipFactory(user=plumber, community=site.community, role=Role.TECHNICIAN)
    engineering = Team.objects.create(
        community=site.community,
        name="Engineering",
        categories=["repair_home", "repair_common"],
        supervisor=site.engineer,
    )
    TeamMember.objects.create(team=engineering, user=site.electrician, skills=["electrical"])
    TeamMember.objects.create(team=engineering, user=plumber, skills=["leak", "plumbing"])
    security = Team.objects.create(
        community=site.community,
        name="Security",
        categories=["complaint"],
        subcategories=["noise", "parking"],
    )
    TeamMember.objects.create(team=security, user=site.guard, skills=["noise"])
    return {"plumber": plumber, "engineering": engineering}


def names(suggestions) -> list[str]:
    return [s.user.username for s in suggestions]


def test_the_skilled_team_member_comes_first(site, crews):
    leak = submit(site)
    assert names(queries.dispatch_suggestions(leak, at=MONDAY_10)) == ["plumber", "electrician"]
    noise = submit(site, category="complaint", subcategory="noise")
    assert names(queries.dispatch_suggestions(noise, at=MONDAY_10)) == ["guard"]
    pets = submit(site, category="complaint", subcategory="pets")
    assert queries.dispatch_suggestions(pets, at=MONDAY_10) == []


def test_the_less_loaded_comes_first_and_the_full_are_left_out(site, crews):
    for _ in range(2):
        order = order_in(site, "accepted")
        services.work_order_dispatch(order=order, assignee=crews["plumber"], actor=site.frontdesk)
    light = submit(site, subcategory="doors_windows")
    suggestions = queries.dispatch_suggestions(light, at=MONDAY_10)
    assert [(s.user.username, s.open_orders) for s in suggestions] == [
        ("electrician", 0),
        ("plumber", 2),
    ]
    DeskSettings.objects.create(community=site.community, max_open_orders=2)
    assert names(queries.dispatch_suggestions(light, at=MONDAY_10)) == ["electrician"]


def test_dispatching_files_the_order_under_the_assignees_team(site, crews):
    order = order_in(site, "dispatched")
    assert order.team == crews["engineering"]


def _rostered(site, code, kind, user, day, starts, ends):
    """`user` on a published roster of post `code` (a department of `kind`) on `day`."""
    department, _ = Department.objects.get_or_create(
        community=site.community, kind=kind, defaults={"name": kind}
    )
    post, _ = Post.objects.get_or_create(
        community=site.community, code=code, defaults={"department": department, "title": code}
    )
    shift, _ = ShiftTemplate.objects.get_or_create(
        community=site.community,
        code=f"{code}-{starts}",
        defaults={"name": code, "starts": starts, "ends": ends},
    )
    roster, _ = Roster.objects.get_or_create(
        community=site.community,
        post=post,
        week=day - timedelta(days=day.weekday()),
        defaults={"status": "published"},
    )
    return RosterEntry.objects.create(
        roster=roster, community=site.community, user=user, date=day, shift=shift
    )


def test_after_hours_emergencies_go_to_the_night_duty(site, crews):
    night = datetime(2026, 11, 24, 2, 30, tzinfo=SHANGHAI)  # Tuesday, before opening
    evening = night.date() - timedelta(days=1)
    _rostered(site, "repair-duty", "engineering", site.electrician, evening, time(17), time(9))
    burst = submit(site, at=night, priority="emergency")
    suggestions = queries.dispatch_suggestions(burst, at=night)
    assert [(s.user.username, s.on_duty) for s in suggestions] == [("electrician", True)]
    # In service hours everyone of the team is offered, the skilled first.
    assert names(queries.dispatch_suggestions(burst, at=MONDAY_10)) == ["plumber", "electrician"]


def test_at_three_in_the_morning_only_people_on_duty_are_offered(site, crews):
    three = datetime(2026, 11, 25, 3, 0, tzinfo=SHANGHAI)
    _rostered(site, "night-gate", "security", site.guard, three.date(), time(0), time(8))
    # the plumber's repair duty ended at nine last night: not on duty at three
    _rostered(
        site,
        "repair-duty",
        "engineering",
        crews["plumber"],
        three.date() - timedelta(days=1),
        time(9),
        time(21),
    )
    leak = submit(site, at=three)
    assert queries.dispatch_suggestions(leak, at=three) == []
    noise = submit(site, at=three, category="complaint", subcategory="noise")
    assert [
        (s.user.username, s.on_duty) for s in queries.dispatch_suggestions(noise, at=three)
    ] == [("guard", True)]
    # an emergency no one of the team covers goes to the night repair duty, not the gate
    _rostered(
        site,
        "repair-duty",
        "engineering",
        site.engineer,
        three.date() - timedelta(days=1),
        time(17),
        time(9),
    )
    burst = submit(site, at=three, priority="emergency")
    assert names(queries.dispatch_suggestions(burst, at=three)) == ["engineer"]
