"""The gate's parking charts, in the house style of `wuye.core.charts`: cars inside now
against the spaces, stays begun each day, and temporary-parking income each month."""

from __future__ import annotations

import pygal
from django.utils import formats
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from wuye.core.charts import (
    HALF,
    Layout,
    config,
    label_every,
    money,
    period_labels,
    responsive,
)

from .models import SessionKind


def occupancy(inside: dict) -> SafeString:
    """Cars inside by kind of stay and the free spaces, as one bar of the spaces."""

    def draw(layout: Layout):
        chart = pygal.HorizontalStackedBar(
            **config(
                layout=layout,
                no_data_text=_("No parking spaces in the register"),
                height=200 if layout.phone else 180,
                legend_at_bottom_columns=2 if layout.phone else 4,
                show_y_labels=False,
                max_scale=4,
                print_values=False,
            )
        )
        if inside["spaces"] or inside["inside"]:
            chart.x_labels = [str(_("Spaces"))]
            for _kind, label, count in inside["by_kind"]:
                chart.add(str(label), [count])
            chart.add(str(_("Free")), [inside["free"]])
        return chart

    return responsive(draw, _("Cars inside now by kind of stay, against the spaces"), HALF)


def sessions_by_day(rows: list[dict]) -> SafeString:
    """Stays begun each day, stacked by kind."""

    def draw(layout: Layout):
        chart = pygal.StackedBar(
            **config(
                layout=layout,
                no_data_text=_("No car came in these days"),
                height=300 if layout.phone else 320,
                show_y_guides=True,
                show_minor_x_labels=False,
                x_labels_major_every=label_every(len(rows), layout),
                legend_at_bottom_columns=3,
            )
        )
        chart.x_labels = [formats.date_format(row["day"], "m-d") for row in rows]
        if any(row["total"] for row in rows):
            for kind, label in SessionKind.choices:
                chart.add(str(label), [row["counts"][kind] for row in rows])
        return chart

    return responsive(draw, _("Stays begun each day, by kind"))


def income_by_month(rows: list[dict]) -> SafeString:
    """Temporary-parking money taken each month."""

    def draw(layout: Layout):
        labels, room = period_labels(
            [formats.date_format(row["month"], "YEAR_MONTH_FORMAT") for row in rows], layout
        )
        chart = pygal.Bar(
            **config(
                layout=layout,
                no_data_text=_("No parking fees taken in these months"),
                height=300 if layout.phone else 320,
                show_legend=False,
                show_y_guides=True,
                show_minor_x_labels=False,
                # a month's name is long: every other one on a half-page chart
                x_labels_major_every=max(2, label_every(len(rows), layout)),
                value_formatter=money(layout),
                **room,
            )
        )
        chart.x_labels = labels
        if any(row["income"] for row in rows):
            chart.add(_("Income"), [float(row["income"]) for row in rows])
        return chart

    return responsive(draw, _("Temporary-parking income by month, in yuan"), HALF)
