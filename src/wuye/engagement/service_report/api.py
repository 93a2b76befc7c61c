"""API: the management service report (管理服务报告) of a community's month or quarter."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Literal

from django.http import Http404
from ninja import Field, Router, Schema

from wuye.core import policy
from wuye.core.api import QUARTER_PATTERN, Id, errors
from wuye.core.models import Community

from . import queries

router = Router(tags=["engagement"])

ReportPeriod = Annotated[
    str,
    Field(
        pattern=QUARTER_PATTERN,
        examples=["2026-10", "2026-Q3"],
        description="A month (YYYY-MM) or a quarter (YYYY-Qn).",
    ),
]


class FigureOut(Schema):
    label: str
    value: str
    target: str
    met: bool | None = Field(description="Whether the target is met; null without a target.")


class ChartOut(Schema):
    title: str
    labels: list[str]
    series: dict[str, list[float]]
    kind: Literal["bar", "line"]


class SectionOut(Schema):
    key: str
    title: str
    figures: list[FigureOut]
    chart: ChartOut | None
    note: str


class ServiceReportOut(Schema):
    community_id: int
    period: str
    label: str
    published_at: datetime | None = Field(
        description="When the report was published to the owners; null if not yet."
    )
    sections: list[SectionOut]


@router.get(
    "/reports/service",
    response={200: ServiceReportOut, **errors(400, 401, 403, 404, 422)},
    summary="Management service report of a month or quarter: staff read today's figures, "
    "residents the report as published to them",
)
def service_report(request, community_id: Id, period: ReportPeriod):
    user = request.auth
    community = Community.objects.filter(pk=community_id).first()
    asked = queries.parse_period(period)
    staff = community is not None and policy.has_perm(user, queries.VIEW, community.pk)
    if community is None or not (staff or community.pk in queries.resident_community_ids(user)):
        raise Http404
    published = queries.published_report(community.pk, asked)
    if staff:
        data = queries.report_data(community, asked)
    elif published is None:
        raise Http404
    else:
        data = [queries.section_data(s) for s in queries.frozen_sections(published)]
    return {
        "community_id": community.pk,
        "period": queries.period_code(asked),
        "label": str(asked.label),
        "published_at": published.published_at if published else None,
        "sections": data,
    }
