"""API of the rosters: a week's rosters of a community, and who is on duty at a moment.

Everyone with `roster.view` in the community reads the published rosters; planners
(`roster.plan`) also read the drafts.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Literal

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema

from wuye.core import policy
from wuye.core.api import Id, Moment, errors
from wuye.core.validators import not_found

from ..organisation.models import Post
from . import queries
from .forms import week_label
from .models import Roster, RosterEntry, RosterStatus

router = Router(tags=["staff"])

WEEK_PATTERN = r"^(19[0-9]{2}|2[01][0-9]{2})-W(0[1-9]|[1-4][0-9]|5[0-3])$"
POST_CODE_PATTERN = r"^[-a-zA-Z0-9_]{1,40}$"


class RosterFilters(Schema):
    community_id: Id
    week: str = Field(
        min_length=8,
        max_length=8,
        pattern=WEEK_PATTERN,
        description="An ISO week, e.g. 2026-W51 (Monday to Sunday).",
    )


class EntryOut(Schema):
    id: int
    person: str = Field(description="The person rostered (a swap's cover is in `covered_by`).")
    username: str
    date: date
    shift: str = Field(description="The shift's code.")
    starts_at: datetime
    ends_at: datetime
    status: Literal["rostered", "leave", "sick", "swap"]
    covered_by: str | None = None


class RosterOut(Schema):
    id: int
    post: str = Field(description="The post's code.")
    post_title: str
    week: str
    status: Literal["draft", "published"]
    published_at: datetime | None
    entries: list[EntryOut]


class WeekOut(Schema):
    week: str
    monday: date
    items: list[RosterOut]


class OnDutyFilters(Schema):
    community_id: Id
    at: Moment | None = Field(None, description="The moment asked about; default: now.")
    post: str | None = Field(
        None, min_length=1, max_length=40, pattern=POST_CODE_PATTERN, description="A post code."
    )


class DutyOut(Schema):
    person: str
    username: str
    post: str = Field(description="The post's code.")
    post_title: str
    department: str
    shift: str = Field(description="The shift's code.")
    shift_name: str
    starts_at: datetime
    ends_at: datetime
    covering: bool = Field(description="Taking a colleague's shift (a swap or a cover).")
    covering_for: str | None = None


class OnDutyOut(Schema):
    at: datetime
    items: list[DutyOut]


def _entry(entry: RosterEntry) -> dict:
    change = getattr(entry, "change", None)
    return {
        "id": entry.pk,
        "person": queries.person_name(entry.user),
        "username": entry.user.username,
        "date": entry.date,
        "shift": entry.shift.code,
        "starts_at": entry.starts_at,
        "ends_at": entry.ends_at,
        "status": change.kind if change else "rostered",
        "covered_by": change.covered_by.username if change and change.covered_by else None,
    }


@router.get(
    "/rosters",
    response={200: WeekOut, **errors()},
    summary="A week's rosters of a community, post by post, with each person's shifts",
)
def roster_list(request, filters: Query[RosterFilters]):
    policy.require_perm(request.auth, "roster.view", filters.community_id)
    year, week = filters.week.split("-W")
    try:
        monday = date.fromisocalendar(int(year), int(week), 1)
    except ValueError as error:
        raise ValidationError({"week": [_("This year has no such week.")]}) from error
    rows = Roster.objects.filter(community_id=filters.community_id, week=monday)
    if not policy.has_perm(request.auth, "roster.plan", filters.community_id):
        rows = rows.filter(status=RosterStatus.PUBLISHED)
    rows = rows.select_related("post__department").order_by(
        "post__department__order", "post__order", "pk"
    )
    rosters = list(rows)
    entries: dict[int, list] = {r.pk: [] for r in rosters}
    for entry in (
        RosterEntry.objects.filter(roster__in=rosters)
        .select_related("user", "shift", "change__covered_by")
        .order_by("date", "starts_at", "pk")
    ):
        entries[entry.roster_id].append(_entry(entry))
    return {
        "week": week_label(monday),
        "monday": monday,
        "items": [
            {
                "id": r.pk,
                "post": r.post.code,
                "post_title": r.post.title,
                "week": week_label(r.week),
                "status": r.status,
                "published_at": r.published_at,
                "entries": entries[r.pk],
            }
            for r in rosters
        ],
    }


@router.get(
    "/on-duty",
    response={200: OnDutyOut, **errors()},
    summary="Who is on duty at a moment (now by default) by the published rosters",
)
def on_duty(request, filters: Query[OnDutyFilters]):
    policy.require_perm(request.auth, "roster.view", filters.community_id)
    at = filters.at or timezone.now()
    if timezone.is_naive(at):
        at = timezone.make_aware(at)
    if not 2001 <= at.year <= 2099 or not 2001 <= at.astimezone(UTC).year <= 2099:
        raise ValidationError({"at": [_("Give a moment between the years 2001 and 2099.")]})
    post = None
    if filters.post:
        post = Post.objects.filter(community_id=filters.community_id, code=filters.post).first()
        if post is None:
            raise ValidationError(
                {"post": [not_found(_("No post of this community has this code."))]}
            )
    items = []
    for duty in queries.on_duty(filters.community_id, at, post):
        items.append(
            {
                "person": queries.person_name(duty.user),
                "username": duty.user.username,
                "post": duty.post.code,
                "post_title": duty.post.title,
                "department": duty.post.department.name,
                "shift": duty.shift.code,
                "shift_name": duty.shift.name,
                "starts_at": duty.entry.starts_at,
                "ends_at": duty.entry.ends_at,
                "covering": duty.covering,
                "covering_for": duty.entry.user.username if duty.covering else None,
            }
        )
    return {"at": at, "items": items}
