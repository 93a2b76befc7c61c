"""The management service report as an A4 PDF for the bulletin board: each section's figures
beside their targets, met or not, and its chart drawn as vectors, in the embedded font of
`core.pdf`."""

from __future__ import annotations

from io import BytesIO

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, Spacer, Table

from wuye.core import pdf
from wuye.core.report import Period, Section

from .charts import drawing

GREEN, RED = colors.HexColor("#198754"), colors.HexColor("#dc3545")
STYLES = {
    "title": pdf.style("title", size=18, leading=26, bold=True, alignment=TA_CENTER),
    "period": pdf.style("period", size=11, leading=16, alignment=TA_CENTER, spaceAfter=6 * mm),
    "section": pdf.style(
        "section", size=13, leading=18, bold=True, spaceBefore=5 * mm, spaceAfter=2 * mm
    ),
    "cell": pdf.style("cell", size=9, leading=12),
    "head": pdf.style("head", size=9, leading=12, bold=True),
    "met": pdf.style("met", size=9, leading=12, textColor=GREEN),
    "missed": pdf.style("missed", size=9, leading=12, textColor=RED),
    "note": pdf.style("note", size=8, leading=11, textColor=colors.HexColor("#6c757d")),
    "small": pdf.style("small", size=9, leading=13, alignment=TA_RIGHT),
}
WIDTH = A4[0] - 36 * mm


def _figure_table(section: Section) -> Table:
    cell = STYLES["cell"]
    rows = [
        [
            pdf.paragraph(_("Figure"), STYLES["head"]),
            pdf.paragraph(_("Value"), STYLES["head"]),
            pdf.paragraph(_("Target"), STYLES["head"]),
            pdf.paragraph(pgettext("against target", "Result"), STYLES["head"]),
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
                pdf.paragraph(figure.label, cell),
                pdf.paragraph(figure.value, cell),
                pdf.paragraph(figure.target or "—", cell),
                pdf.paragraph(result, result_style),
            ]
        )
    return pdf.table(rows, style, colWidths=[WIDTH * 0.42, WIDTH * 0.3, WIDTH * 0.16, WIDTH * 0.12])


def report_pdf(community, period: Period, sections: list[Section], published_at=None) -> bytes:
    """The report on A4 pages: title, period, then each section with figures and chart."""
    buffer = BytesIO()
    title = _("Management service report")
    doc = pdf.document(
        buffer,
        pagesize=A4,
        margins=(18, 18, 18, 18),
        title=f"{community.name} · {title} · {period.label}",
        author=community.name,
    )
    story = [
        pdf.paragraph(f"{community.name} {title}", STYLES["title"]),
        pdf.paragraph(str(period.label), STYLES["period"]),
    ]
    for section in sections:
        story.append(pdf.paragraph(section.title, STYLES["section"]))
        story.append(_figure_table(section))
        if section.chart is not None:
            story.append(Spacer(1, 3 * mm))
            story.append(KeepTogether([drawing(section.chart, pdf.FONT, WIDTH)]))
        if section.note:
            story.append(Spacer(1, 2 * mm))
            story.append(pdf.paragraph(section.note, STYLES["note"]))
    if not sections:
        story.append(pdf.paragraph(_("Nothing to report for this period."), STYLES["cell"]))
    when = published_at or timezone.now()
    story += [
        Spacer(1, 8 * mm),
        pdf.paragraph(community.name, STYLES["small"]),
        pdf.paragraph(date_format(timezone.localtime(when), "DATE_FORMAT"), STYLES["small"]),
    ]
    doc.build(story)
    return buffer.getvalue()
