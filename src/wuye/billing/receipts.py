"""Receipts (收据) as PDF: what was paid for which home and period, in figures and in capitals.

ReportLab's CID font STSong-Light prints Chinese with no font file. A reprint is marked as a
copy (副本) and a voided payment's receipt as void, so a paper receipt never passes for money
taken twice.
"""

from __future__ import annotations

from io import BytesIO
from xml.sax.saxutils import escape

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.pagesizes import A5, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from . import calc
from .models import Payment

FONT = "STSong-Light"
pdfmetrics.registerFont(UnicodeCIDFont(FONT))

STYLES = {
    "title": ParagraphStyle("title", fontName=FONT, fontSize=18, leading=24, alignment=TA_CENTER),
    "mark": ParagraphStyle(
        "mark", fontName=FONT, fontSize=12, leading=16, alignment=TA_RIGHT, textColor=colors.red
    ),
    "text": ParagraphStyle("text", fontName=FONT, fontSize=10, leading=14),
    "right": ParagraphStyle("right", fontName=FONT, fontSize=10, leading=14, alignment=TA_RIGHT),
}


def _p(text: str, style: str = "text") -> Paragraph:
    return Paragraph(escape(str(text)), STYLES[style])


def receipt_marks(payment: Payment, *, copy: bool) -> list[str]:
    """The words stamped on a receipt: void (作废) and copy (副本)."""
    marks = []
    if payment.status == Payment.Status.VOID:
        marks.append(_("VOID"))
    if copy:
        marks.append(_("COPY"))
    return marks


def receipt_pdf(payment: Payment, *, copy: bool) -> bytes:
    """The payment's receipt on A5 landscape; `copy` marks a reprint (副本)."""
    payment = (
        Payment.objects.select_related("community", "unit__building", "cashier")
        .prefetch_related("allocations__charge__fee_item")
        .get(pk=payment.pk)
    )
    buffer = BytesIO()
    doc = SimpleDocTemplate(
        buffer,
        pagesize=landscape(A5),
        leftMargin=12 * mm,
        rightMargin=12 * mm,
        topMargin=10 * mm,
        bottomMargin=10 * mm,
        title=payment.receipt_number,
        author=payment.community.name,
    )
    marks = receipt_marks(payment, copy=copy)
    received = timezone.localtime(payment.received_at)
    story = [
        _p(" · ".join(marks), "mark") if marks else Spacer(1, 16),
        _p(_("%(community)s — Receipt") % {"community": payment.community.name}, "title"),
        Spacer(1, 4 * mm),
        Table(
            [
                [
                    _p(_("Receipt number: %(n)s") % {"n": payment.receipt_number}),
                    _p(_("Date: %(d)s") % {"d": date_format(received, "DATETIME_FORMAT")}),
                ],
                [
                    _p(_("Home: %(home)s") % {"home": payment.unit.label}),
                    _p(_("Paid by: %(method)s") % {"method": payment.get_method_display()}),
                ],
            ],
            colWidths=["50%", "50%"],
        ),
        Spacer(1, 3 * mm),
    ]
    rows = [[_p(_("Fee item")), _p(_("Period")), _p(_("Amount (¥)"), "right")]]
    for allocation in payment.allocations.all():
        charge = allocation.charge
        rows.append(
            [_p(charge.fee_item.label), _p(charge.period), _p(f"{allocation.amount:,.2f}", "right")]
        )
    allocated = sum((a.amount for a in payment.allocations.all()), calc.ZERO)
    prepaid = payment.amount - allocated
    if prepaid > 0:
        rows.append([_p(_("To the prepaid balance")), _p(""), _p(f"{prepaid:,.2f}", "right")])
    rows.append(
        [
            _p(_("Total in words: %(words)s") % {"words": calc.in_capitals(payment.amount)}),
            _p(""),
            _p(f"¥{payment.amount:,.2f}", "right"),
        ]
    )
    table = Table(rows, colWidths=["55%", "20%", "25%"], repeatRows=1)
    table.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
                ("BACKGROUND", (0, 0), (-1, 0), colors.whitesmoke),
                ("SPAN", (0, -1), (1, -1)),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ]
        )
    )
    cashier = ""
    if payment.cashier is not None:
        cashier = payment.cashier.get_full_name() or payment.cashier.get_username()
    story += [
        table,
        Spacer(1, 4 * mm),
        _p(_("Cashier: %(name)s") % {"name": cashier}),
    ]
    if payment.status == Payment.Status.VOID:
        story.append(_p(_("Voided: %(reason)s") % {"reason": payment.void_reason}))
    doc.build(story)
    return buffer.getvalue()
