"""A publication's charts as inline SVG drawn on the server (pygal), like the dashboard's: no
JavaScript, they scale with the page and print. The figures are also in the tables beside them.
"""

from __future__ import annotations

import pygal
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from wuye.core.charts import (
    HALF,
    HorizontalBar,
    Layout,
    config,
    label_every,
    label_room,
    lines_of,
    money,
    period_labels,
    responsive,
    wrap,
)

from ..models import COMMON_AREA_INCOME, Category, FundPeriod
from .queries import Ledger


def _config(layout: Layout, **options) -> dict:
    return config(
        layout=layout,
        no_data_text=_("No money in this period"),
        legend_at_bottom_columns=1 if layout.phone else 3,
        value_formatter=money(layout),
        **options,
    )


def income_and_spending(ledger: Ledger) -> SafeString:
    """Income against spending, each bar stacked by category."""

    def draw(layout: Layout):
        entries = sum(1 for row in [*ledger.income_rows, *ledger.spending_rows] if row["amount"])
        # on a phone the legend is one entry a line, below a plot that keeps its height
        height = 240 + 20 * entries if layout.phone else 360
        chart = pygal.StackedBar(**_config(layout, height=height))
        chart.x_labels = [str(_("Income")), str(_("Spending"))]
        for side, rows in ((0, ledger.income_rows), (1, ledger.spending_rows)):
            for row in rows:
                if row["amount"]:
                    values = [None, None]
                    values[side] = float(row["amount"])
                    chart.add(str(row["label"]), values)
        return chart

    return responsive(draw, _("Income and spending by category, in yuan"), HALF)


def common_area_income(ledger: Ledger) -> SafeString:
    """Common-area income by source, its costs, and how the rest is shared."""
    by_category = ledger.by_category
    rows = [(Category(c).label, by_category.get(c)) for c in COMMON_AREA_INCOME]
    rows += [
        (Category.COMMON_AREA_COSTS.label, ledger.common_area_costs),
        (
            _("To the maintenance fund (%(percent)s per cent)") % {"percent": ledger.percent_text},
            ledger.top_up,
        ),
        (_("Remaining for the owners"), ledger.common_area_remainder),
    ]
    rows = [(str(label), value) for label, value in rows if value]

    def draw(layout: Layout):
        labels = [wrap(label, label_room(layout)) for label, _value in rows][::-1]
        # Wide, the amounts are printed on the bars and an axis of yuan would only crowd
        # them; on a phone a short bar's amount would run into its name, so an axis it is.
        chart = HorizontalBar(
            **_config(
                layout,
                height=max(160, 18 * lines_of(labels) + 22 * len(labels) + 60),
                show_legend=False,
                show_x_labels=layout.phone,
                print_values=not layout.phone,
                max_scale=3,
                margin_right=24 if layout.phone else 0,
            )
        )
        chart.x_labels = labels
        chart.add(_("Yuan"), [float(value) for _label, value in rows][::-1])
        return chart

    return responsive(draw, _("Common-area income and the maintenance fund's share, in yuan"), HALF)


def trend(periods: list[tuple[FundPeriod, Ledger]]) -> SafeString:
    """Income and spending of each publication across periods, side by side."""

    def draw(layout: Layout):
        labels, room = period_labels([period.label for period, _ledger in periods], layout)
        chart = pygal.Bar(
            **_config(
                layout,
                height=320 if layout.phone else 260,
                show_minor_x_labels=False,
                x_labels_major_every=label_every(len(periods), layout),
                **room,
            )
        )
        chart.x_labels = labels
        chart.add(_("Income"), [float(ledger.income) for _period, ledger in periods])
        chart.add(_("Spending"), [float(ledger.spending) for _period, ledger in periods])
        return chart

    return responsive(draw, _("Income and spending across periods, in yuan"))
