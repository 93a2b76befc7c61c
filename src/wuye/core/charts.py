"""Charts drawn on the server as inline SVG (pygal), one look for every page: they need no
JavaScript, scale with the page and print.

An SVG scales its text with its width, so a chart drawn 900 units wide shrinks its labels to
4 px on a phone. `responsive` therefore draws each chart twice, for a wide screen and for a
phone (drawn about as wide as a phone's card, so its text keeps its size), and the page shows
the one that fits. Long category names are wrapped onto several lines, and names in Chinese
are measured as the full-width characters they are.

pygal adds a small script for its hover effects; it is removed, so pages send none.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass

import pygal
from django.utils.safestring import SafeString, mark_safe
from pygal.style import Style
from pygal.util import text_len

GREEN, RED, GREY = "#198754", "#dc3545", "#6c757d"
COLORS = ("#0d6efd", "#6f42c1", "#fd7e14", "#20c997", GREY)
FONT = "system-ui, -apple-system, 'Segoe UI', 'Noto Sans SC', sans-serif"


def _style(text: int, title: int) -> Style:
    return Style(
        background="white",
        plot_background="white",
        foreground="#212529",
        foreground_strong="#212529",
        foreground_subtle="#6c757d",
        colors=COLORS,
        font_family=FONT,
        label_font_size=text,
        major_label_font_size=text,
        legend_font_size=text,
        value_font_size=text,
        value_label_font_size=text,
        tooltip_font_size=text,
        title_font_size=title,
        no_data_font_size=title + 2,
    )


@dataclass(frozen=True)
class Layout:
    """The size a chart is drawn for: its width in SVG units and the size of its text."""

    name: str
    width: int
    text: int
    style: Style

    @property
    def phone(self) -> bool:
        return self.name == "phone"


STYLE = _style(12, 14)
WIDE = Layout("wide", 900, 12, STYLE)
# A chart in half a wide page (two side by side), about 620 px wide at 1366 px.
HALF = Layout("half", 600, 12, STYLE)
# A phone's card is about 335 px wide at 390 px: drawn 340 wide, 12-unit text shows at 11.8 px.
PHONE = Layout("phone", 340, 12, _style(12, 13))

SCRIPT = re.compile(r"<script\b.*?</script>", re.DOTALL)
# A label of several lines, as pygal writes it: one text with line breaks in it.
LINES = re.compile(r'<text x="([^"]*)" y="([^"]*)"([^>]*)>([^<]*\n[^<]*)</text>')
LINE = "\n"
# pygal measures every character as 0.6 of the font size; these stretch its measure to the
# width of a full-width character (汉字), and are drawn as nothing.
STRETCH = "\u200b"
LINE_HEIGHT = 1.15


def config(*, no_data_text: str, layout: Layout = WIDE, **options) -> dict:
    """pygal options for a chart in the house style, drawn for `layout`; `no_data_text` says
    what is missing."""
    return {
        "style": layout.style,
        "js": [],
        "disable_xml_declaration": True,
        "no_data_text": no_data_text,
        "legend_at_bottom": True,
        "legend_at_bottom_columns": 1 if layout.phone else 4,
        "truncate_label": -1,
        "truncate_legend": -1,
        "width": layout.width,
        "explicit_size": False,
        # on a phone a value axis has a few round figures, not a crowd of them
        **({"max_scale": 4} if layout.phone else {}),
        **options,
    }


def money(layout: Layout) -> Callable[[float], str]:
    """Yuan as a chart writes them: whole yuan on a phone, where the cents only crowd."""
    if layout.phone:
        return lambda value: f"¥{value:,.0f}"
    return lambda value: f"¥{value:,.2f}"


def period_labels(labels: list[str], layout: Layout) -> tuple[list[str], dict]:
    """Labels of an axis of periods ("2026 年第 1 季度"), wrapped to the room each has, with
    the options that make room for their lines below the axis."""
    shown = -(-len(labels) // label_every(len(labels), layout)) or 1
    room = max(6, int(layout.width * 0.8 / shown / (0.6 * layout.text)))
    wrapped = [wrap(str(label), room) for label in labels]
    extra = max((label.count(LINE) for label in wrapped), default=0)
    return wrapped, {"margin_bottom": extra * LINE_HEIGHT * layout.text}


def label_every(count: int, layout: Layout) -> int:
    """Every how many points an axis of `count` points is labelled: about 12 labels on a wide
    screen, 4 on a phone."""
    return max(1, -(-count // (4 if layout.phone else 12)))


def label_room(layout: Layout) -> int:
    """How wide (pygal's measure) a category name may be before it wraps: about a third of
    the chart."""
    return 16 if layout.phone else layout.width // 22


def _width(char: str) -> float:
    """A character's width in pygal's measure (0.6 of the font size is 1)."""
    if char == STRETCH:
        return 0
    return 1 / 0.6 if unicodedata.east_asian_width(char) in "WF" else 1


def measured(text: str) -> str:
    """`text` as pygal should measure it: each full-width character stretched to its width."""
    out, debt = [], 0.0
    for char in text:
        out.append(char)
        debt += _width(char) - 1
        while debt >= 1:
            out.append(STRETCH)
            debt -= 1
    return "".join(out)


def wrap(text: str, room: float) -> str:
    """`text` in lines of at most `room` in pygal's measure, broken at spaces where there are
    any, else between characters (Chinese has no spaces), each line measured as drawn."""
    lines, line, size = [], "", 0.0
    for word in re.findall(r"\S+\s*|\s+", str(text)):
        for piece in [word] if sum(map(_width, word.rstrip())) <= room else list(word):
            piece_size = sum(map(_width, piece.rstrip()))
            if line and size + piece_size > room:
                lines.append(line.rstrip())
                line, size = "", 0.0
            line += piece
            size += sum(map(_width, piece))
    if line.strip() or not lines:
        lines.append(line.rstrip())
    return LINE.join(measured(one) for one in lines)


def lines_of(labels: list[str]) -> int:
    """How many lines the (wrapped) labels take together."""
    return sum(label.count(LINE) + 1 for label in labels)


class HorizontalBar(pygal.HorizontalBar):
    """pygal's horizontal bars, whose category names may have several lines (`wrap`): the
    margin is as wide as their longest line, not as all their lines in a row."""

    def _compute_margin(self):
        super()._compute_margin()
        if self.show_y_labels and self._y_labels:
            whole = max(len(label) for label, _position in self._y_labels)
            line = max(len(one) for label, _position in self._y_labels for one in label.split(LINE))
            size = self.style.label_font_size
            self.margin_box.left -= text_len(whole, size) - text_len(line, size)

    def _tooltip_and_print_values(
        self, serie_node, serie, parent, i, val, metadata, x, y, width, height
    ):
        # A value printed in the middle of a short bar would run into the category's name:
        # it goes just after the bar's end instead.
        # (pygal hands the bar over transposed: `y` and `height` run along the value axis)
        size = self.style.value_font_size
        if not self.print_values or abs(height) >= text_len(len(val), size) + size:
            return super()._tooltip_and_print_values(
                serie_node, serie, parent, i, val, metadata, x, y, width, height
            )
        end, middle = max(y, y + height), x + width / 2
        self._tooltip_data(parent, val, end, middle, "centered", None)
        self._static_value(serie_node, val, end + size / 3, middle, metadata, "start")
        return None


def _tspans(match: re.Match) -> str:
    x, y, rest, text = match.groups()
    lines = text.split(LINE)
    # A category name left of its bar (pygal writes those at x = -5) is centred on the bar;
    # a label under an axis reads down from the axis.
    first = -(len(lines) - 1) * LINE_HEIGHT / 2 if float(x) < 0 else 0
    spans = "".join(
        f'<tspan x="{x}" dy="{first if n == 0 else LINE_HEIGHT:.3f}em">{line}</tspan>'
        for n, line in enumerate(lines)
    )
    return f'<text x="{x}" y="{y}"{rest}>{spans}</text>'


def inline_svg(chart, description: str) -> SafeString:
    """The chart as an inline <svg>, without pygal's script, named for screen readers (the
    figures are also in the tables beside each chart)."""
    svg = SCRIPT.sub("", chart.render(is_unicode=True))
    svg = LINES.sub(_tspans, svg).replace(STRETCH, "")
    svg = svg.replace("<svg ", f'<svg role="img" aria-label="{_escape(description)}" ', 1)
    return mark_safe(svg)  # noqa: S308 — pygal's own SVG, with escaped labels


def responsive(
    draw: Callable[[Layout], object], description: str, wide_layout: Layout = WIDE
) -> SafeString:
    """The chart drawn for a wide screen (`wide_layout`, or `HALF` for a chart beside another)
    and for a phone; the page shows the one that fits."""
    wide = inline_svg(draw(wide_layout), description)
    phone = inline_svg(draw(PHONE), description)
    return mark_safe(  # noqa: S308 — two charts of inline_svg
        f'<div class="chart chart-wide d-none d-md-block d-print-block">{wide}</div>'
        f'<div class="chart chart-phone d-md-none d-print-none">{phone}</div>'
    )


def _escape(text: str) -> str:
    return str(text).replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;")
