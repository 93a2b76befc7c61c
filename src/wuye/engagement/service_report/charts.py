"""The report's charts: each section's `Chart` as inline SVG (pygal), drawn like the
customer center's dashboard, and as a ReportLab drawing for the PDF."""

from __future__ import annotations

import pygal
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _
from reportlab.graphics.charts.barcharts import VerticalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.charts.linecharts import HorizontalLineChart
from reportlab.graphics.shapes import Drawing, String
from reportlab.lib import colors

from wuye.core.charts import STYLE, Layout, config, label_every, responsive
from wuye.core.report import Chart

PALETTE = STYLE.colors


def svg(chart: Chart) -> SafeString:
    """The chart as SVG: bars or lines, one series per legend entry."""
    kind = pygal.Line if chart.kind == "line" else pygal.Bar

    def draw(layout: Layout):
        drawn = kind(
            **config(
                layout=layout,
                height=300,
                no_data_text=_("Nothing in this period"),
                show_minor_x_labels=False,
                x_labels_major_every=label_every(len(chart.labels), layout),
                legend_at_bottom_columns=1 if layout.phone else max(1, min(4, len(chart.series))),
            )
        )
        drawn.x_labels = [str(label) for label in chart.labels]
        for name, values in chart.series.items():
            drawn.add(str(name), [float(v) for v in values])
        return drawn

    return responsive(draw, chart.title)


def drawing(chart: Chart, font: str, width: float, height: float = 170) -> Drawing:
    """The chart as a ReportLab vector drawing with a legend, for the A4 report."""
    series = list(chart.series.items())
    data = [tuple(float(v) for v in values) for _name, values in series] or [(0,)]
    canvas = Drawing(width, height)
    canvas.initialFontName = font  # else the drawing starts in Helvetica, not embedded
    plot = HorizontalLineChart() if chart.kind == "line" else VerticalBarChart()
    plot.x, plot.y = 40, 45
    plot.width, plot.height = width - 50, height - 70
    plot.data = data
    plot.categoryAxis.categoryNames = [str(label) for label in chart.labels] or [""]
    every = max(1, len(chart.labels) // 12)
    plot.categoryAxis.categoryNames = [
        name if n % every == 0 else "" for n, name in enumerate(plot.categoryAxis.categoryNames)
    ]
    plot.categoryAxis.labels.fontName = font
    plot.categoryAxis.labels.fontSize = 7
    plot.categoryAxis.labels.angle = 30 if len(chart.labels) > 8 else 0
    plot.categoryAxis.labels.boxAnchor = "ne" if len(chart.labels) > 8 else "n"
    plot.valueAxis.labels.fontName = font
    plot.valueAxis.labels.fontSize = 7
    plot.valueAxis.valueMin = 0
    highest = max((max(values) for values in data if values), default=0)
    if not highest:
        plot.valueAxis.valueMax = 1
    for n in range(len(data)):
        colour = colors.HexColor(PALETTE[n % len(PALETTE)])
        if chart.kind == "line":
            plot.lines[n].strokeColor = colour
            plot.lines[n].strokeWidth = 1.5
        else:
            plot.bars[n].fillColor = colour
            plot.bars[n].strokeColor = None
    canvas.add(plot)
    legend = Legend()
    legend.x, legend.y = 40, 8
    legend.fontName, legend.fontSize = font, 8
    legend.alignment = "right"
    legend.columnMaximum = 1
    legend.colorNamePairs = [
        (colors.HexColor(PALETTE[n % len(PALETTE)]), str(name))
        for n, (name, _v) in enumerate(series)
    ]
    canvas.add(legend)
    canvas.add(String(40, height - 12, str(chart.title), fontName=font, fontSize=9))
    return canvas
