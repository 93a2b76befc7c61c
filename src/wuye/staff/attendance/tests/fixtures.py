"""A security department with the three security shifts and a published roster, for tests."""

from datetime import date, datetime, time

from django.utils import timezone

from wuye.staff.organisation.models import Department, DepartmentKind, Post
from wuye.staff.rosters.models import (
    Roster,
    RosterEntry,
    RosterStatus,
    ShiftKind,
    ShiftTemplate,
    week_of,
)

SHIFTS = {
    "day": ("早班", time(8), time(16)),
    "middle": ("中班", time(16), time(0)),
    "night": ("夜班", time(0), time(8)),
}


def moment(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute), tzinfo=timezone.get_default_timezone())


def security(community):
    department, _ = Department.objects.get_or_create(
        community=community, name="安管部", defaults={"kind": DepartmentKind.SECURITY}
    )
    post, _ = Post.objects.get_or_create(
        community=community,
        code="patrol",
        defaults={
            "department": department,
            "title": "巡逻岗",
            "required_certificates": ["security_guard"],
        },
    )
    return department, post


def shift(community, code: str) -> ShiftTemplate:
    name, starts, ends = SHIFTS[code]
    found, _ = ShiftTemplate.objects.get_or_create(
        community=community,
        code=code,
        defaults={"name": name, "starts": starts, "ends": ends, "kind": ShiftKind.SECURITY},
    )
    return found


def rostered(community, user, day: date, code: str, *, published: bool = True) -> RosterEntry:
    """`user` on shift `code` on `day`, in the patrol post's roster of that week."""
    _department, post = security(community)
    roster, _ = Roster.objects.get_or_create(
        community=community,
        post=post,
        week=week_of(day),
        defaults={"status": RosterStatus.PUBLISHED if published else RosterStatus.DRAFT},
    )
    return RosterEntry.objects.create(
        roster=roster, community=community, user=user, date=day, shift=shift(community, code)
    )
