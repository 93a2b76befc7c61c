"""A publication's charts as inline SVG drawn on the server (pygal), like the dashboard's: no
JavaScript, they scale with the page and print. The figures are also in the tables beside them.
"""

from __future__ import annotations

import pygal
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from wuye.core.charts import config, inline_svg

from ..models import COMMON_AREA_INCOME, Category
from .queries import Ledger


def _yuan(value) -> str:
    return f"¥{value:,.2f}"


def _config(**options) -> dict:
    return config(
        no_data_text=_("No money in this period"),
        legend_at_bottom_columns=3,
        value_formatter=_yuan,
        **options,
    )


def income_and_spending(ledger: Ledger) -> SafeString:
    """Income against spending, each bar stacked by category."""
    chart = pygal.StackedBar(**_config(height=360, width=720))
    chart.x_labels = [_("Income"), _("Spending")]
    for side, rows in ((0, ledger.income_rows), (1, ledger.spending_rows)):
        for row in rows:
            if row["amount"]:
                values = [None, None]
                values[side] = float(row["amount"])
                chart.add(str(row["label"]), values)
    return inline_svg(chart, _("Income and spending by category, in yuan"))


def common_area_income(ledger: Ledger) -> SafeString:
    """Common-area income by source, its costs, and how the rest is shared."""
    # The amounts are printed on the bars; an axis of yuan would only crowd them.
    chart = pygal.HorizontalBar(
        **_config(height=300, width=720, show_legend=False, show_x_labels=False, print_values=True)
    )
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
    chart.x_labels = [label for label, _value in rows][::-1]
    chart.add(_("Yuan"), [float(value) for _label, value in rows][::-1])
    return inline_svg(chart, _("Common-area income and the maintenance fund's share, in yuan"))
