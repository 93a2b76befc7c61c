"""Who is on duty: the one question dispatch, the gate and facilities ask of the rosters."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from django.db.models import Q

from wuye.core.models import Community

from ..organisation.models import Post
from .models import RosterEntry, RosterStatus

# The post of the night repair duty (夜间维修值班), which takes emergencies after service hours.
REPAIR_DUTY = "repair-duty"


@dataclass(frozen=True)
class Duty:
    """A person on duty at a moment: on which post and shift, and whether they cover a
    colleague's shift (a swap)."""

    user: object
    post: Post
    entry: RosterEntry
    covering: bool

    @property
    def shift(self):
        return self.entry.shift


def _post_filter(post) -> Q:
    if isinstance(post, Post):
        return Q(roster__post=post)
    if isinstance(post, int) or (isinstance(post, str) and post.isdigit()):
        return Q(roster__post_id=int(post))
    return Q(roster__post__code=post)


def on_duty(
    community: Community | int,
    at: datetime,
    post: Post | int | str | None = None,
    *,
    department_kind: str | None = None,
) -> list[Duty]:
    """Everyone on duty at `at` by the published rosters: the shifts covering that moment
    (a night shift that began the evening before included), less those on leave or sick,
    with whoever took a swapped shift in place of the person rostered. `post` is a post, its
    id or its code; `department_kind` keeps the posts of one kind of department."""
    community_id = community if isinstance(community, int) else community.pk
    rows = RosterEntry.objects.filter(
        community_id=community_id,
        roster__status=RosterStatus.PUBLISHED,
        starts_at__lte=at,
        ends_at__gt=at,
    )
    if post is not None:
        rows = rows.filter(_post_filter(post))
    if department_kind is not None:
        rows = rows.filter(roster__post__department__kind=department_kind)
    rows = rows.select_related(
        "user", "shift", "roster__post__department", "change__covered_by"
    ).order_by("roster__post__department__order", "roster__post__order", "starts_at", "pk")
    duties: list[Duty] = []
    seen: set[int] = set()
    for entry in rows:
        change = getattr(entry, "change", None)
        if change is None:
            person, covering = entry.user, False
        elif change.covered_by_id:
            person, covering = change.covered_by, True
        else:
            continue
        if person.pk in seen or not person.is_active:
            continue
        seen.add(person.pk)
        duties.append(Duty(person, entry.roster.post, entry, covering))
    return duties


def on_duty_ids(
    community: Community | int,
    at: datetime,
    post: Post | int | str | None = None,
    *,
    department_kind: str | None = None,
) -> set[int]:
    """The ids of the people `on_duty` names."""
    return {d.user.pk for d in on_duty(community, at, post, department_kind=department_kind)}


# --- Reads of the roster editor, "my shifts" and the API ------------------------------------


def person_name(user) -> str:
    return user.get_full_name() or user.username


def staff_of(community_id: int):
    """The active staff logins of a community (company administrators are not rostered)."""
    from django.contrib.auth import get_user_model

    from wuye.core.models import Membership

    members = Membership.objects.filter(community_id=community_id, active=True).values("user_id")
    return get_user_model().objects.filter(pk__in=members, is_active=True)


def grid_kind(post: Post) -> str:
    """The kind of shift a post's week grid shows by default."""
    from ..organisation.models import DepartmentKind
    from .models import ShiftKind

    if post.code == "repair-duty":
        return ShiftKind.DUTY
    if post.department.kind == DepartmentKind.SECURITY:
        return ShiftKind.SECURITY
    return ShiftKind.OFFICE


def grid_shifts(roster) -> list:
    """The shifts of the editor's rows: the community's active ones of the post's kind, and
    any other shift the roster already uses."""
    from .models import ShiftTemplate

    used = set(roster.entries.values_list("shift_id", flat=True)) if roster.pk else set()
    rows = ShiftTemplate.objects.filter(community_id=roster.community_id).filter(
        Q(active=True, kind=grid_kind(roster.post)) | Q(pk__in=used)
    )
    return list(rows)


def slot_of(entry: RosterEntry):
    from .checks import Slot

    return Slot(
        user_id=entry.user_id,
        person=person_name(entry.user),
        post_id=entry.roster.post_id,
        day=entry.date,
        shift_id=entry.shift_id,
        shift_name=entry.shift.name,
        starts_at=entry.starts_at,
        ends_at=entry.ends_at,
        minutes=entry.shift.minutes,
        entry_id=entry.pk,
    )


