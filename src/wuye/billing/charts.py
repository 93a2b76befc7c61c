"""Charts drawn on the server as SVG (pygal), shown inline: no JavaScript in the page."""

from __future__ import annotations

from xml.etree import ElementTree

import pygal
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from pygal.style import Style

SVG = "http://www.w3.org/2000/svg"
STYLE = Style(
    background="transparent",
    plot_background="transparent",
    colors=("#9aa5b1", "#1f6f5c"),
    font_family="system-ui, sans-serif",
    label_font_size=11,
    major_label_font_size=11,
    legend_font_size=12,
)


def trend_svg(rows: list[dict]) -> SafeString:
    """Receivable against collected for each period, as bars."""
    chart = pygal.Bar(
        style=STYLE,
        width=900,
        height=320,
        js=[],
        disable_xml_declaration=True,
        legend_at_bottom=True,
        print_values=False,
        show_y_guides=True,
        x_label_rotation=0,
        value_formatter=lambda v: f"¥{v:,.2f}",
        explicit_size=False,
    )
    chart.x_labels = [r["period"] for r in rows]
    chart.add(_("Receivable"), [float(r["due"]) for r in rows])
    chart.add(_("Collected"), [float(r["collected"]) for r in rows])
    return _inline(chart)


def _inline(chart) -> SafeString:
    """The chart as an inline <svg> element, without the script pygal adds for tooltips."""
    tree = chart.render_tree()
    for parent in tree.iter():
        for child in [c for c in parent if c.tag in ("script", f"{{{SVG}}}script")]:
            parent.remove(child)
    # ElementTree escapes the labels and series names it writes.
    return mark_safe(ElementTree.tostring(tree, encoding="unicode"))
