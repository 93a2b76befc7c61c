"""The dashboard's charts, in the house style of `wuye.core.charts`."""

from __future__ import annotations

import pygal
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from wuye.core.charts import GREEN, RED, config, inline_svg

from .queries import Group, Indicators

TREND = ("response", "resolution", "callback", "satisfaction")


def _config(**options) -> dict:
    return config(no_data_text=_("No orders in this period"), **options)


def _percent(value) -> float | None:
    return None if value is None else float(value)


def _week_labels(result: Indicators) -> list[str]:
    return [g.key.strftime("%m-%d") for g in result.weeks]


def trend(result: Indicators) -> SafeString:
    """The main rates week by week, with the satisfaction target as a dashed line."""
    chart = pygal.Line(
        **_config(
            height=320,
            width=900,
            range=(0, 100),
            allow_interruptions=True,
            x_label_rotation=0,
            show_minor_x_labels=False,
            x_labels_major_every=max(1, len(result.weeks) // 12),
            dots_size=2,
            value_formatter=lambda v: f"{v:.1f} %",
        )
    )
    chart.x_labels = _week_labels(result)
    labels = {}
    for key in TREND:
        series = result.series(result.weeks, key)
        labels[key] = str(series[0][1].label) if series else key
        chart.add(labels[key], [_percent(m.value) for _g, m in series])
    chart.add(
        _("Satisfaction target"),
        [float(result.targets.satisfaction)] * len(result.weeks),
        stroke_style={"dasharray": "6, 4", "width": 1.5},
        show_dots=False,
    )
    return inline_svg(chart, _("Service rates by week, in per cent"))


def volume(result: Indicators) -> SafeString:
    """Orders and complaints received, week by week (the seasons show here)."""
    chart = pygal.Bar(
        **_config(
            height=260,
            width=900,
            show_minor_x_labels=False,
            x_labels_major_every=max(1, len(result.weeks) // 12),
        )
    )
    chart.x_labels = _week_labels(result)
    chart.add(_("Orders"), [g.tally.counts["orders"] for g in result.weeks])
    chart.add(_("Complaints"), [g.tally.counts["complaints"] for g in result.weeks])
    return inline_svg(chart, _("Orders and complaints received by week"))


def against_target(result: Indicators, groups: list[Group], key: str, title: str) -> SafeString:
    """One rate per group as horizontal bars: green where it meets its target, red where not."""
    # Groups with nothing to measure (no deadline of this kind) are left out.
    measures = [(g, m) for g, m in result.series(groups, key) if m.value is not None]
    chart = pygal.HorizontalBar(
        **_config(
            height=max(140, 36 * len(measures) + 60),
            width=900,
            range=(0, 100),
            show_legend=False,
            print_values=True,
            value_formatter=lambda v: f"{v:.1f} %",
        )
    )
    chart.x_labels = [str(g.label) for g, _m in measures]
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
    return inline_svg(chart, title)
