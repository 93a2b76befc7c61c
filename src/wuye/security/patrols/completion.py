"""How the patrols were walked: the points of the last days by outcome (on time, early, late,
missed), by day and by route, counted in two queries and charted as stacked bars."""

from __future__ import annotations

import copy
from datetime import date, timedelta

import pygal
from django.db.models import Count
from django.utils import formats
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from wuye.core.charts import GREEN, GREY, RED, Layout, config, label_every, label_room, responsive
from wuye.core.charts import wrap as wrap_label

from .models import PointStatus, TaskPoint

OUTCOMES = [PointStatus.ON_TIME, PointStatus.EARLY, PointStatus.LATE, PointStatus.MISSED]
COLOURS = (GREEN, "#0d6efd", "#fd7e14", RED, GREY)
PERIODS = (14, 30)


def _row(label, counts: dict) -> dict:
    total = sum(counts.get(o, 0) for o in OUTCOMES)
    cells = [
        {
            "outcome": outcome,
            "count": counts.get(outcome, 0),
            "percent": round(100 * counts.get(outcome, 0) / total) if total else None,
        }
        for outcome in OUTCOMES
    ]
    return {"label": label, "cells": cells, "total": total}


def completion(community_id: int, *, today: date, days: int = 14) -> dict:
    """The points of the community's tasks of the `days` days up to `today` whose outcome is
    known, by day (every day, those without a task at zero) and by route."""
    first = today - timedelta(days=days - 1)
    points = TaskPoint.objects.filter(
        task__community_id=community_id,
        task__date__gte=first,
        task__date__lte=today,
        status__in=OUTCOMES,
    )
    by_day: dict[date, dict] = {first + timedelta(days=n): {} for n in range(days)}
    for day, outcome, count in (
        points.values_list("task__date", "status").annotate(n=Count("pk")).order_by()
    ):
        by_day[day][outcome] = count
    by_route: dict[tuple[str, int], dict] = {}
    for name, route_id, outcome, count in (
        points.values_list("task__plan__route__name", "task__plan__route_id", "status")
        .annotate(n=Count("pk"))
        .order_by()
    ):
        by_route.setdefault((name, route_id), {})[outcome] = count
    totals: dict = {}
    for counts in by_day.values():
        for outcome, count in counts.items():
            totals[outcome] = totals.get(outcome, 0) + count
    return {
        "first": first,
        "last": today,
        "days": [_row(day, counts) for day, counts in by_day.items()],
        "routes": [_row(name, by_route[(name, pk)]) for name, pk in sorted(by_route)],
        "total": _row(_("All routes"), totals),
    }


def _coloured(layout: Layout):
    """The layout's style with the outcomes' colours: green on time, red missed."""
    style = copy.copy(layout.style)
    style.colors = COLOURS
    return style


def _labels() -> dict:
    return dict(PointStatus.choices)


def by_day_chart(report: dict) -> SafeString:
    """Points by outcome each day, stacked."""
    rows = report["days"]
    names = _labels()

    def draw(layout: Layout):
        chart = pygal.StackedBar(
            **config(
                layout=layout,
                no_data_text=_("No patrol point was due in these days"),
                height=300 if layout.phone else 320,
                show_y_guides=True,
                show_minor_x_labels=False,
                x_labels_major_every=label_every(len(rows), layout),
                legend_at_bottom_columns=2 if layout.phone else 4,
                style=_coloured(layout),
            )
        )
        chart.x_labels = [formats.date_format(row["label"], "m-d") for row in rows]
        if any(row["total"] for row in rows):
            for n, outcome in enumerate(OUTCOMES):
                chart.add(str(names[outcome]), [row["cells"][n]["count"] for row in rows])
        return chart

    return responsive(draw, _("Patrol points each day by outcome"))


def by_route_chart(report: dict) -> SafeString:
    """Points by outcome on each route, stacked, one bar a route."""
    rows = report["routes"]
    names = _labels()

    def draw(layout: Layout):
        chart = pygal.HorizontalStackedBar(
            **config(
                layout=layout,
                no_data_text=_("No patrol point was due in these days"),
                height=max(180, 60 + 44 * len(rows)),
                show_x_guides=True,
                legend_at_bottom_columns=2 if layout.phone else 4,
                style=_coloured(layout),
            )
        )
        chart.x_labels = [wrap_label(str(row["label"]), label_room(layout)) for row in rows]
        if any(row["total"] for row in rows):
            for n, outcome in enumerate(OUTCOMES):
                chart.add(str(names[outcome]), [row["cells"][n]["count"] for row in rows])
        return chart

    return responsive(draw, _("Patrol points on each route by outcome"))
