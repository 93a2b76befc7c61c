"""Billing's charts, in the house style of `wuye.core.charts`."""

from __future__ import annotations

import pygal
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from wuye.core.charts import config, inline_svg


def trend_svg(rows: list[dict]) -> SafeString:
    """Receivable against collected for each period, as bars."""
    chart = pygal.Bar(
        **config(
            no_data_text=_("No bills in this period"),
            width=900,
            height=320,
            print_values=False,
            show_y_guides=True,
            x_label_rotation=0,
            value_formatter=lambda v: f"¥{v:,.2f}",
            explicit_size=False,
        )
    )
    chart.x_labels = [r["period"] for r in rows]
    chart.add(_("Receivable"), [float(r["due"]) for r in rows])
    chart.add(_("Collected"), [float(r["collected"]) for r in rows])
    return inline_svg(chart, _("Receivable and collected by period"))
