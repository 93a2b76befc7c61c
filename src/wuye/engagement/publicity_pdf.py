"""A publication as an A4 PDF for the bulletin board (ReportLab, STSong-Light for Chinese).

The board copy shows totals by category; a committee member's or the office's copy lists the
lines under each category as well.
"""

from __future__ import annotations

from io import BytesIO
from xml.sax.saxutils import escape

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from .models import FundPeriod
from .pdf import FONT, STYLES
from .publicity_queries import Ledger

WIDTH = 160 * mm
CELL = ParagraphStyle("cell", fontName=FONT, fontSize=10.5, leading=14)


def _money(value) -> str:
    return f"¥{value:,.2f}"


def _table(rows: list[list[str]], bold_rows: list[int]) -> Table:
    # Descriptions are typed by staff and may be long: they wrap inside their column.
    rows = [[Paragraph(escape(label), CELL), amount] for label, amount in rows]
    table = Table(rows, colWidths=[WIDTH - 45 * mm, 45 * mm], repeatRows=1)
    style = [
        ("FONTNAME", (0, 0), (-1, -1), FONT),
        ("FONTSIZE", (0, 0), (-1, -1), 10.5),
        ("ALIGN", (1, 0), (1, -1), "RIGHT"),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("LINEBELOW", (0, 0), (-1, 0), 0.8, colors.black),
        ("LINEABOVE", (0, -1), (-1, -1), 0.8, colors.black),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
    ]
    for row in bold_rows:
        style.append(("BACKGROUND", (0, row), (-1, row), colors.HexColor("#f1f3f5")))
    table.setStyle(TableStyle(style))
    return table


def _side(title: str, rows: list[dict], total, detail: bool) -> Table:
    data, shaded = [[title, _("Amount")]], []
    for row in rows:
        if not row["amount"]:
            continue
        shaded.append(len(data))
        data.append([str(row["label"]), _money(row["amount"])])
        if detail:
            data += [[f"\u3000{line.description}", _money(line.amount)] for line in row["lines"]]
    data.append([_("Total"), _money(total)])
    return _table(data, shaded if detail else [])


def publicity_pdf(period: FundPeriod, ledger: Ledger, detail: bool) -> bytes:
    """The publication on A4: income and spending by category (with lines when `detail`),
    common-area income and the maintenance fund's share, and its status."""
    buffer = BytesIO()
    title = _("Fund-usage publicity, %(period)s") % {"period": period.label}
    doc = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=25 * mm,
        rightMargin=25 * mm,
        topMargin=20 * mm,
        bottomMargin=20 * mm,
        title=title,
        author=period.community.name,
    )
    span = _("%(first)s to %(last)s") % {
        "first": date_format(period.start, "DATE_FORMAT"),
        "last": date_format(period.last_day, "DATE_FORMAT"),
    }
    story = [
        Paragraph(escape(period.community.name), STYLES["kind"]),
        Paragraph(escape(title), STYLES["title"]),
        Paragraph(escape(span), STYLES["kind"]),
        Spacer(1, 6 * mm),
    ]
    if period.corrects_id:
        story.append(
            Paragraph(
                escape(
                    _("This publication corrects the one published on %(date)s.")
                    % {
                        "date": date_format(
                            timezone.localtime(period.corrects.published_at), "DATE_FORMAT"
                        )
                    }
                ),
                STYLES["body"],
            )
        )
    if period.note:
        story.append(Paragraph(escape(period.note), STYLES["body"]))
    story += [
        _side(_("Income"), ledger.income_rows, ledger.income, detail),
        Spacer(1, 5 * mm),
        _side(_("Spending"), ledger.spending_rows, ledger.spending, detail),
        Spacer(1, 5 * mm),
        _table(
            [
                [_("Common-area income (kept apart)"), _("Amount")],
                [_("Common-area income"), _money(ledger.common_area_income)],
                [_("Costs of common-area income"), _money(ledger.common_area_costs)],
                [
                    _("To the maintenance fund (%(percent)s per cent after costs)")
                    % {"percent": ledger.percent_text},
                    _money(ledger.top_up),
                ],
                [_("Remaining for the owners"), _money(ledger.common_area_remainder)],
            ],
            [],
        ),
        Spacer(1, 5 * mm),
        _table(
            [
                [_("Balance"), ""],
                [_("Income less spending"), _money(ledger.balance)],
            ],
            [],
        ),
        Spacer(1, 10 * mm),
        Paragraph(escape(period.community.name), STYLES["sign"]),
    ]
    if period.published_at:
        published = date_format(timezone.localtime(period.published_at), "DATE_FORMAT")
        story.append(Paragraph(escape(published), STYLES["sign"]))
    else:
        story.append(Paragraph(escape(_("Draft, not published")), STYLES["sign"]))
    corrected_by = getattr(period, "corrected_by", None)
    if corrected_by is not None and corrected_by.published_at:
        story.append(
            Paragraph(
                escape(
                    _("Corrected by the publication of %(date)s.")
                    % {
                        "date": date_format(
                            timezone.localtime(corrected_by.published_at), "DATE_FORMAT"
                        )
                    }
                ),
                STYLES["small"],
            )
        )
    doc.build(story)
    return buffer.getvalue()
