"""API: fund-usage publicity (财务公示) for what the caller may see.

Staff with `publicity.view` (the office, the cashier and the accountant) list their
communities' publications with drafts included; residents list the published ones of their
community. Lines come with a publication for staff and owners' committee members; everyone
else gets totals by category (`lines` is null).
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Literal

from django.shortcuts import get_object_or_404
from ninja import Field, Query, Router, Schema

from wuye.core.api import Id, Page, PageParams, errors, paginate

from ..models import FundPeriod
from . import queries

router = Router(tags=["engagement"])

Money = Annotated[str, Field(description="Yuan, two places, as a decimal string.")]


class CategoryTotal(Schema):
    side: Literal["income", "spending"]
    category: str
    label: str
    amount: Money


class LineOut(Schema):
    id: int
    side: Literal["income", "spending"]
    category: str
    description: str
    amount: Money
    source: Literal["manual", "billing"]


class PublicityOut(Schema):
    id: int
    community_id: int
    kind: Literal["month", "quarter", "half_year"]
    label: str
    start: date
    end: date = Field(description="The last day of the period.")
    status: Literal["draft", "published"]
    published_at: datetime | None
    corrects_id: int | None
    corrected_by_id: int | None = Field(description="Its published correction, if any.")
    income: Money
    spending: Money
    property_fees: Money
    common_area_income: Money
    common_area_costs: Money
    top_up_percent: str = Field(description="Share of common-area income after its costs.")
    maintenance_fund_top_up: Money
    totals: list[CategoryTotal]
    lines: list[LineOut] | None = Field(description="Staff and owners' committee members only.")


class PublicityFilters(Schema):
    community_id: Id = None
    status: Literal["draft", "published"] = None


def _money(value) -> str:
    return f"{value:.2f}"


def _out(period: FundPeriod, ledger: queries.Ledger, detail: bool) -> dict:
    corrected_by = getattr(period, "corrected_by", None)
    return {
        "id": period.pk,
        "community_id": period.community_id,
        "kind": period.kind,
        "label": str(period.label),
        "start": period.start,
        "end": period.last_day,
        "status": "published" if period.is_published else "draft",
        "published_at": period.published_at,
        "corrects_id": period.corrects_id,
        "corrected_by_id": corrected_by.pk
        if corrected_by is not None and corrected_by.published_at
        else None,
        "income": _money(ledger.income),
        "spending": _money(ledger.spending),
        "property_fees": _money(ledger.property_fees),
        "common_area_income": _money(ledger.common_area_income),
        "common_area_costs": _money(ledger.common_area_costs),
        "top_up_percent": _money(ledger.top_up_percent),
        "maintenance_fund_top_up": _money(ledger.top_up),
        "totals": [
            {
                "side": side["key"],
                "category": row["category"],
                "label": str(row["label"]),
                "amount": _money(row["amount"]),
            }
            for side in ledger.sides
            for row in side["rows"]
            if row["amount"]
        ],
        "lines": [
            {
                "id": line.pk,
                "side": line.side,
                "category": line.category,
                "description": line.description,
                "amount": _money(line.amount),
                "source": line.source,
            }
            for line in ledger.lines
        ]
        if detail
        else None,
    }


@router.get(
    "/publicity",
    response={200: Page[PublicityOut], **errors()},
    summary="Fund-usage periods the caller may see, newest first, with totals by category",
)
def publicity_list(request, filters: Query[PublicityFilters], paging: Query[PageParams]):
    periods = queries.publicity_visible_to(request.auth, filters.community_id)
    if filters.status == "draft":
        periods = periods.filter(published_at__isnull=True)
    elif filters.status == "published":
        periods = periods.filter(published_at__isnull=False)
    count, items = paginate(periods, paging)
    items = list(items)
    detail = {p.pk for p in items if queries.may_see_lines(request.auth, p)}
    ledgers = queries.ledgers(items, detail)
    return {"count": count, "items": [_out(p, ledgers[p.pk], p.pk in detail) for p in items]}


@router.get(
    "/publicity/{period_id}",
    response={200: PublicityOut, **errors()},
    summary="A fund-usage period: totals by category, and its lines for those who may see them",
)
def publicity_detail(request, period_id: Id):
    period = get_object_or_404(queries.publicity_visible_to(request.auth), pk=period_id)
    detail = queries.may_see_lines(request.auth, period)
    return _out(period, queries.ledger(period, with_lines=detail), detail)
