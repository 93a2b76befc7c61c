"""The readings of an equipment item over time (读数趋势): one line per checklist question,
its normal range named in the legend."""

from __future__ import annotations

import pygal
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from wuye.core.charts import Layout, config, label_every, responsive


def readings_chart(equipment, readings) -> SafeString:
    days = sorted({r.read_on for r in readings})
    by_item: dict[int, dict] = {}
    for r in readings:
        line = by_item.setdefault(r.item_id, {"item": r.item, "values": {}})
        line["values"][r.read_on] = float(r.number)

    def draw(layout: Layout):
        chart = pygal.Line(
            **config(
                layout=layout,
                no_data_text=_("No readings yet"),
                height=360 if layout.phone else 320,
                show_y_guides=True,
                allow_interruptions=True,
                x_label_rotation=0,
                show_minor_x_labels=False,
                value_formatter=lambda value: f"{value:g}",
            )
        )
        labels = [d.strftime("%m-%d") for d in days]
        chart.x_labels = labels
        step = label_every(len(labels), layout)
        chart.x_labels_major = labels[::step]
        for line in by_item.values():
            item = line["item"]
            name = f"{item.question} ({item.unit})" if item.unit else item.question
            if item.min_value is not None or item.max_value is not None:
                low = f"{item.min_value:g}" if item.min_value is not None else "—"
                high = f"{item.max_value:g}" if item.max_value is not None else "—"
                name = f"{name} [{low}–{high}]"
            chart.add(name, [line["values"].get(d) for d in days])
        return chart

    return responsive(draw, _("Readings of %(equipment)s over time") % {"equipment": equipment})
