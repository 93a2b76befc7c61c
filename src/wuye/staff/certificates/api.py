"""API: a community's certificates, those expiring within a number of days if asked."""

from __future__ import annotations

from datetime import date

from django.utils import timezone
from ninja import Field, Query, Router, Schema

from wuye.core import policy
from wuye.core.api import Id, Page, PageParams, errors, paginate

from . import queries

router = Router(tags=["staff"])


class CertificateOut(Schema):
    id: int
    holder_id: int
    holder: str
    kind: str
    number: str
    valid_until: date | None
    days_left: int | None = Field(description="Days until it expires; negative once expired.")


class CertificateFilters(Schema):
    community_id: Id
    expiring_within_days: int | None = Field(
        None,
        ge=0,
        le=3650,
        description="Only those valid today and expiring within this many days.",
    )


@router.get(
    "/certificates",
    response={200: Page[CertificateOut], **errors()},
    summary="A community's certificates, the expired first, then by expiry",
)
def certificate_list(request, filters: Query[CertificateFilters], paging: Query[PageParams]):
    policy.require_perm(request.auth, "certificate.view", filters.community_id)
    today = timezone.localdate()
    rows = queries.certificate_list(
        filters.community_id, today, expiring_within_days=filters.expiring_within_days
    )
    count, items = paginate(rows, paging)
    return {
        "count": count,
        "items": [
            {
                "id": c.pk,
                "holder_id": c.user_id,
                "holder": c.user.get_full_name() or c.user.username,
                "kind": c.kind,
                "number": c.number,
                "valid_until": c.valid_until,
                "days_left": queries.days_left(c, today),
            }
            for c in items
        ],
    }
