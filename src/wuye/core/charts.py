"""Charts drawn on the server as inline SVG (pygal), one look for every page: they need no
JavaScript, scale with the page and print.

pygal adds a small script for its hover effects; it is removed, so pages send none.
"""

from __future__ import annotations

import re

from django.utils.safestring import SafeString, mark_safe
from pygal.style import Style

GREEN, RED, GREY = "#198754", "#dc3545", "#6c757d"
STYLE = Style(
    background="white",
    plot_background="white",
    foreground="#212529",
    foreground_strong="#212529",
    foreground_subtle="#6c757d",
    colors=("#0d6efd", "#6f42c1", "#fd7e14", "#20c997", GREY),
    font_family="system-ui, -apple-system, 'Segoe UI', 'Noto Sans SC', sans-serif",
    label_font_size=11,
    major_label_font_size=11,
    legend_font_size=12,
    value_font_size=11,
    title_font_size=14,
)
SCRIPT = re.compile(r"<script\b.*?</script>", re.DOTALL)


def config(*, no_data_text: str, **options) -> dict:
    """pygal options for a chart in the house style; `no_data_text` says what is missing."""
    return {
        "style": STYLE,
        "js": [],
        "disable_xml_declaration": True,
        "no_data_text": no_data_text,
        "legend_at_bottom": True,
        "legend_at_bottom_columns": 4,
        "truncate_label": -1,
        "truncate_legend": -1,
        **options,
    }


def inline_svg(chart, description: str) -> SafeString:
    """The chart as an inline <svg>, without pygal's script, named for screen readers (the
    figures are also in the tables beside each chart)."""
    svg = SCRIPT.sub("", chart.render(is_unicode=True))
    svg = svg.replace("<svg ", f'<svg role="img" aria-label="{_escape(description)}" ', 1)
    return mark_safe(svg)  # noqa: S308 — pygal's own SVG, with escaped labels


def _escape(text: str) -> str:
    return str(text).replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;")
