"""The org chart drawn on the server as SVG: the management office on top, its departments
below, each department's posts in boxes with their holders' names and vacancies.

pygal draws data, not trees, so this is a small builder of boxes, text and lines. Text is
measured as drawn: a Chinese character is as wide as the font is high, a Latin one about
0.6 of it, and a line that does not fit its box wraps (at spaces where there are any).
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from html import escape

from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from wuye.core.people import display_name

from .queries import DepartmentNode, PostNode, walk

FONT = 13
SMALL = 12
LINE = 1.35
PAD = 8
GAP = 14
WIDE_WIDTH = 1120
PHONE_WIDTH = 360
FONT_FAMILY = "system-ui, -apple-system, 'Segoe UI', 'Noto Sans CJK SC', sans-serif"


def text_width(text: str, size: float) -> float:
    """How wide `text` is drawn at `size` px (full-width characters square, others 0.6)."""
    return sum(size if unicodedata.east_asian_width(c) in "WF" else size * 0.6 for c in text)


def wrap(text: str, room: float, size: float) -> list[str]:
    """`text` in lines no wider than `room`, broken at spaces, else between characters."""
    lines: list[str] = []
    line = ""
    for word in text.replace("\n", " ").split(" "):
        for piece in [word] if text_width(word, size) <= room else list(word):
            joiner = " " if line and piece is word else ""
            if line and text_width(line + joiner + piece, size) > room:
                lines.append(line)
                line, joiner = "", ""
            line += joiner + piece
    if line or not lines:
        lines.append(line)
    return lines


@dataclass
class Text:
    text: str
    size: float = FONT
    weight: str = "normal"
    colour: str = "#212529"


@dataclass
class Box:
    x: float
    y: float
    width: float
    texts: list[Text]
    fill: str = "#fff"
    stroke: str = "#adb5bd"
    lines: list[tuple[Text, str]] = field(default_factory=list)

    def __post_init__(self):
        room = self.width - 2 * PAD
        self.lines = [(t, one) for t in self.texts for one in wrap(t.text, room, t.size)]

    @property
    def height(self) -> float:
        return 2 * PAD + sum(t.size * LINE for t, _one in self.lines)

    def svg(self) -> str:
        parts = [
            f'<rect x="{self.x:.1f}" y="{self.y:.1f}" width="{self.width:.1f}" '
            f'height="{self.height:.1f}" rx="6" fill="{self.fill}" stroke="{self.stroke}"/>'
        ]
        y = self.y + PAD
        for text, one in self.lines:
            y += text.size * LINE
            parts.append(
                f'<text x="{self.x + PAD:.1f}" y="{y - text.size * 0.3:.1f}" '
                f'font-size="{text.size}" font-weight="{text.weight}" fill="{text.colour}">'
                f"{escape(one)}</text>"
            )
        return "".join(parts)


def _segment(x1, y1, x2, y2) -> str:
    return f'<path d="M{x1:.1f} {y1:.1f} L{x2:.1f} {y2:.1f}" stroke="#868e96" fill="none"/>'


def _names(node: PostNode) -> str:
    return "、".join(display_name(u) for u in node.holders)


def _post_texts(node: PostNode) -> list[Text]:
    post = node.post
    title = post.title if post.headcount == 1 else f"{post.title} ×{post.headcount}"
    texts = [Text(title, FONT, "600")]
    if node.holders:
        texts.append(Text(_names(node), SMALL, colour="#343a40"))
    if node.vacancies:
        texts.append(
            Text(
                ngettext("%(count)d vacancy", "%(count)d vacancies", node.vacancies)
                % {"count": node.vacancies},
                SMALL,
                colour="#b02a37",
            )
        )
    return texts


def _department_texts(node: DepartmentNode) -> list[Text]:
    texts = [Text(node.department.name, FONT + 1, "700", "#0a3d62")]
    if node.department.head:
        texts.append(
            Text(
                _("Head: %(name)s") % {"name": display_name(node.department.head)},
                SMALL,
                colour="#0a3d62",
            )
        )
    return texts


def _top(community, roots: list[DepartmentNode]) -> tuple[list[Text], list[DepartmentNode]]:
    """The top box's text and the departments drawn below it: one root department is the
    top box itself (its posts named inside it); several hang under the community's name."""
    if len(roots) == 1:
        root = roots[0]
        texts = _department_texts(root)
        for post in root.posts:
            holders = _names(post) or _("vacant")
            texts.append(Text(f"{post.post.title}: {holders}", SMALL))
        return texts, root.children
    return [Text(community.name, FONT + 2, "700", "#0a3d62")], roots


