"""The shifts and rosters of Bordeaux Town: the security department's three shifts on its
gates, control centre, patrol and shift leaders, and the front desk's office hours.

Eight published weeks before the demo's today and the current week, each guard on their own
post and shift (guard{n}{p}: shift n, post p) six days a week with a staggered rest day; next
week's pedestrian gate still a draft for the security supervisor to finish; the front desk on
office hours on working days (public holidays off); a sick day, a leave covered by a
colleague and a swap. Runs after the organisation (it needs the posts); a second run changes
nothing.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from wuye.core.calendar import calendar_days
from wuye.core.models import Community
from wuye.staff.organisation.models import Post
from wuye.staff.rosters import services
from wuye.staff.rosters.models import (
    Roster,
    RosterEntry,
    RosterStatus,
    ShiftKind,
    ShiftTemplate,
    week_of,
)

WEEKS_BEFORE = 8
# code, name, starts, ends, kind, unpaid break in minutes
SHIFTS = (
    ("day", "早班", time(8), time(16), ShiftKind.SECURITY, 0),
    ("middle", "中班", time(16), time(0), ShiftKind.SECURITY, 0),
    ("night", "夜班", time(0), time(8), ShiftKind.SECURITY, 0),
    ("office", "办公时间", time(8, 30), time(17, 30), ShiftKind.OFFICE, 60),
    ("repair-day", "日间维修值班", time(8), time(18), ShiftKind.DUTY, 0),
    ("repair-night", "夜间维修值班", time(17), time(9), ShiftKind.DUTY, 0),
)
SECURITY_SHIFTS = ("day", "middle", "night")
# The posts of demo/staff.py's guard{n}{p}, by p.
GUARD_POSTS = {1: "pedestrian-gate", 2: "vehicle-gate", 3: "control-centre", 4: "patrol"}
FRONT_DESK = ("frontdesk", "frontdesk2")


def shifts_load(community: Community) -> dict[str, ShiftTemplate]:
    """The community's shift templates, created where missing (by code)."""
    found = {}
    for order, (code, name, starts, ends, kind, rest) in enumerate(SHIFTS):
        found[code], _created = ShiftTemplate.objects.get_or_create(
            community=community,
            code=code,
            defaults={
                "name": name,
                "starts": starts,
                "ends": ends,
                "kind": kind,
                "break_minutes": rest,
                "order": order * 10,
            },
        )
    return found


def rosters_load(community: Community, today: date | None = None) -> dict[str, int]:
    """Load the rosters, unless the community has some already or has no posts yet."""
    if Roster.objects.filter(community=community).exists():
        return {}
    if not Post.objects.filter(community=community, code__in=GUARD_POSTS.values()).exists():
        return {}
    today = today or timezone.localdate()
    with transaction.atomic():
        return _load(community, today)


def _person(username: str, n: int, p: int) -> str:
    return "guard" if (n, p) == (1, 1) else username


def _load(community: Community, today: date) -> dict[str, int]:
    shifts = shifts_load(community)
    posts = {p.code: p for p in Post.objects.filter(community=community)}
    users = {u.username: u for u in get_user_model().objects.filter(is_active=True)}
    supervisor = users.get("security") or users.get("manager")
    current = week_of(today)
    weeks = [current - timedelta(days=7 * n) for n in range(WEEKS_BEFORE, -1, -1)]
    # Who stands which post on which shift.
    plan: dict[str, list[tuple[str, str]]] = {}
    for p, code in GUARD_POSTS.items():
        plan[code] = [(SECURITY_SHIFTS[n - 1], _person(f"guard{n}{p}", n, p)) for n in range(1, 4)]
    plan["shift-leader"] = [(SECURITY_SHIFTS[n - 1], f"shift-leader{n}") for n in range(1, 4)]
    rest_days = {
        username: (n * 2 + i) % 7
        for i, rows in enumerate(plan.values())
        for n, (_shift, username) in enumerate(rows)
    }
    special = calendar_days(community, weeks[0].year, current.year + 1)
    counts = {"rosters": 0, "entries": 0, "changes": 0}
    entries: list[RosterEntry] = []

    def add(roster: Roster, username: str, day: date, shift: ShiftTemplate) -> None:
        user = users.get(username)
        if user is None:
            return
        starts_at, ends_at = shift.span(day)  # bulk_create does not call save()
        entries.append(
            RosterEntry(
                roster=roster,
                community=community,
                user=user,
                date=day,
                shift=shift,
                starts_at=starts_at,
                ends_at=ends_at,
            )
        )

    def roster_of(post: Post, week: date, published: bool) -> Roster:
        counts["rosters"] += 1
        moment = datetime.combine(
            week - timedelta(days=3), time(17), timezone.get_default_timezone()
        )
        return Roster.objects.create(
            community=community,
            post=post,
            week=week,
            status=RosterStatus.PUBLISHED if published else RosterStatus.DRAFT,
            published_at=moment if published else None,
            published_by=supervisor if published else None,
        )

    for week in weeks:
        for code, rows in plan.items():
            post = posts.get(code)
            if post is None:
                continue
            roster = roster_of(post, week, True)
            for offset in range(7):
                day = week + timedelta(days=offset)
                for shift_code, username in rows:
                    if offset != rest_days[username]:
                        add(roster, username, day, shifts[shift_code])
        desk = posts.get("front-desk")
        if desk is not None:
            roster = roster_of(desk, week, True)
            for offset in range(7):
                day = week + timedelta(days=offset)
                if special.get(day, day.weekday() < 5):
                    for username in FRONT_DESK:
                        add(roster, username, day, shifts["office"])

    # Next week: the pedestrian gate is a draft, the day and middle shifts planned so far.
    gate = posts.get("pedestrian-gate")
    if gate is not None:
        draft = roster_of(gate, current + timedelta(days=7), False)
        for offset in range(7):
            day = draft.week + timedelta(days=offset)
            for shift_code, username in plan["pedestrian-gate"][:2]:
                if offset != rest_days[username]:
                    add(draft, username, day, shifts[shift_code])

    RosterEntry.objects.bulk_create(entries, batch_size=500)
    counts["entries"] = len(entries)
    counts["changes"] = _changes(community, users, supervisor, current, weeks[-2])
    return counts


def _changes(community: Community, users: dict, supervisor, current: date, last: date) -> int:
    """A sick day last week, and this week a leave covered by a colleague and a swap."""
    wanted = [
        ("guard31", last + timedelta(days=2), "sick", None, "发烧，请病假"),
        ("guard12", current + timedelta(days=3), "leave", "inner-guard", "事假，内卫岗顶班"),
        ("guard23", current + timedelta(days=4), "swap", "handover-guard", "与工地交接岗换班"),
    ]
    done = 0
    for username, day, kind, cover, note in wanted:
        entry = (
            RosterEntry.objects.filter(community=community, user__username=username, date=day)
            .select_related("roster")
            .first()
        )
        if entry is None or supervisor is None or (cover and cover not in users):
            continue
        change = services.roster_change(
            actor=supervisor,
            entry=entry,
            kind=kind,
            covered_by=users.get(cover) if cover else None,
            note=note,
        )
        change.recorded_at = entry.starts_at - timedelta(days=1)
        change.save(update_fields=["recorded_at"])
        done += 1
    return done
