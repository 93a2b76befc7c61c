"""API: a community's contractors and its quality inspections (品质检查) of a month."""

from __future__ import annotations

from datetime import date
from typing import Literal

from django.utils import timezone
from ninja import Query, Router, Schema

from wuye.core import policy
from wuye.core.api import Id, Month, Page, PageParams, errors, paginate

from . import queries
from .models import ContractorKind

router = Router(tags=["contractors"])

Kind = Literal[tuple(ContractorKind.values)]  # type: ignore[valid-type]


class ContractOut(Schema):
    id: int
    scope: str
    starts_on: date
    ends_on: date
    monthly_fee: str
    sla: str
    pass_score: int


class ContractorOut(Schema):
    id: int
    community_id: int
    name: str
    kind: Kind
    licence_number: str
    contact: str
    overdue_deductions: int
    contracts: list[ContractOut]


class ContractorFilters(Schema):
    community_id: Id


class ScoreOut(Schema):
    item: str
    max_points: int
    points: int
    rectify_by: date | None
    rechecked_on: date | None
    rectified: bool | None
    overdue: bool


class InspectionOut(Schema):
    id: int
    contractor_id: int
    inspected_on: date
    score: int
    max_score: int
    scores: list[ScoreOut]


class InspectionFilters(Schema):
    community_id: Id
    month: Month | None = None


@router.get(
    "/contractors",
    response={200: Page[ContractorOut], **errors()},
    summary="A community's contractors with their contracts and overdue deductions",
)
def contractor_list(request, filters: Query[ContractorFilters], paging: Query[PageParams]):
    policy.require_perm(request.auth, "contractor.view", filters.community_id)
    rows = queries.contractor_list(
        queries.contractors_visible_to(request.auth, filters.community_id),
        timezone.localdate(),
    )
    count, items = paginate(rows, paging)
    return {
        "count": count,
        "items": [
            {
                "id": c.pk,
                "community_id": c.community_id,
                "name": c.name,
                "kind": c.kind,
                "licence_number": c.licence_number,
                "contact": c.contact,
                "overdue_deductions": c.overdue_count,
                "contracts": [
                    {
                        "id": k.pk,
                        "scope": k.scope,
                        "starts_on": k.starts_on,
                        "ends_on": k.ends_on,
                        "monthly_fee": f"{k.monthly_fee:.2f}",
                        "sla": k.sla,
                        "pass_score": k.pass_score,
                    }
                    for k in c.contracts.all()
                ],
            }
            for c in items
        ],
    }


@router.get(
    "/contractor-inspections",
    response={200: Page[InspectionOut], **errors()},
    summary="A community's quality inspections of contractors, latest first, by month",
)
def inspection_list(request, filters: Query[InspectionFilters], paging: Query[PageParams]):
    policy.require_perm(request.auth, "contractor.view", filters.community_id)
    month = None
    if filters.month:
        year, number = filters.month.split("-")
        month = date(int(year), int(number), 1)
    rows = queries.inspection_list(
        queries.inspections_visible_to(request.auth, filters.community_id), month
    ).prefetch_related("scores")
    count, items = paginate(rows, paging)
    today = timezone.localdate()
    return {
        "count": count,
        "items": [
            {
                "id": i.pk,
                "contractor_id": i.contractor_id,
                "inspected_on": i.inspected_on,
                "score": i.score,
                "max_score": i.max_score,
                "scores": [
                    {
                        "item": s.name,
                        "max_points": s.max_points,
                        "points": s.points,
                        "rectify_by": s.rectify_by,
                        "rechecked_on": s.rechecked_on,
                        "rectified": s.rectified,
                        "overdue": s.overdue(today),
                    }
                    for s in i.scores.all()
                ],
            }
            for i in items
        ],
    }
