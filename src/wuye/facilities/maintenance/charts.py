"""The readings of an equipment item over time (读数趋势): one chart per checklist question,
each on its own scale, its normal range named in the legend."""

from __future__ import annotations

import pygal
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from wuye.core.charts import HALF, Layout, config, label_every, responsive


def readings_charts(equipment, readings) -> list[tuple[str, SafeString]]:
    """(question, chart) for each question read on `equipment`, in checklist order."""
    lines: dict[int, dict] = {}
    for r in readings:
        line = lines.setdefault(r.item_id, {"item": r.item, "points": []})
        line["points"].append((r.read_on, float(r.number)))
    ordered = sorted(lines.values(), key=lambda line: (line["item"].order, line["item"].pk))
    return [(line["item"].question, _chart(equipment, line)) for line in ordered]


def _chart(equipment, line) -> SafeString:
    item, points = line["item"], line["points"]
    name = f"{item.question} ({item.unit})" if item.unit else item.question
    if item.range_text:
        name = f"{name} [{item.range_text}]"

    def draw(layout: Layout):
        chart = pygal.Line(
            **config(
                layout=layout,
                no_data_text=_("No readings yet"),
                height=300 if layout.phone else 260,
                show_y_guides=True,
                show_minor_x_labels=False,
                value_formatter=lambda value: f"{value:g}",
            )
        )
        labels = [day.strftime("%m-%d") for day, _value in points]
        chart.x_labels = labels
        chart.x_labels_major = labels[:: label_every(len(labels), layout)]
        chart.add(name, [value for _day, value in points])
        return chart

    return responsive(
        draw,
        _("Readings of %(equipment)s over time") % {"equipment": equipment} + f": {item.question}",
        HALF,
    )
