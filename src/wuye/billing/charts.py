"""Billing's charts, in the house style of `wuye.core.charts`."""

from __future__ import annotations

import pygal
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from wuye.core.charts import Layout, config, label_every, money, responsive


def _periodic(rows: list[dict], layout: Layout, **options) -> dict:
    return config(
        layout=layout,
        height=300 if layout.phone else 320,
        print_values=False,
        show_y_guides=True,
        x_label_rotation=0,
        show_minor_x_labels=False,
        x_labels_major_every=label_every(len(rows), layout),
        value_formatter=money(layout),
        **options,
    )


def trend_svg(rows: list[dict]) -> SafeString:
    """Receivable against collected for each period, as bars."""

    def draw(layout: Layout):
        chart = pygal.Bar(**_periodic(rows, layout, no_data_text=_("No bills in this period")))
        chart.x_labels = [r["period"] for r in rows]
        chart.add(_("Receivable"), [float(r["due"]) for r in rows])
        chart.add(_("Collected"), [float(r["collected"]) for r in rows])
        return chart

    return responsive(draw, _("Receivable and collected by period"))


def arrears_svg(rows: list[dict]) -> SafeString:
    """What was owed at the end of each month, as bars."""

    def draw(layout: Layout):
        chart = pygal.Bar(
            **_periodic(rows, layout, no_data_text=_("Nothing was owed"), show_legend=False)
        )
        chart.x_labels = [r["month"] for r in rows]
        chart.add(_("Owed"), [float(r["owed"]) for r in rows])
        return chart

    return responsive(draw, _("Arrears at the end of each month"))
