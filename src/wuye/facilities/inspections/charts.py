"""The pass rate of each inspection plan as horizontal bars (drawn for a column of a wide
screen and for a phone, `core.charts`): green from `GOOD` up, red below; the figures are in
the table beside it."""

from __future__ import annotations

from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from wuye.core.charts import (
    GREEN,
    HALF,
    RED,
    HorizontalBar,
    Layout,
    config,
    label_room,
    lines_of,
    responsive,
    wrap,
)

from .queries import PassRate

GOOD = 95  # % — the share of rounds passing that is shown green


def pass_rate_chart(rates: list[PassRate], days: int) -> SafeString:
    # pygal draws the first bar at the bottom: reversed, the bars read as the table does
    measured = [r for r in reversed(rates) if r.rate is not None]
    title = _("Pass rate of each inspection plan over %(days)s days") % {"days": days}

    def draw(layout: Layout):
        labels = [wrap(r.plan.name, label_room(layout)) for r in measured]
        chart = HorizontalBar(
            **config(
                layout=layout,
                no_data_text=_("No inspection due in these days"),
                height=max(140, 18 * lines_of(labels) + 18 * len(labels) + 60),
                range=(0, 100),
                show_legend=False,
                print_values=True,
                value_formatter=lambda v: f"{v:.1f} %",
                y_labels=[0, 25, 50, 75, 100],
            )
        )
        chart.x_labels = labels
        chart.add(
            _("Pass rate"),
            [
                {
                    "value": r.rate,
                    "color": GREEN if r.rate >= GOOD else RED,
                    "label": f"{r.passed} / {r.due}",
                }
                for r in measured
            ],
        )
        return chart

    return responsive(draw, title, HALF)
