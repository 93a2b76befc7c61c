"""The manager's dashboard of the customer center: the indicators of a month, quarter or year
against the community's standard, with charts drawn on the server (no JavaScript)."""

from __future__ import annotations

from datetime import date, timedelta

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils import timezone

from wuye.core.web import community_for

from . import charts, indicators


def _day(value: str | None) -> date:
    try:
        return date.fromisoformat(value or "")
    except ValueError:
        return timezone.localdate()


def _table(result: indicators.Indicators, groups: list[indicators.Group]) -> list[dict]:
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
    community = community_for(request, community_id, indicators.PERMISSION)
    kind = request.GET.get("period")
    if kind not in indicators.PERIODS:
        kind = "month"
    start, end = indicators.period_bounds(kind, _day(request.GET.get("on")))
    result = indicators.service_indicators(community, start, end)
    return render(
        request,
        "servicedesk/dashboard.html",
        {
            "community": community,
            "result": result,
            "kind": kind,
            "periods": indicators.PERIODS.items(),
            "start": start,
            "last_day": end - timedelta(days=1),
            "previous": indicators.period_bounds(kind, start - timedelta(days=1))[0],
            "next": end,
            "measures": result.measures,
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


def _label(result: indicators.Indicators, key: str) -> str:
    return str(result.total.measure(key, result.targets, result.homes).label)
