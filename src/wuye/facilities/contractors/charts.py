"""The scorecard's trend: a contractor's average score month by month, with its contract's
pass score as a dashed line (drawn for a wide screen and for a phone, `core.charts`)."""

from __future__ import annotations

import pygal
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from wuye.core.charts import Layout, config, label_every, responsive

from .queries import MonthScore


def score_trend(months: list[MonthScore]) -> SafeString:
    def draw(layout: Layout):
        chart = pygal.Line(
            **config(
                no_data_text=_("No inspection in these months"),
                layout=layout,
                height=300 if layout.phone else 280,
                range=(0, 100),
                allow_interruptions=True,
                x_label_rotation=0,
                show_minor_x_labels=False,
                x_labels_major_every=label_every(len(months), layout),
                dots_size=3,
                value_formatter=lambda v: f"{v:.1f}",
            )
        )
        chart.x_labels = [m.month.strftime("%Y-%m") for m in months]
        if any(m.average is not None for m in months):
            chart.add(
                _("Average score"),
                [None if m.average is None else float(m.average) for m in months],
            )
            chart.add(
                _("Pass score"),
                [m.pass_score for m in months],
                stroke_style={"dasharray": "6, 4", "width": 1.5},
                show_dots=False,
            )
        return chart

    return responsive(draw, _("Average inspection score by month, out of 100"))
