"""The management service report as an A4 PDF for the bulletin board: each section's figures
beside their targets, met or not, and its chart drawn as vectors (ReportLab, STSong-Light)."""

from __future__ import annotations

from io import BytesIO
from xml.sax.saxutils import escape

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from .pdf import FONT
from .report import Period, Section
from .report_charts import drawing

GREEN, RED = colors.HexColor("#198754"), colors.HexColor("#dc3545")
STYLES = {
    "title": ParagraphStyle("title", fontName=FONT, fontSize=18, leading=26, alignment=TA_CENTER),
    "period": ParagraphStyle(
        "period", fontName=FONT, fontSize=11, leading=16, alignment=TA_CENTER, spaceAfter=6 * mm
    ),
    "section": ParagraphStyle(
        "section", fontName=FONT, fontSize=13, leading=18, spaceBefore=5 * mm, spaceAfter=2 * mm
    ),
    "cell": ParagraphStyle("cell", fontName=FONT, fontSize=9, leading=12),
    "met": ParagraphStyle("met", fontName=FONT, fontSize=9, leading=12, textColor=GREEN),
    "missed": ParagraphStyle("missed", fontName=FONT, fontSize=9, leading=12, textColor=RED),
    "note": ParagraphStyle(
        "note", fontName=FONT, fontSize=8, leading=11, textColor=colors.HexColor("#6c757d")
    ),
    "small": ParagraphStyle("small", fontName=FONT, fontSize=9, leading=13, alignment=TA_RIGHT),
}
WIDTH = A4[0] - 36 * mm


def _figure_table(section: Section) -> Table:
    cell = STYLES["cell"]
    rows = [
        [
            Paragraph(escape(_("Figure")), cell),
            Paragraph(escape(_("Value")), cell),
            Paragraph(escape(_("Target")), cell),
            Paragraph(escape(pgettext("against target", "Result")), cell),
        ]
    ]
    style = [
        ("GRID", (0, 0), (-1, -1), 0.4, colors.HexColor("#adb5bd")),
        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e9ecef")),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
    ]
    for figure in section.figures:
        result, result_style = "", cell
        if figure.met is not None:
            result = _("met") if figure.met else _("not met")
            result_style = STYLES["met"] if figure.met else STYLES["missed"]
        rows.append(
            [
                Paragraph(escape(figure.label), cell),
                Paragraph(escape(figure.value), cell),
                Paragraph(escape(figure.target or "—"), cell),
                Paragraph(escape(result), result_style),
            ]
        )
    table = Table(rows, colWidths=[WIDTH * 0.42, WIDTH * 0.3, WIDTH * 0.16, WIDTH * 0.12])
    table.setStyle(TableStyle(style))
    return table


def report_pdf(community, period: Period, sections: list[Section], published_at=None) -> bytes:
    """The report on A4 pages: title, period, then each section with figures and chart."""
    buffer = BytesIO()
    title = _("Management service report")
    doc = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=18 * mm,
        rightMargin=18 * mm,
        topMargin=18 * mm,
        bottomMargin=18 * mm,
        title=f"{community.name} · {title} · {period.label}",
        author=community.name,
    )
    story = [
        Paragraph(escape(f"{community.name} {title}"), STYLES["title"]),
        Paragraph(escape(str(period.label)), STYLES["period"]),
    ]
    for section in sections:
        story.append(Paragraph(escape(section.title), STYLES["section"]))
        story.append(_figure_table(section))
        if section.chart is not None:
            story.append(Spacer(1, 3 * mm))
            story.append(KeepTogether([drawing(section.chart, FONT, WIDTH)]))
        if section.note:
            story.append(Spacer(1, 2 * mm))
            story.append(Paragraph(escape(section.note), STYLES["note"]))
    if not sections:
        story.append(Paragraph(escape(_("Nothing to report for this period.")), STYLES["cell"]))
    when = published_at or timezone.now()
    story += [
        Spacer(1, 8 * mm),
        Paragraph(escape(community.name), STYLES["small"]),
        Paragraph(escape(date_format(timezone.localtime(when), "DATE_FORMAT")), STYLES["small"]),
    ]
    doc.build(story)
    return buffer.getvalue()
