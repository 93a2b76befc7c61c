"""API: the customer center's indicators of a community over a period (managers, supervisors)."""

from __future__ import annotations

from datetime import date, timedelta

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema

from wuye.core.api import DateIn, Id, errors
from wuye.estates.queries import communities_visible_to

from . import queries

router = Router(tags=["work orders"])


class PeriodIn(Schema):
    date_from: DateIn | None = Field(None, alias="from", description="First day (YYYY-MM-DD).")
    date_to: DateIn | None = Field(None, alias="to", description="Last day, included.")


class MeasureOut(Schema):
    key: str
    label: str
    value: float | None = Field(description="Per cent (per 100 homes for complaints).")
    numerator: int
    denominator: int
    target: float | None
    bound: str = Field(description="min: the value must reach the target; max: stay below it.")
    met: bool | None


class GroupOut(Schema):
    key: str
    label: str
    orders: int
    measures: list[MeasureOut]


class IndicatorsOut(Schema):
    community_id: int
    date_from: date = Field(alias="from")
    date_to: date = Field(alias="to")
    homes: int
    orders: int
    escalated: int
    measures: list[MeasureOut]
    weeks: list[GroupOut]
    categories: list[GroupOut]
    teams: list[GroupOut]


def _measure(m: queries.Measure) -> dict:
    return {
        "key": m.key,
        "label": str(m.label),
        "value": None if m.value is None else float(m.value),
        "numerator": m.numerator,
        "denominator": m.denominator,
        "target": None if m.target is None else float(m.target),
        "bound": m.bound,
        "met": m.met,
    }


def _groups(result: queries.Indicators, groups: list[queries.Group]) -> list[dict]:
    return [
        {
            "key": "" if g.key is None else str(g.key),
            "label": str(g.label),
            "orders": g.tally.counts["orders"],
            "measures": [_measure(m) for m in g.tally.measures(result.targets, result.homes)],
        }
        for g in groups
    ]


@router.get(
    "/communities/{community_id}/service-indicators",
    # The id clients were generated with, from when this module was `api_indicators`.
    operation_id="wuye_servicedesk_api_indicators_service_indicators",
    response={200: IndicatorsOut, **errors(400, 401, 403, 404, 422)},
    by_alias=True,
    summary="Service indicators of the orders received in a period, against the standard",
)
def service_indicators(request, community_id: Id, period: Query[PeriodIn]):
    community = get_object_or_404(communities_visible_to(request.auth), pk=community_id)
    if not queries.may_view(request.auth, community.pk):
        raise PermissionDenied(_("You may not do this."))
    start, end = queries.checked_period(period.date_from, period.date_to)
    result = queries.service_indicators(community, start, end)
    return {
        "community_id": community.pk,
        "from": start,
        "to": end - timedelta(days=1),
        "homes": result.homes,
        "orders": result.total.counts["orders"],
        "escalated": result.total.counts["escalated"],
        "measures": [_measure(m) for m in result.measures],
        "weeks": _groups(result, result.weeks),
        "categories": _groups(result, result.categories),
        "teams": _groups(result, result.teams),
    }
