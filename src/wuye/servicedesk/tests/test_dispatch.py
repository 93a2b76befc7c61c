"""Who the dispatcher is offered: team, skill, open load, and the night duty after hours."""

from datetime import datetime, timedelta

import pytest

from wuye.core.models import Role
from wuye.servicedesk import queries, services
from wuye.servicedesk.models import DeskSettings, DutyRoster, Team, TeamMember
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


def test_after_hours_emergencies_go_to_the_night_duty(site, crews):
    night = datetime(2026, 11, 24, 2, 30, tzinfo=SHANGHAI)  # Tuesday, before opening
    DutyRoster.objects.create(
        community=site.community,
        user=site.electrician,
        date=night.date() - timedelta(days=1),
        shift="night",
    )
    burst = submit(site, at=night, priority="emergency")
    suggestions = queries.dispatch_suggestions(burst, at=night)
    assert [(s.user.username, s.on_duty) for s in suggestions] == [("electrician", True)]
    # In service hours everyone of the team is offered, the skilled first.
    assert names(queries.dispatch_suggestions(burst, at=MONDAY_10)) == ["plumber", "electrician"]
