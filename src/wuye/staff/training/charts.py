"""The training hours chart: each quarter's hours, stacked by department."""

from __future__ import annotations

import pygal
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from wuye.core.charts import Layout, config, responsive

from .queries import QUARTERS, DepartmentHours


def hours_by_quarter(rows: list[DepartmentHours], year: int) -> SafeString:
    def draw(layout: Layout):
        chart = pygal.StackedBar(
            **config(
                layout=layout,
                no_data_text=_("No training in this year"),
                height=360 if layout.phone else 340,
                show_y_guides=True,
                legend_at_bottom_columns=2 if layout.phone else 4,
                value_formatter=lambda value: f"{value:g}",
            )
        )
        chart.x_labels = [_("Q%(quarter)s") % {"quarter": q} for q in QUARTERS]
        for row in rows:
            chart.add(row.name, [float(value) or None for value in row.by_quarter()])
        return chart

    return responsive(
        draw, _("Training hours in %(year)s by quarter and department") % {"year": year}
    )
