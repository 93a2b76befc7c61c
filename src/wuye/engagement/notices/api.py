"""API: notices (公告) to the residents, with read receipts."""

from __future__ import annotations

from datetime import date, datetime
from typing import Literal

from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status

from wuye.core import policy
from wuye.core.api import (
    Body,
    DateIn,
    Id,
    IdIn,
    Page,
    PageParams,
    column_text,
    errors,
    paginate,
)
from wuye.core.models import Community
from wuye.core.validators import not_found
from wuye.estates.models import Building

from ..models import Notice
from . import queries, services

router = Router(tags=["engagement"])


class NoticeIn(Body):
    community_id: IdIn
    kind: Literal["general", "outage", "emergency", "policy", "fee_publicity"] = "general"
    title: column_text(Notice, "title")
    body: column_text(Notice, "body")
    building_ids: list[IdIn] = Field([], max_length=500, description="Empty: the whole community.")
    pinned_until: DateIn | None = None
    expires_on: DateIn | None = None


class NoticeOut(Schema):
    id: int
    community_id: int
    kind: str
    title: str
    body: str
    building_ids: list[int]
    pinned_until: date | None
    expires_on: date | None
    published_at: datetime | None
    status: Literal["draft", "published", "expired", "withdrawn"]
    read: bool = Field(description="Whether the caller has read it.")
    read_count: int | None = Field(description="Residents who have read it (staff only).")


class NoticeFilters(Schema):
    community_id: Id = None
    kind: Literal["general", "outage", "emergency", "policy", "fee_publicity"] = None
    past: bool = Field(
        False,
        description="The archive instead: published notices that have expired, newest first "
        "(withdrawn ones are not in it).",
    )


def _notice_out(notice: Notice, staff_ids: set[int]) -> dict:
    return {
        "id": notice.pk,
        "community_id": notice.community_id,
        "kind": notice.kind,
        "title": notice.title,
        "body": notice.body,
        "building_ids": sorted(b.pk for b in notice.buildings.all()),
        "pinned_until": notice.pinned_until,
        "expires_on": notice.expires_on,
        "published_at": notice.published_at,
        "status": notice.status,
        "read": notice.read_by_me,
        "read_count": notice.read_count if notice.community_id in staff_ids else None,
    }


def _staff_ids(user) -> set[int]:
    return set(policy.community_ids_with(user, "notice.change"))


def _notice(user, notice_id: int) -> Notice:
    visible = queries.with_reads(queries.notices_visible_to(user), user)
    return get_object_or_404(visible, pk=notice_id)


@router.get(
    "/notices",
    response={200: Page[NoticeOut], **errors()},
    summary="Notices the caller may see: pinned first, then the newest (past=true: the archive)",
)
def notice_list(request, filters: Query[NoticeFilters], paging: Query[PageParams]):
    notices = queries.notices_visible_to(request.auth, filters.community_id, past=filters.past)
    if filters.kind:
        notices = notices.filter(kind=filters.kind)
    notices = queries.with_reads(notices, request.auth)
    if filters.past:
        rows = notices.order_by("-published_at", "-pk")
    else:
        rows = queries.pinned_first(notices)
    count, items = paginate(rows, paging)
    staff_ids = _staff_ids(request.auth)
    return {"count": count, "items": [_notice_out(n, staff_ids) for n in items]}


@router.post("/notices", response={201: NoticeOut, **errors()}, summary="Write a notice (a draft)")
def notice_create(request, payload: NoticeIn):
    data = payload.model_dump()
    community = Community.objects.filter(pk=data.pop("community_id")).first()
    if community is None:
        raise ValidationError({"community_id": [not_found(_("Choose a community you work for."))]})
    policy.require_perm(request.auth, "notice.change", community.pk)
    building_ids = set(data.pop("building_ids"))
    buildings = list(Building.objects.filter(community=community, pk__in=building_ids))
    if len(buildings) != len(building_ids):
        raise ValidationError(
            {"building_ids": [not_found(_("Choose buildings of this community."))]}
        )
    notice = services.notice_save(
        actor=request.auth, community=community, data={**data, "buildings": buildings}
    )
    return Status(201, _notice_out(_notice(request.auth, notice.pk), _staff_ids(request.auth)))


@router.get("/notices/{notice_id}", response={200: NoticeOut, **errors()}, summary="A notice")
def notice_detail(request, notice_id: Id):
    notice = _notice(request.auth, notice_id)
    services.notice_mark_read(user=request.auth, notice=notice)
    return _notice_out(_notice(request.auth, notice_id), _staff_ids(request.auth))


@router.post(
    "/notices/{notice_id}/publish",
    response={200: NoticeOut, **errors()},
    summary="Publish a draft notice to its residents",
)
def notice_publish(request, notice_id: Id):
    notice = _notice(request.auth, notice_id)
    services.notice_publish(actor=request.auth, notice=notice)
    return _notice_out(_notice(request.auth, notice_id), _staff_ids(request.auth))


class WithdrawIn(Body):
    reason: column_text(Notice, "withdraw_reason", required=True)


@router.post(
    "/notices/{notice_id}/withdraw",
    response={200: NoticeOut, **errors()},
    summary="Take a published notice off the portal, with a reason",
)
def notice_withdraw(request, notice_id: Id, payload: WithdrawIn):
    notice = _notice(request.auth, notice_id)
    services.notice_withdraw(actor=request.auth, notice=notice, reason=payload.reason)
    return _notice_out(_notice(request.auth, notice_id), _staff_ids(request.auth))