def _last_monday(day: date) -> date:
    """The last Monday of `day`'s month."""
    from calendar import monthrange
    from datetime import timedelta

    last = day.replace(day=monthrange(day.year, day.month)[1])
    return last - timedelta(days=last.weekday())


def roster_warnings(roster, *, shifts=None, special=None) -> list:
    """Every warning of a roster (`checks`), read with a constant number of queries: the
    post's headcount on each shift of its grid (`grid_shifts`), the people's hours across all
    the week's rosters, their certificates, and two shifts at once (a night before or after
    the week included)."""
    from datetime import timedelta

    from wuye.core.calendar import calendar_days

    from ..certificates.models import Certificate, CertificateKind
    from ..certificates.queries import valid_on
    from . import checks
    from .models import ShiftKind, WorkRules

    entries = list(roster.entries.select_related("user", "shift", "roster"))
    slots = [slot_of(e) for e in entries]
    days = roster.days
    if special is None:
        special = calendar_days(roster.community, days[0].year, days[-1].year)
    rest = {d for d in days if special.get(d, d.weekday() < 5) is False}
    shifts = [
        checks.GridShift(s.pk, s.name, office=s.kind == ShiftKind.OFFICE)
        for s in (grid_shifts(roster) if shifts is None else shifts)
    ]
    found = checks.under_headcount(
        slots, days=days, shifts=shifts, headcount=roster.post.headcount, rest_days=rest
    )
    people = {s.user_id for s in slots}
    if people:
        # the week with a night on either side, and every week starting in its month (the
        # month's overtime)
        first_monday = roster.week.replace(day=1)
        first_monday += timedelta(days=-first_monday.weekday() % 7)
        start = min(roster.week - timedelta(days=1), first_monday)
        end = max(roster.week + timedelta(days=8), _last_monday(roster.week) + timedelta(days=7))
        around = [
            slot_of(e)
            for e in RosterEntry.objects.filter(
                community_id=roster.community_id,
                user_id__in=people,
                date__gte=start,
                date__lt=end,
            ).select_related("user", "shift", "roster")
        ]
        rules = WorkRules.for_community(roster.community_id)
        found += checks.over_hours(
            around,
            week=days,
            day_limit_minutes=rules.hours_a_day * 60,
            week_limit_minutes=rules.hours_a_week * 60,
            people=people,
        )
        found += checks.over_overtime(
            around,
            week=days,
            day_limit_minutes=rules.hours_a_day * 60,
            week_limit_minutes=rules.hours_a_week * 60,
            overtime_day_minutes=rules.overtime_a_day * 60,
            overtime_month_minutes=rules.overtime_a_month * 60,
            people=people,
        )
        required = list(roster.post.required_certificates or [])
        if required:
            held_rows = list(
                Certificate.objects.filter(
                    valid_on(days[0]),
                    community_id=roster.community_id,
                    user_id__in=people,
                    kind__in=required,
                ).values_list("user_id", "kind", "valid_until")
            )

            def held(user_id: int, day: date) -> set[str]:
                return {
                    kind
                    for who, kind, until in held_rows
                    if who == user_id and (until is None or until >= day)
                }

            found += checks.missing_certificates(
                slots,
                required=required,
                held=held,
                kind_names=dict(CertificateKind.choices),
            )
        found += checks.overlaps(around, people=people, mine={e.pk for e in entries})
    return found


def shifts_of(user, community_id: int, first: date, last: date) -> list[dict]:
    """A person's shifts on the published rosters from `first` to `last`: their own (with a
    leave, sickness or swap noted) and those they cover for a colleague."""
    rows = (
        RosterEntry.objects.filter(
            Q(user=user) | Q(change__covered_by=user),
            community_id=community_id,
            roster__status=RosterStatus.PUBLISHED,
            date__gte=first,
            date__lte=last,
        )
        .select_related("shift", "roster__post", "user", "change__covered_by")
        .order_by("starts_at", "pk")
    )
    found = []
    for entry in rows:
        change = getattr(entry, "change", None)
        found.append(
            {
                "entry": entry,
                "change": change,
                "covering": entry.user_id != user.pk,
                "off": change is not None and entry.user_id == user.pk,
            }
        )
    return found
