"""A guard on a phone walks a three-point round: a tag of another checkpoint is refused, the
two points still in their windows are scanned on time, and the first point, whose window
closed before the guard got there, is marked missed by the sweep; the security supervisor
finds the alert in the inbox, opens the round and acknowledges the missed point."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from wuye.core.models import Membership, Role
from wuye.security.patrols import services
from wuye.security.patrols.models import (
    Checkpoint,
    PatrolPlan,
    PatrolTask,
    PointStatus,
    Route,
    RoutePoint,
)
from wuye.staff.attendance.tests.fixtures import security
from wuye.staff.rosters.models import Roster, RosterEntry, RosterStatus, ShiftTemplate, week_of
from wuye.testing import factories as f
from wuye.testing.people import enrol

from .conftest import log_in

pytestmark = pytest.mark.django_db(transaction=True)

TAGS = {
    "东门": "04:A2:3B:1C:5D:80",
    "地库入口": "04:11:22:33:44:55",
    "北侧围墙": "04:66:77:88:99:AA",
}


def _round(people):
    """A round that started half an hour ago on the guard's post: its first point's window
    has closed, the other two are open now."""
    now = timezone.localtime()
    starts = (now - timedelta(minutes=30)).replace(second=0, microsecond=0)
    shift = ShiftTemplate.objects.create(
        community=people.community,
        name="早班",
        code="day",
        starts=(starts - timedelta(hours=1)).time(),
        ends=(starts + timedelta(hours=7)).time(),
    )
    _department, post = security(people.community)
    day = (starts - timedelta(hours=1)).date()
    roster = Roster.objects.create(
        community=people.community, post=post, week=week_of(day), status=RosterStatus.PUBLISHED
    )
    RosterEntry.objects.create(
        roster=roster, community=people.community, user=people.guard, date=day, shift=shift
    )
    route = Route.objects.create(community=people.community, name="外围巡逻", ordered=True)
    for order, (name, offset) in enumerate([("东门", 0), ("地库入口", 30), ("北侧围墙", 35)]):
        checkpoint = Checkpoint.objects.create(
            community=people.community, name=name, verification="nfc", tag_uid=TAGS[name]
        )
        RoutePoint.objects.create(
            route=route,
            checkpoint=checkpoint,
            order=order,
            offset_minutes=offset,
            tolerance_minutes=10,
        )
    plan = PatrolPlan.objects.create(route=route, post=post, shift=shift, start_offsets="60")
    services.tasks_generate(people.community, day)
    return PatrolTask.objects.get(plan=plan)


def test_the_guard_walks_a_round_and_the_supervisor_sees_the_missed_point(people, open_page, shot):
    supervisor = f.UserFactory(username="security", first_name="赵", last_name="主管")
    Membership.objects.create(
        user=supervisor,
        company=people.community.company,
        community=people.community,
        role=Role.SECURITY_SUPERVISOR,
    )
    enrol(supervisor)
    task = _round(people)
    c = people.community.pk

    phone = open_page(width=390, height=844, touch=True)
    log_in(phone, "guard")
    phone.goto(f"/c/{c}/security/patrols/{task.pk}/")
    scan_form = phone.locator("form[data-form=scan]")

    # The tag of the wall, held to the car-park entrance: refused, nothing recorded.
    scan_form.locator("select[name=checkpoint]").select_option(label="地库入口")
    phone.fill("#id_proof", TAGS["北侧围墙"])
    scan_form.locator("button[type=submit]").tap()
    expect(phone.locator(".alert-danger")).to_be_visible()
    expect(phone.locator("[data-status=on_time]")).to_have_count(0)

    for name in ("地库入口", "北侧围墙"):
        scan_form.locator("select[name=checkpoint]").select_option(label=name)
        phone.fill("#id_proof", TAGS[name])
        scan_form.locator("button[type=submit]").tap()
        expect(phone.locator(".alert-success")).to_contain_text("on time")
    expect(phone.locator("[data-status=on_time]")).to_have_count(2)
    shot(phone, "patrol-round-phone")

    # The sweep, as the worker runs it every minute: the east gate's window has closed.
    assert services.sweep_missed() == 1
    missed = task.points.get(route_point__checkpoint__name="东门")
    assert missed.status == PointStatus.MISSED

    desk = open_page(width=1366, height=900)
    log_in(desk, "security")
    desk.goto("/messages/")
    alert = desk.locator(".list-group-item.unread").first
    expect(alert).to_contain_text("not scanned in its window")
    alert.click()
    expect(desk).to_have_url(re.compile(rf"/c/{c}/security/patrols/{task.pk}/$"))
    expect(desk.locator(f"[data-point='{missed.pk}'][data-status=missed]")).to_contain_text("东门")
    desk.goto(f"/c/{c}/security/patrols/missed/")
    row = desk.locator(f"[data-list=missed-points] [data-point='{missed.pk}']")
    row.locator("textarea, input[name=note]").first.fill("处理业主求助，已补巡")
    row.locator("button[type=submit]").click()
    expect(desk.locator(".alert-success")).to_be_visible()
    expect(row.locator("[data-acknowledged]")).to_contain_text("处理业主求助")
    shot(desk, "patrol-missed-desk")
    missed.refresh_from_db()
    assert (missed.acknowledged_by, missed.notified_at is not None) == (supervisor, True)
