"""API: the post board at a moment (now by default): every security post with its rule
(headcount and required certificates), who stands it by the published rosters, and its
gaps."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from django.shortcuts import get_object_or_404
from django.utils import timezone
from ninja import Field, Query, Router, Schema
from pydantic import field_validator

from wuye.core import policy
from wuye.core.api import Id, Moment, errors
from wuye.core.models import Community

from . import queries

router = Router(tags=["posts"])

Gap = Literal["nobody", "under", "uncertified"]


class BoardFilters(Schema):
    community_id: Id
    at: Moment | None = Field(
        None, description="The moment of the board (years 2001–2099); default: now."
    )

    @field_validator("at")
    @classmethod
    def _within_the_years(cls, value):
        if value is not None and not 2001 <= value.year <= 2099:
            raise ValueError("Enter a moment of the years 2001 to 2099.")
        return value


class PersonOut(Schema):
    user_id: int
    name: str
    covering: bool
    starts_at: datetime
    ends_at: datetime
    missing_certificates: list[str]


class PostRowOut(Schema):
    post_id: int
    code: str
    title: str
    headcount: int
    required_certificates: list[str]
    staffed: bool
    present: int
    certified: int
    status: Literal["ok", "gap", "off"]
    gaps: list[Gap]
    people: list[PersonOut]


class BoardOut(Schema):
    community_id: int
    at: datetime
    posts: list[PostRowOut]


@router.get(
    "/security-posts/board",
    response={200: BoardOut, **errors()},
    summary="Who stands each security post at a moment, against its headcount and certificates",
)
def security_post_board(request, filters: Query[BoardFilters]):
    policy.require_perm(request.auth, "post.board", filters.community_id)
    community = get_object_or_404(Community, pk=filters.community_id)
    at = filters.at or timezone.now()
    if timezone.is_naive(at):
        at = timezone.make_aware(at)
    rows = queries.board(community, at)
    return {
        "community_id": community.pk,
        "at": at,
        "posts": [
            {
                "post_id": row.post.pk,
                "code": row.post.code,
                "title": row.post.title,
                "headcount": row.headcount,
                "required_certificates": row.required,
                "staffed": row.staffed,
                "present": row.present,
                "certified": row.certified,
                "status": row.status,
                "gaps": row.gaps,
                "people": [
                    {
                        "user_id": p.user.pk,
                        "name": p.name,
                        "covering": p.covering,
                        "starts_at": p.starts_at,
                        "ends_at": p.ends_at,
                        "missing_certificates": p.missing,
                    }
                    for p in row.people
                ],
            }
            for row in rows
        ],
    }
