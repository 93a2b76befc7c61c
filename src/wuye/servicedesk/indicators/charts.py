"""The dashboard's charts, in the house style of `wuye.core.charts`."""

from __future__ import annotations

import pygal
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from wuye.core.charts import (
    GREEN,
    HALF,
    RED,
    HorizontalBar,
    Layout,
    config,
    label_every,
    label_room,
    lines_of,
    responsive,
    wrap,
)

from .queries import Group, Indicators

TREND = ("response", "resolution", "callback", "satisfaction")


def _config(layout: Layout, **options) -> dict:
    return config(layout=layout, no_data_text=_("No orders in this period"), **options)


def _percent(value) -> float | None:
    return None if value is None else float(value)


def _week_labels(result: Indicators) -> list[str]:
    return [g.key.strftime("%m-%d") for g in result.weeks]


def trend(result: Indicators) -> SafeString:
    """The main rates week by week, with the satisfaction target as a dashed line."""

    def draw(layout: Layout):
        chart = pygal.Line(
            **_config(
                layout,
                height=340 if layout.phone else 320,
                range=(0, 100),
                allow_interruptions=True,
                x_label_rotation=0,
                show_minor_x_labels=False,
                x_labels_major_every=label_every(len(result.weeks), layout),
                dots_size=2,
                value_formatter=lambda v: f"{v:.1f} %",
            )
        )
        chart.x_labels = _week_labels(result)
        for key in TREND:
            series = result.series(result.weeks, key)
            label = str(series[0][1].label) if series else key
            chart.add(label, [_percent(m.value) for _g, m in series])
        chart.add(
            _("Satisfaction target"),
            [float(result.targets.satisfaction)] * len(result.weeks),
            stroke_style={"dasharray": "6, 4", "width": 1.5},
            show_dots=False,
        )
        return chart

    return responsive(draw, _("Service rates by week, in per cent"))


def volume(result: Indicators) -> SafeString:
    """Orders and complaints received, week by week (the seasons show here)."""

    def draw(layout: Layout):
        chart = pygal.Bar(
            **_config(
                layout,
                height=260,
                show_minor_x_labels=False,
                x_labels_major_every=label_every(len(result.weeks), layout),
            )
        )
        chart.x_labels = _week_labels(result)
        chart.add(_("Orders"), [g.tally.counts["orders"] for g in result.weeks])
        chart.add(_("Complaints"), [g.tally.counts["complaints"] for g in result.weeks])
        return chart

    return responsive(draw, _("Orders and complaints received by week"))


def against_target(result: Indicators, groups: list[Group], key: str, title: str) -> SafeString:
    """One rate per group as horizontal bars: green where it meets its target, red where not."""
    # Groups with nothing to measure (no deadline of this kind) are left out.
    measures = [(g, m) for g, m in result.series(groups, key) if m.value is not None]

    def draw(layout: Layout):
        labels = [wrap(str(g.label), label_room(layout)) for g, _m in measures]
        chart = HorizontalBar(
            **_config(
                layout,
                height=max(140, 18 * lines_of(labels) + 18 * len(labels) + 60),
                range=(0, 100),
                show_legend=False,
                print_values=True,
                value_formatter=lambda v: f"{v:.1f} %",
            )
        )
        chart.x_labels = labels
        chart.add(
            title,
            [
                {
                    "value": _percent(m.value),
                    "color": GREEN if m.met else RED,
                    "label": f"{m.numerator} / {m.denominator}",
                }
                for _g, m in measures
            ],
        )
        return chart

    return responsive(draw, title, HALF)
