"""The manager's dashboard of the customer center: the indicators of a month, quarter or year
against the community's standard, with charts drawn on the server (no JavaScript)."""

from __future__ import annotations

from datetime import timedelta

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils import timezone

from wuye.core.params import QueryParams
from wuye.core.web import community_for

from . import charts, exceptions, queries
from .extra import extra_measures


def _table(result: queries.Indicators, groups: list[queries.Group]) -> list[dict]:
    return [
        {
            "label": g.label,
            "orders": g.tally.counts["orders"],
            "measures": g.tally.measures(result.targets, result.homes),
        }
        for g in groups
        if g.tally.counts["orders"]
    ]


@login_required
def dashboard(request, community_id: int):
    community = community_for(request, community_id, queries.PERMISSION)
    asked = QueryParams(request)
    kind = asked.choice("period", queries.PERIODS, "month")
    start, end = queries.period_bounds(kind, asked.day("on", timezone.localdate()))
    result = queries.service_indicators(community, start, end)
    return render(
        request,
        "servicedesk/indicators/dashboard.html",
        {
            "community": community,
            "result": result,
            "exceptions": exceptions.todays_exceptions(request.user, community),
            "kind": kind,
            "periods": queries.PERIODS.items(),
            "start": start,
            "last_day": end - timedelta(days=1),
            "previous": queries.period_bounds(kind, start - timedelta(days=1))[0],
            "next": end,
            "measures": [
                *result.measures,
                *extra_measures(community, start, end - timedelta(days=1)),
            ],
            "trend_chart": charts.trend(result),
            "volume_chart": charts.volume(result),
            "category_chart": charts.against_target(
                result, result.categories, "resolution", _label(result, "resolution")
            ),
            "team_chart": charts.against_target(
                result, result.teams, "resolution", _label(result, "resolution")
            ),
            "categories": _table(result, result.categories),
            "teams": _table(result, result.teams),
        },
    )


def _label(result: queries.Indicators, key: str) -> str:
    return str(result.total.measure(key, result.targets, result.homes).label)
