"""The caller's messages: read them newest first with the unread count, mark them read."""

from __future__ import annotations

from datetime import datetime

from django.shortcuts import get_object_or_404
from ninja import Field, Query, Router, Schema

from ..api import Id, PageParams, errors, paginate
from ..models import Notification
from . import services

router = Router(tags=["messages"])


class NotificationOut(Schema):
    id: int
    kind: str = Field(description="The kind's name, e.g. servicedesk.dispatched.")
    kind_label: str
    subject: str
    body: str
    link: str = Field(description="The page of what the message is about, or empty.")
    community_id: int | None
    about_type: str | None = Field(description="What it is about, e.g. servicedesk.workorder.")
    about_id: int | None
    created_at: datetime
    read_at: datetime | None
    read: bool


class NotificationPage(Schema):
    count: int
    unread: int = Field(description="How many of the caller's messages are unread.")
    items: list[NotificationOut]


class NotificationFilters(Schema):
    unread_only: bool = Field(False, description="Only the unread messages.")


class ReadAllOut(Schema):
    marked: int = Field(description="How many messages were unread and are now read.")
    unread: int


def _out(message: Notification) -> dict:
    return {
        "id": message.pk,
        "kind": message.kind,
        "kind_label": services.kind_label(message.kind),
        "subject": message.subject,
        "body": message.body,
        "link": message.link,
        "community_id": message.community_id,
        "about_type": (
            f"{message.about_type.app_label}.{message.about_type.model}"
            if message.about_type_id
            else None
        ),
        "about_id": message.about_id,
        "created_at": message.created_at,
        "read_at": message.read_at,
        "read": message.read_at is not None,
    }


@router.get(
    "/notifications",
    response={200: NotificationPage, **errors(401, 422)},
    summary="My messages, newest first, with how many are unread",
)
def notification_list(
    request, filters: Query[NotificationFilters], paging: Query[PageParams]
) -> dict:
    rows = services.notifications_of(request.auth).select_related("about_type")
    if filters.unread_only:
        rows = rows.filter(read_at__isnull=True)
    count, items = paginate(rows, paging)
    return {
        "count": count,
        "unread": services.unread_count(request.auth),
        "items": [_out(m) for m in items],
    }


@router.post(
    "/notifications/read-all",
    response={200: ReadAllOut, **errors(401)},
    summary="Mark all my messages read",
)
def notification_read_all(request) -> dict:
    marked = services.notifications_read_all(actor=request.auth)
    return {"marked": marked, "unread": 0}


@router.post(
    "/notifications/{notification_id}/read",
    response={200: NotificationOut, **errors(401, 404, 422)},
    summary="Mark one of my messages read (another person's is not found)",
)
def notification_read(request, notification_id: Id) -> dict:
    rows = services.notifications_of(request.auth).select_related("about_type")
    message = get_object_or_404(rows, pk=notification_id)
    return _out(services.notification_read(actor=request.auth, notification=message))
