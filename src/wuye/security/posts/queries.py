"""The post board: every security post of a community at a moment, who stands it by the
published rosters, and its gaps.

The rule of each post is its data (`staff.organisation.Post`): `headcount` people on each
shift it is staffed, each holding every kind in `required_certificates`. The fire-control
room (消防控制室) needing two people with the fire facilities operator's certificate on
every shift is a post with headcount 2 and that certificate required, nothing more.

A post is staffed on a shift when its published roster puts anyone on that shift in the
week before the moment (so a post kept only by day is not a gap at night); a post with
somebody on it is staffed whatever its roster says."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from django.utils import timezone

from wuye.core.models import Community
from wuye.staff.certificates.queries import valid_kinds
from wuye.staff.choices import CertificateKind
from wuye.staff.organisation.models import DepartmentKind, Post
from wuye.staff.rosters.models import RosterEntry, RosterStatus, ShiftTemplate
from wuye.staff.rosters.queries import Duty, on_duty, person_name

# The gaps a post can have, most serious first.
NOBODY = "nobody"
UNDER = "under"
UNCERTIFIED = "uncertified"
GAPS = (NOBODY, UNDER, UNCERTIFIED)


@dataclass
class OnPost:
    """A person on a post: their name, whether they cover a colleague's shift, and the kinds
    of certificate the post requires that they do not hold valid today."""

    user: object
    name: str
    covering: bool
    starts_at: datetime
    ends_at: datetime
    missing: list[str] = field(default_factory=list)
    missing_names: list[str] = field(default_factory=list)


@dataclass
class PostRow:
    post: Post
    headcount: int
    required: list[str]
    required_names: list[str]
    staffed: bool
    people: list[OnPost]
    certified: int
    gaps: list[str]

    @property
    def present(self) -> int:
        return len(self.people)

    @property
    def status(self) -> str:
        """ "gap" when short of people or certificates, "ok" when kept as its rule says, "off"
        when the post is not staffed at this moment and nobody is on it."""
        if self.gaps:
            return "gap"
        return "ok" if self.staffed else "off"


def covering_shifts(community_id: int, at: datetime) -> list[ShiftTemplate]:
    """The community's active shifts that cover `at` (a night shift begun the day before
    included)."""
    day = timezone.localtime(at).date()
    found = []
    for shift in ShiftTemplate.objects.filter(community_id=community_id, active=True):
        for start_day in (day - timedelta(days=1), day):
            start, end = shift.span(start_day)
            if start <= at < end:
                found.append(shift)
                break
    return found


def moment_of(shift: ShiftTemplate, day: date) -> datetime:
    """The middle of `shift` begun on `day`: the moment the board shows for that shift."""
    start, end = shift.span(day)
    return start + (end - start) / 2


def security_posts(community_id: int):
    return (
        Post.objects.filter(
            community_id=community_id, active=True, department__kind=DepartmentKind.SECURITY
        )
        .select_related("department")
        .order_by("department__order", "order", "pk")
    )


def board(community: Community | int, at: datetime) -> list[PostRow]:
    """Every active security post of the community at `at`, in the organisation's order,
    with its people and gaps; five queries however many posts and people."""
    community_id = community if isinstance(community, int) else community.pk
    posts = list(security_posts(community_id))
    duties = on_duty(community_id, at, department_kind=DepartmentKind.SECURITY)
    shifts = covering_shifts(community_id, at)
    day = timezone.localtime(at).date()
    staffed = set()
    if shifts and posts:
        staffed = set(
            RosterEntry.objects.filter(
                community_id=community_id,
                roster__status=RosterStatus.PUBLISHED,
                roster__post__in=posts,
                shift__in=shifts,
                date__gte=day - timedelta(days=7),
                date__lte=day,
            )
            .values_list("roster__post_id", flat=True)
            .distinct()
        )
    held = valid_kinds(community_id, {d.user.pk for d in duties}, day) if duties else {}
    names = dict(CertificateKind.choices)
    by_post: dict[int, list[Duty]] = {}
    for duty in duties:
        by_post.setdefault(duty.post.pk, []).append(duty)
    rows = []
    for post in posts:
        required = [str(kind) for kind in post.required_certificates or []]
        people = []
        for duty in by_post.get(post.pk, []):
            missing = [kind for kind in required if kind not in held.get(duty.user.pk, set())]
            people.append(
                OnPost(
                    user=duty.user,
                    name=person_name(duty.user),
                    covering=duty.covering,
                    starts_at=duty.entry.starts_at,
                    ends_at=duty.entry.ends_at,
                    missing=missing,
                    missing_names=[str(names.get(kind, kind)) for kind in missing],
                )
            )
        certified = sum(1 for person in people if not person.missing)
        is_staffed = post.pk in staffed or bool(people)
        gaps = []
        if is_staffed and not people:
            gaps.append(NOBODY)
        elif people and len(people) < post.headcount:
            gaps.append(UNDER)
        if certified < len(people):
            gaps.append(UNCERTIFIED)
        rows.append(
            PostRow(
                post=post,
                headcount=post.headcount,
                required=required,
                required_names=[str(names.get(kind, kind)) for kind in required],
                staffed=is_staffed,
                people=people,
                certified=certified,
                gaps=gaps,
            )
        )
    return rows


def gaps_of(rows: list[PostRow]) -> list[PostRow]:
    return [row for row in rows if row.gaps]


def my_duty(user, community_id: int, at: datetime) -> Duty | None:
    """The security post `user` stands at `at` by the published rosters, if any."""
    for duty in on_duty(community_id, at, department_kind=DepartmentKind.SECURITY):
        if duty.user.pk == user.pk:
            return duty
    return None


def next_patrol(duty: Duty):
    """The first open patrol task of the post within the duty's shift (a night shift's
    tasks after midnight included), or None."""
    from ..patrols.models import PatrolTask, TaskStatus

    return (
        PatrolTask.objects.filter(
            community_id=duty.entry.community_id,
            post_id=duty.post.pk,
            starts_at__gte=duty.entry.starts_at,
            starts_at__lt=duty.entry.ends_at,
            status=TaskStatus.OPEN,
        )
        .select_related("plan__route")
        .order_by("starts_at", "pk")
        .first()
    )


def next_shift(user, community_id: int, at: datetime):
    """The person's next shift on a published roster within a week of `at`, or None."""
    from wuye.staff.rosters.queries import shifts_of

    day = timezone.localtime(at).date()
    for found in shifts_of(user, community_id, day, day + timedelta(days=7)):
        if not found["off"] and found["entry"].starts_at > at:
            return found["entry"]
    return None
