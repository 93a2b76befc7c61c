"""A publication as an A4 PDF for the bulletin board, in the embedded font of `core.pdf`.

The board copy shows totals by category; a committee member's or the office's copy lists the
lines under each category as well.
"""

from __future__ import annotations

from io import BytesIO

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.platypus import Spacer, Table

from wuye.core import pdf

from ..models import FundPeriod
from .queries import Ledger

WIDTH = 160 * mm
STYLE = {
    "cell": pdf.style("cell", size=10.5, leading=14),
    "line": pdf.style("line", size=10.5, leading=14, leftIndent=6 * mm),
    "head": pdf.style("head", size=10.5, leading=14, bold=True),
    "amount": pdf.style("amount", size=10.5, leading=14, alignment=TA_RIGHT),
    "head_amount": pdf.style("head_amount", size=10.5, leading=14, bold=True, alignment=TA_RIGHT),
}


def _table(rows: list[list[str]], shaded: list[int], lines: set[int] = frozenset()) -> Table:
    """Label and amount rows; the first and the last (the total) in bold, `lines` indented."""
    # Descriptions are typed by staff and may be long: they wrap inside their column.
    last = len(rows) - 1
    cells = []
    for n, (label, amount) in enumerate(rows):
        bold = n in (0, last)
        cells.append(
            [
                pdf.paragraph(label, STYLE["head" if bold else "line" if n in lines else "cell"]),
                pdf.paragraph(amount, STYLE["head_amount" if bold else "amount"]),
            ]
        )
    style = [
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("LINEBELOW", (0, 0), (-1, 0), 0.8, colors.black),
        ("LINEABOVE", (0, -1), (-1, -1), 0.8, colors.black),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
    ]
    for row in shaded:
        style.append(("BACKGROUND", (0, row), (-1, row), colors.HexColor("#f1f3f5")))
    return pdf.table(cells, style, colWidths=[WIDTH - 45 * mm, 45 * mm], repeatRows=1)


def _side(title: str, rows: list[dict], total, detail: bool) -> Table:
    data, shaded, lines = [[title, _("Amount")]], [], set()
    for row in rows:
        if not row["amount"]:
            continue
        shaded.append(len(data))
        data.append([str(row["label"]), pdf.money(row["amount"])])
        if detail:
            for line in row["lines"]:
                lines.add(len(data))
                data.append([line.description, pdf.money(line.amount)])
    data.append([_("Total"), pdf.money(total)])
    return _table(data, shaded if detail else [], lines)


def publicity_pdf(period: FundPeriod, ledger: Ledger, detail: bool) -> bytes:
    """The publication on A4: income and spending by category (with lines when `detail`),
    common-area income and the maintenance fund's share, and its status."""
    buffer = BytesIO()
    title = _("Fund-usage publicity, %(period)s") % {"period": period.label}
    doc = pdf.document(
        buffer,
        pagesize=A4,
        margins=(20, 25, 20, 25),
        title=title,
        author=period.community.name,
    )
    span = _("%(first)s to %(last)s") % {
        "first": date_format(period.start, "DATE_FORMAT"),
        "last": date_format(period.last_day, "DATE_FORMAT"),
    }
    story = [
        pdf.paragraph(period.community.name, pdf.BULLETIN["kind"]),
        pdf.paragraph(title, pdf.BULLETIN["title"]),
        pdf.paragraph(span, pdf.BULLETIN["kind"]),
        Spacer(1, 6 * mm),
    ]
    if period.corrects_id:
        story.append(
            pdf.paragraph(
                _("This publication corrects the one published on %(date)s.")
                % {
                    "date": date_format(
                        timezone.localtime(period.corrects.published_at), "DATE_FORMAT"
                    )
                },
                pdf.BULLETIN["body"],
            )
        )
    if period.note:
        story.append(pdf.paragraph(period.note, pdf.BULLETIN["body"]))
    story += [
        _side(_("Income"), ledger.income_rows, ledger.income, detail),
        Spacer(1, 5 * mm),
        _side(_("Spending"), ledger.spending_rows, ledger.spending, detail),
        Spacer(1, 5 * mm),
        _table(
            [
                [_("Common-area income (kept apart)"), _("Amount")],
                [_("Common-area income"), pdf.money(ledger.common_area_income)],
                [_("Costs of common-area income"), pdf.money(ledger.common_area_costs)],
                [
                    _("To the maintenance fund (%(percent)s per cent after costs)")
                    % {"percent": ledger.percent_text},
                    pdf.money(ledger.top_up),
                ],
                [_("Remaining for the owners"), pdf.money(ledger.common_area_remainder)],
            ],
            [],
        ),
        Spacer(1, 5 * mm),
        _table(
            [
                [_("Balance"), ""],
                [_("Income less spending"), pdf.money(ledger.balance)],
            ],
            [],
        ),
        Spacer(1, 10 * mm),
        pdf.paragraph(period.community.name, pdf.BULLETIN["sign"]),
    ]
    if period.published_at:
        published = date_format(timezone.localtime(period.published_at), "DATE_FORMAT")
        story.append(pdf.paragraph(published, pdf.BULLETIN["sign"]))
    else:
        story.append(pdf.paragraph(_("Draft, not published"), pdf.BULLETIN["sign"]))
    corrected_by = getattr(period, "corrected_by", None)
    if corrected_by is not None and corrected_by.published_at:
        story.append(
            pdf.paragraph(
                _("Corrected by the publication of %(date)s.")
                % {
                    "date": date_format(
                        timezone.localtime(corrected_by.published_at), "DATE_FORMAT"
                    )
                },
                pdf.BULLETIN["small"],
            )
        )
    doc.build(story)
    return buffer.getvalue()
