"""Who is on duty: the one question dispatch, the gate and facilities ask of the rosters."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Q

from wuye.core.models import Community

from ..organisation.models import Post
from .models import RosterEntry, RosterStatus


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
