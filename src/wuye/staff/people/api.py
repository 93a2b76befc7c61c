"""API: the staff of a community with their posts, departments and certificates' validity
(a stable contract: `GET /api/v1/staff?community_id=`)."""

from __future__ import annotations

from datetime import date
from typing import Literal

from django.shortcuts import get_object_or_404
from ninja import Field, Query, Router, Schema

from wuye.core import policy
from wuye.core.api import Id, Page, PageParams, errors, text_in
from wuye.core.models import Community

from . import queries

router = Router(tags=["staff"])

State = Literal["valid", "expiring", "expired", "missing", "none"]
CertificateValidity = Literal["valid", "expiring", "expired"]


class CertificateOut(Schema):
    kind: str
    number: str
    valid_until: date | None
    state: CertificateValidity = Field(description="valid; expiring within 60 days; or expired.")


class PostRef(Schema):
    id: int
    code: str
    title: str
    since: date


class DepartmentRef(Schema):
    id: int
    name: str
    kind: str


class StaffOut(Schema):
    user_id: int
    username: str
    name: str
    roles: list[str]
    post: PostRef | None
    department: DepartmentRef | None
    certificates: list[CertificateOut]
    missing_certificates: list[str] = Field(
        description="Certificates the post requires that the person has no valid one of."
    )
    certificate_state: State = Field(
        description="The worst of the person's: missing (a required one), expired, expiring "
        "within 60 days, valid; none when they hold none and need none."
    )


class StaffFilters(Schema):
    community_id: Id
    department_id: Id | None = None
    post_id: Id | None = None
    certificate_state: State | None = None
    q: text_in(60) = Field("", description="Part of the name or username.")


def _out(row: queries.StaffRow) -> dict:
    return {
        "user_id": row.user.pk,
        "username": row.user.get_username(),
        "name": row.name,
        "roles": row.roles,
        "post": {
            "id": row.post.pk,
            "code": row.post.code,
            "title": row.post.title,
            "since": row.assignment.started_on,
        }
        if row.post
        else None,
        "department": {
            "id": row.department.pk,
            "name": row.department.name,
            "kind": row.department.kind,
        }
        if row.department
        else None,
        "certificates": [
            {
                "kind": c.certificate.kind,
                "number": c.certificate.number,
                "valid_until": c.certificate.valid_until,
                "state": c.state,
            }
            for c in row.certificates
        ],
        "missing_certificates": row.missing,
        "certificate_state": row.state,
    }


@router.get(
    "/staff",
    response={200: Page[StaffOut], **errors()},
    summary="The staff of a community with their posts and certificates' validity",
)
def staff_list(request, filters: Query[StaffFilters], paging: Query[PageParams]):
    policy.require_perm(request.auth, "staff.view", filters.community_id)
    community = get_object_or_404(Community, pk=filters.community_id)
    rows = queries.staff_rows(
        community,
        department_id=filters.department_id,
        post_id=filters.post_id,
        state=filters.certificate_state,
        text=filters.q,
    )
    offset = (paging.page - 1) * paging.limit if paging.page else paging.offset
    return {"count": len(rows), "items": [_out(r) for r in rows[offset : offset + paging.limit]]}
