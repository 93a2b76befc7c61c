"""Security posts for the board's tests, on the roster tests' organisation: the pedestrian
gate (two a shift), the fire-control room (two a shift, each with the guard's and the fire
facilities operator's certificates), a patrol post, a vehicle gate kept by day and a sales
gate nobody is rostered on; a week of rosters published."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

from wuye.staff.certificates.models import Certificate
from wuye.staff.organisation.models import Post
from wuye.staff.rosters import services as rosters
from wuye.staff.rosters.models import week_of
from wuye.staff.rosters.tests.fixtures import guards, posts_for, shifts_for

SHANGHAI = ZoneInfo("Asia/Shanghai")
DAY = date(2026, 12, 15)  # a Tuesday


def at(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=SHANGHAI)


def certify(site, user, *kinds: str) -> None:
    for kind in kinds:
        Certificate.objects.create(
            community=site.community, user=user, kind=kind, number=f"{kind}-{user.pk}"
        )


def extra_post(site, code: str, title: str, headcount: int = 1, order: int = 10) -> Post:
    gate = posts_for(site.community)["pedestrian-gate"]
    post, _ = Post.objects.get_or_create(
        community=site.community,
        code=code,
        defaults={
            "department": gate.department,
            "title": title,
            "headcount": headcount,
            "required_certificates": ["security_guard"],
            "order": order,
        },
    )
    return post


def board_site(site, day: date = DAY) -> dict:
    """The day shift of `day`: two certified guards on the pedestrian gate (full), one on
    the patrol post of two (short), two on the fire-control room of whom one lacks the fire
    certificate, nobody on the vehicle gate (rostered by day the day before); the night
    shift of `day` has one certified guard on the fire-control room."""
    people = guards(site, 7)
    shifts, posts = shifts_for(site.community), posts_for(site.community)
    control = posts["control-centre"]
    control.headcount = 2
    control.title = "消防控制室"
    control.save()
    patrol = extra_post(site, "patrol", "巡逻岗", headcount=2, order=5)
    vehicle = extra_post(site, "vehicle-gate", "车行出入岗", order=6)
    extra_post(site, "sales-gate", "售楼部大门形象岗", order=7)
    for person in people:
        certify(site, person, "security_guard")
    certify(site, people[4], "fire_facilities")
    certify(site, people[6], "fire_facilities")
    week = week_of(day)
    plan = {
        posts["pedestrian-gate"]: [(day, "day", people[0]), (day, "day", people[1])],
        patrol: [(day, "day", people[2])],
        control: [
            (day, "day", people[3]),
            (day, "day", people[4]),
            (day, "night", people[6]),
        ],
        vehicle: [(date.fromordinal(day.toordinal() - 1), "day", people[5])],
    }
    for post, rows in plan.items():
        roster = rosters.roster_open(site.community, post, week)
        for when, shift, person in rows:
            rosters.roster_set(
                actor=site.manager, roster=roster, user=person, day=when, shift=shifts[shift]
            )
        rosters.roster_publish(actor=site.manager, roster=roster)
    return {"people": people, "shifts": shifts, "posts": {**posts, "patrol": patrol}}
