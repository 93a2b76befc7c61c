"""A patrol for tests: three checkpoints (NFC, printed QR, GPS) and a rotating one on a
route walked from the pedestrian gate during the day shift, with the gate's roster of a
week published and the guard on it."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from wuye.security.patrols.models import Checkpoint, PatrolPlan, Route, RoutePoint
from wuye.staff.rosters import services as rosters
from wuye.staff.rosters.models import week_of
from wuye.staff.rosters.tests.fixtures import guards, posts_for, shifts_for

DAY = date(2026, 12, 15)  # a Tuesday


def patrol_for(site, *, day: date = DAY, guard=None) -> dict:
    people = guards(site, 2)
    shifts, posts = shifts_for(site.community), posts_for(site.community)
    post = posts["pedestrian-gate"]
    roster = rosters.roster_open(site.community, post, week_of(day))
    rosters.roster_set(
        actor=site.manager, roster=roster, user=guard or site.guard, day=day, shift=shifts["day"]
    )
    rosters.roster_publish(actor=site.manager, roster=roster)
    c = site.community
    checkpoints = {
        "nfc": Checkpoint.objects.create(
            community=c, name="东门", verification="nfc", tag_uid="04:A2:3B:1C:5D:80"
        ),
        "qr": Checkpoint.objects.create(community=c, name="地库入口", verification="qr"),
        "rotating_qr": Checkpoint.objects.create(
            community=c, name="监控室", verification="rotating_qr"
        ),
        "gps": Checkpoint.objects.create(
            community=c,
            name="北侧围墙",
            verification="gps",
            latitude=Decimal("31.230400"),
            longitude=Decimal("121.473700"),
            radius_m=30,
        ),
    }
    route = Route.objects.create(community=c, name="外围巡逻")
    for order, (kind, offset) in enumerate(
        [("nfc", 0), ("qr", 20), ("rotating_qr", 40), ("gps", 60)]
    ):
        RoutePoint.objects.create(
            route=route,
            checkpoint=checkpoints[kind],
            order=order,
            offset_minutes=offset,
            tolerance_minutes=10,
        )
    plan = PatrolPlan.objects.create(
        route=route, post=post, shift=shifts["day"], start_offsets="60,240"
    )
    return {
        "checkpoints": checkpoints,
        "route": route,
        "plan": plan,
        "post": post,
        "shifts": shifts,
        "supervisor": site.users["security"],
        "guards": people,
        "day": day,
    }


def sweep_patrol(site, community=None, *, manager=None, guard=None) -> dict:
    """A task of today on the community's pedestrian gate (Bordeaux Town's by default), for
    the access sweeps: its id and its checkpoint's. The gate's roster of the week is
    published with `guard` on today's day shift, unless it already is."""
    from django.utils import timezone

    from wuye.security.patrols import services
    from wuye.staff.rosters.models import RosterStatus

    community = community or site.community
    today = timezone.localdate()
    shifts, posts = shifts_for(community), posts_for(community)
    roster = rosters.roster_open(community, posts["pedestrian-gate"], week_of(today))
    if roster.status != RosterStatus.PUBLISHED:
        rosters.roster_set(
            actor=manager or site.manager,
            roster=roster,
            user=guard or site.guard,
            day=today,
            shift=shifts["day"],
        )
        rosters.roster_publish(actor=manager or site.manager, roster=roster)
    checkpoint = Checkpoint.objects.create(
        community=community, name="东门", verification="nfc", tag_uid="04A23B1C5D80"
    )
    route = Route.objects.create(community=community, name="外围巡逻")
    RoutePoint.objects.create(route=route, checkpoint=checkpoint, offset_minutes=0)
    PatrolPlan.objects.create(
        route=route, post=posts["pedestrian-gate"], shift=shifts["day"], start_offsets="0"
    )
    task = services.tasks_generate(community, today)[0]
    return {"patrol_task_id": task.pk, "checkpoint_id": checkpoint.pk}