def _column(node: DepartmentNode) -> list[tuple[DepartmentNode, list[PostNode]]]:
    return [(one, one.posts) for one in walk([node])]


def _svg(width: float, height: float, body: list[str], description: str) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="{escape(description)}" '
        f'viewBox="0 0 {width:.0f} {height:.0f}" width="100%" '
        f'style="max-width:{width:.0f}px;height:auto" font-family="{FONT_FAMILY}">'
        f"<title>{escape(description)}</title>{''.join(body)}</svg>"
    )


def draw_wide(community, roots: list[DepartmentNode], description: str) -> str:
    """Departments side by side under the top box, their posts stacked in each column."""
    top_texts, columns = _top(community, roots)
    count = max(1, len(columns))
    column_width = max(150.0, (WIDE_WIDTH - GAP * (count - 1)) / count)
    width = max(WIDE_WIDTH, count * column_width + GAP * (count - 1))
    top = Box((width - 300) / 2, 1, 300, top_texts, fill="#e7f1ff", stroke="#0a3d62")
    body = [top.svg()]
    rail = top.y + top.height + 24
    below = rail + 16
    bottom = top.y + top.height
    centres = []
    for n, node in enumerate(columns):
        x = n * (column_width + GAP)
        centres.append(x + column_width / 2)
        y = below
        for depth, (department, posts) in enumerate(_column(node)):
            head = Box(
                x,
                y,
                column_width,
                _department_texts(department),
                fill="#e7f1ff" if depth == 0 else "#f1f3f5",
                stroke="#0a3d62",
            )
            body.append(head.svg())
            y += head.height
            for post in posts:
                box = Box(x + 10, y + 8, column_width - 10, _post_texts(post))
                body.append(_segment(x + 5, y, x + 5, box.y + 12))
                body.append(_segment(x + 5, box.y + 12, box.x, box.y + 12))
                body.append(box.svg())
                y = box.y + box.height
            y += 10
        bottom = max(bottom, y)
    if centres:
        body.insert(0, _segment(width / 2, top.y + top.height, width / 2, rail))
        body.insert(0, _segment(centres[0], rail, centres[-1], rail))
        for centre in centres:
            body.insert(0, _segment(centre, rail, centre, below))
    return _svg(width, bottom + 2, body, description)


def draw_phone(community, roots: list[DepartmentNode], description: str) -> str:
    """The same tree for a phone: the departments one below the other, posts indented."""
    top_texts, columns = _top(community, roots)
    width = PHONE_WIDTH
    top = Box(1, 1, width - 2, top_texts, fill="#e7f1ff", stroke="#0a3d62")
    body = [top.svg()]
    y = top.y + top.height + 14
    trunk_end = y
    for node in columns:
        for depth, (department, posts) in enumerate(_column(node)):
            indent = 16 + 12 * depth
            head = Box(
                indent,
                y,
                width - indent - 1,
                _department_texts(department),
                fill="#e7f1ff" if depth == 0 else "#f1f3f5",
                stroke="#0a3d62",
            )
            body.append(_segment(8, head.y + 12, indent, head.y + 12))
            trunk_end = head.y + 12
            body.append(head.svg())
            y = head.y + head.height
            for post in posts:
                box = Box(indent + 18, y + 6, width - indent - 19, _post_texts(post))
                body.append(_segment(indent + 9, y, indent + 9, box.y + 12))
                body.append(_segment(indent + 9, box.y + 12, box.x, box.y + 12))
                body.append(box.svg())
                y = box.y + box.height
            y += 14
    body.insert(0, _segment(8, top.y + top.height, 8, trunk_end))
    return _svg(width, y, body, description)


def org_chart(community, roots: list[DepartmentNode]) -> SafeString:
    """The chart for a wide screen and for a phone; the page shows the one that fits."""
    description = _("Organisation chart of %(community)s") % {"community": community.name}
    wide = draw_wide(community, roots, description)
    phone = draw_phone(community, roots, description)
    return mark_safe(  # noqa: S308 — every text in the SVG is escaped
        f'<div class="org-chart chart-wide d-none d-md-block d-print-block">{wide}</div>'
        f'<div class="org-chart chart-phone d-md-none d-print-none">{phone}</div>'
    )
