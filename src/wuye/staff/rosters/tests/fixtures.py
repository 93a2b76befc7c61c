"""Shifts, posts and staff for the roster tests: the security department's posts of the
demo's organisation, the three security shifts, office hours and the night repair duty."""

from __future__ import annotations

from datetime import date, time

from wuye.core.models import Membership, Role
from wuye.staff.organisation.models import Department, DepartmentKind, Post
from wuye.staff.rosters.models import ShiftKind, ShiftTemplate
from wuye.testing import factories as f

SHIFTS = (
    ("day", "早班", time(8), time(16), ShiftKind.SECURITY, 0),
    ("middle", "中班", time(16), time(0), ShiftKind.SECURITY, 0),
    ("night", "夜班", time(0), time(8), ShiftKind.SECURITY, 0),
    ("office", "办公时间", time(8, 30), time(17, 30), ShiftKind.OFFICE, 60),
    ("repair-night", "夜间维修值班", time(17), time(9), ShiftKind.DUTY, 0),
)

# A Monday in a week without holidays, and the National Day week of 2026 (1–7 October
# holidays, Monday 5 October inside it).
WEEK = date(2026, 12, 14)
NATIONAL_DAY_WEEK = date(2026, 10, 5)


def shifts_for(community) -> dict[str, ShiftTemplate]:
    found = {}
    for order, (code, name, starts, ends, kind, rest) in enumerate(SHIFTS):
        found[code], _ = ShiftTemplate.objects.get_or_create(
            community=community,
            code=code,
            defaults={
                "name": name,
                "starts": starts,
                "ends": ends,
                "kind": kind,
                "break_minutes": rest,
                "order": order,
            },
        )
    return found


def posts_for(community) -> dict[str, Post]:
    security, _ = Department.objects.get_or_create(
        community=community, name="安管部", defaults={"kind": DepartmentKind.SECURITY, "order": 40}
    )
    service, _ = Department.objects.get_or_create(
        community=community,
        name="客服部",
        defaults={"kind": DepartmentKind.CUSTOMER_SERVICE, "order": 20},
    )
    rows = {
        "pedestrian-gate": (security, "人行岗", 2, ["security_guard"]),
        "control-centre": (security, "控制中心", 1, ["security_guard", "fire_facilities"]),
        "front-desk": (service, "前台客服", 2, []),
    }
    found = {}
    for order, (code, (dept, title, headcount, required)) in enumerate(rows.items()):
        found[code], _ = Post.objects.get_or_create(
            community=community,
            code=code,
            defaults={
                "department": dept,
                "title": title,
                "headcount": headcount,
                "required_certificates": required,
                "order": order,
            },
        )
    return found


def guards(site, count: int = 3) -> list:
    """Guards of the test community (`guard` and `guard2`…), and the security supervisor
    `security`."""
    if "security" not in site.users:
        site.users["security"] = f.UserFactory(username="security", first_name="Security")
        f.MembershipFactory(
            user=site.users["security"], community=site.community, role=Role.SECURITY_SUPERVISOR
        )
    people = [site.guard]
    for n in range(2, count + 1):
        name = f"guard{n}"
        if name not in site.users:
            site.users[name] = f.UserFactory(username=name, first_name=f"Guard{n}")
            Membership.objects.create(
                user=site.users[name],
                company=site.community.company,
                community=site.community,
                role=Role.GUARD,
            )
        people.append(site.users[name])
    return people


def sweep_roster(site) -> dict:
    """A published roster of the pedestrian gate this week with one shift on it, for the
    access sweeps: the post, the entry and its shift."""
    from django.utils import timezone

    from wuye.staff.rosters import services
    from wuye.staff.rosters.models import week_of

    shifts, posts = shifts_for(site.community), posts_for(site.community)
    today = timezone.localdate()
    roster = services.roster_open(site.community, posts["pedestrian-gate"], week_of(today))
    entry = services.roster_set(
        actor=site.manager, roster=roster, user=site.guard, day=today, shift=shifts["day"]
    )
    services.roster_publish(actor=site.manager, roster=roster)
    return {"post": roster.post_id, "roster_entry": entry.pk, "shift": shifts["day"].pk}
