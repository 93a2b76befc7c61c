"""PDFs for paper (receipts, reminders, notices, reports): one font, embedded, for every
document, so a receipt reads the same in any viewer and on any printer.

The font is Kurinto Sans SC (SIL Open Font License), a TrueType font shipped by the
`weblate-fonts` package: Chinese, Latin and the signs the documents print (元/m², ¥, ·,
㎡). ReportLab embeds only the glyphs a document uses (a subset). The few signs Kurinto Sans
SC lacks (℃, ☐, ★ …) come from Kurinto Sans, embedded the same way; `markup` switches to
it for those characters only. The built-in CID font STSong-Light is not used: it is not
embedded, so each viewer substitutes its own font and some draw boxes for ² or ·.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from functools import cache
from importlib.resources import files
from xml.sax.saxutils import escape

from django.core.cache import cache as shared_cache
from django.utils.translation import get_language
from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import Paragraph, SimpleDocTemplate, Table, TableStyle

FONT = "WuyeSans"
BOLD = "WuyeSans-Bold"
SYMBOLS = "WuyeSymbols"
_FILES = {
    FONT: "KurintoSansSC-Rg.ttf",
    BOLD: "KurintoSansSC-Bd.ttf",
    SYMBOLS: "KurintoSans-Rg.ttf",
}


def _font_path(filename: str) -> str:
    return str(
        files("weblate_fonts").joinpath("static", "weblate_fonts", "kurinto", "ttf", filename)
    )


@cache
def register_fonts() -> tuple[frozenset[int], frozenset[int]]:
    """Register the fonts once per process; returns the code points of the main font and of
    the symbol font."""
    for name, filename in _FILES.items():
        pdfmetrics.registerFont(TTFont(name, _font_path(filename)))
    pdfmetrics.registerFontFamily(FONT, normal=FONT, bold=BOLD, italic=FONT, boldItalic=BOLD)
    covered = frozenset(pdfmetrics.getFont(FONT).face.charToGlyph)
    symbols = frozenset(pdfmetrics.getFont(SYMBOLS).face.charToGlyph)
    return covered, symbols


def markup(text) -> str:
    """Plain text as Paragraph markup: escaped, with the signs the main font lacks set in the
    symbol font."""
    covered, symbols = register_fonts()
    parts: list[str] = []
    run: list[str] = []
    in_symbols = False
    for char in str(text):
        wanted = ord(char) not in covered and ord(char) in symbols
        if wanted != in_symbols and run:
            parts.append(_run("".join(run), in_symbols))
            run = []
        in_symbols = wanted
        run.append(char)
    if run:
        parts.append(_run("".join(run), in_symbols))
    return "".join(parts)


def _run(text: str, in_symbols: bool) -> str:
    text = escape(text)
    return f'<font face="{SYMBOLS}">{text}</font>' if in_symbols else text


def style(
    name: str, *, size: float = 10, leading: float | None = None, bold: bool = False, **options
) -> ParagraphStyle:
    """A paragraph style in the documents' font; `leading` defaults to 1.4 × the size."""
    return ParagraphStyle(
        name,
        fontName=BOLD if bold else FONT,
        fontSize=size,
        leading=leading or round(size * 1.4, 1),
        **options,
    )


# A page for the bulletin board (a notice, a fund-usage publication): a line naming the kind or
# the community above a large title, the text, and the signature and small print on the right.
BULLETIN = {
    "kind": style("kind", size=11, leading=16, alignment=TA_CENTER),
    "title": style("title", size=20, leading=28, bold=True, alignment=TA_CENTER, spaceAfter=8 * mm),
    "body": style("body", size=12.5, leading=21, firstLineIndent=25, spaceAfter=3 * mm),
    "sign": style("sign", size=12.5, leading=21, alignment=TA_RIGHT),
    "small": style("small", size=9, leading=13, alignment=TA_RIGHT),
}


def paragraph(text, paragraph_style: ParagraphStyle) -> Paragraph:
    """Text as typed, never read as markup (a clerk's "<b>" prints as such), in a style."""
    return Paragraph(markup(text), paragraph_style)


def table(rows: list[list], commands: Sequence[tuple] = (), **options) -> Table:
    """A table whose cells are drawn in the documents' font (ReportLab names Helvetica,
    unembedded, for every cell otherwise), styled by `commands`."""
    drawn = Table(rows, **options)
    drawn.setStyle(TableStyle([("FONTNAME", (0, 0), (-1, -1), FONT), *commands]))
    return drawn


def document(
    buffer, *, pagesize, margins: tuple[float, float, float, float], title: str, author: str
) -> SimpleDocTemplate:
    """A document template on `pagesize` with margins (top, right, bottom, left) in mm; the
    fonts are registered before anything is drawn."""
    register_fonts()
    top, right, bottom, left = margins
    return SimpleDocTemplate(
        buffer,
        pagesize=pagesize,
        topMargin=top * mm,
        rightMargin=right * mm,
        bottomMargin=bottom * mm,
        leftMargin=left * mm,
        title=str(title),
        author=str(author),
        # the canvas would otherwise name Helvetica, unembedded, in every page's preamble
        initialFontName=FONT,
    )


# A stored document's PDF is kept a week after it was last drawn; a changed document has
# another key, so an old copy is never served, only left to expire.
RENDERED_SECONDS = 7 * 24 * 3600


def rendered_once(render: Callable[[], bytes], *shown) -> bytes:
    """The PDF `render` draws, drawn once for each version of what it shows.

    `shown` lists everything the document prints (its texts, dates, the community's name):
    the same values in the same language give the stored copy, any change a new drawing.
    """
    digest = hashlib.sha256(repr((get_language(), *shown)).encode()).hexdigest()
    key = f"pdf:{digest}"
    content = shared_cache.get(key)
    if content is None:
        content = render()
        shared_cache.set(key, content, RENDERED_SECONDS)
    return content


def money(value) -> str:
    """An amount in yuan as printed on paper: ¥1,250.00."""
    return f"¥{value:,.2f}"
