"""Receipts (收据) as PDF, as a cashier hands them over: who paid (交款人), for which home,
charges and periods, in figures and in capitals, what the home still owes afterwards (尚欠),
the company that took the money with a place for its seal, and the cashier.

A reprint is marked as a copy (副本) and a voided payment's receipt as void, so a paper
receipt never passes for money taken twice.
"""

from __future__ import annotations

from io import BytesIO

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.pagesizes import A5, landscape
from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, Spacer, Table

from wuye.core import pdf

from . import calc, queries
from .models import Payment

GREY = colors.HexColor("#6c757d")
STYLES = {
    "company": pdf.style("company", size=11, leading=15, alignment=TA_CENTER),
    "title": pdf.style("title", size=17, leading=22, bold=True, alignment=TA_CENTER),
    "mark": pdf.style(
        "mark", size=13, leading=17, bold=True, alignment=TA_RIGHT, textColor=colors.red
    ),
    "text": pdf.style("text", size=9.5, leading=13),
    "head": pdf.style("head", size=9.5, leading=13, bold=True),
    "head_right": pdf.style("head_right", size=9.5, leading=13, bold=True, alignment=TA_RIGHT),
    "right": pdf.style("right", size=9.5, leading=13, alignment=TA_RIGHT),
    "total": pdf.style("total", size=9.5, leading=13, bold=True, alignment=TA_RIGHT),
    "owed": pdf.style("owed", size=10, leading=14, bold=True),
    "seal": pdf.style("seal", size=9, alignment=TA_CENTER, textColor=GREY),
}
WIDTH = landscape(A5)[0] - 24 * mm
SEAL = (32 * mm, 22 * mm)
TIGHT = [("TOPPADDING", (0, 0), (-1, -1), 1), ("BOTTOMPADDING", (0, 0), (-1, -1), 1)]


def _p(text, style: str = "text"):
    return pdf.paragraph(text, STYLES[style])


def _amount(value) -> str:
    return f"{value:,.2f}"


def receipt_marks(payment: Payment, *, copy: bool) -> list[str]:
    """The words stamped on a receipt: void (作废) and copy (副本)."""
    marks = []
    if payment.status == Payment.Status.VOID:
        marks.append(_("VOID"))
    if copy:
        marks.append(_("COPY"))
    return marks


def _facts(payment: Payment) -> Table:
    received = timezone.localtime(payment.received_at)
    rows = [
        [
            _p(_("Receipt number: %(n)s") % {"n": payment.receipt_number}),
            _p(_("Date: %(d)s") % {"d": date_format(received, "DATETIME_FORMAT")}),
        ],
        [
            _p(_("Payer: %(name)s") % {"name": payment.payer_name or "—"}),
            _p(_("Home: %(home)s") % {"home": payment.unit.label}),
        ],
        [
            _p(_("Payment method: %(method)s") % {"method": payment.get_method_display()}),
            _p(_("Community: %(name)s") % {"name": payment.community.name}),
        ],
    ]
    return pdf.table(
        rows,
        [("LEFTPADDING", (0, 0), (-1, -1), 0), *TIGHT],
        colWidths=[WIDTH * 0.55, WIDTH * 0.45],
    )


def _charges(payment: Payment, figures: queries.ReceiptFigures) -> Table:
    rows = [
        [
            _p(_("Fee item"), "head"),
            _p(_("Period"), "head"),
            _p(_("Paid now (¥)"), "head_right"),
            _p(_("Still owed (¥)"), "head_right"),
        ]
    ]
    for line in figures.lines:
        name = line.charge.fee_item.label
        if line.charge.description:
            name = f"{name} · {line.charge.description}"
        rows.append(
            [
                _p(name),
                _p(line.charge.period),
                _p(_amount(line.paid), "right"),
                _p(_amount(line.owed_after), "right"),
            ]
        )
    if figures.prepaid > 0:
        rows.append(
            [_p(_("To the prepaid balance")), _p(""), _p(_amount(figures.prepaid), "right"), _p("")]
        )
    rows.append(
        [
            _p(_("Total in words: %(words)s") % {"words": calc.in_capitals(payment.amount)}),
            _p(""),
            _p(pdf.money(payment.amount), "total"),
            _p(""),
        ]
    )
    return pdf.table(
        rows,
        [
            ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
            ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#f1f3f5")),
            ("SPAN", (0, -1), (1, -1)),
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            *TIGHT,
        ],
        colWidths=[WIDTH * 0.5, WIDTH * 0.16, WIDTH * 0.17, WIDTH * 0.17],
        repeatRows=1,
    )


def _header(payment: Payment, marks: list[str]) -> Table:
    """The company and the title, centred; void and copy marks in red on the right."""
    side = 30 * mm
    return pdf.table(
        [
            [
                "",
                [
                    _p(payment.community.company.name, "company"),
                    _p(_("Receipt for payment"), "title"),
                ],
                _p(" · ".join(marks), "mark"),
            ]
        ],
        [("VALIGN", (0, 0), (-1, -1), "TOP"), *TIGHT],
        colWidths=[side, WIDTH - 2 * side, side],
    )


def _footer(payment: Payment, owed: str) -> Table:
    """What the home still owes, the void's reason, who took the money, and the seal."""
    cashier = ""
    if payment.cashier is not None:
        cashier = payment.cashier.get_full_name() or payment.cashier.get_username()
    lines = [_p(owed, "owed")]
    if payment.status == Payment.Status.VOID:
        lines.append(_p(_("Voided: %(reason)s") % {"reason": payment.void_reason}))
    lines += [
        Spacer(1, 2 * mm),
        _p(_("Received by (seal): %(company)s") % {"company": payment.community.company.name}),
        _p(_("Cashier: %(name)s") % {"name": cashier}),
    ]
    seal = pdf.table(
        [[_p(_("Company seal"), "seal")]],
        [
            ("BOX", (0, 0), (-1, -1), 0.6, GREY, None, (2, 2)),
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ],
        colWidths=[SEAL[0]],
        rowHeights=[SEAL[1]],
    )
    return pdf.table(
        [[lines, seal]],
        [
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (0, 0), 0),
            ("RIGHTPADDING", (-1, 0), (-1, 0), 0),
        ],
        colWidths=[WIDTH - SEAL[0] - 6 * mm, SEAL[0] + 6 * mm],
    )


def receipt_pdf(payment: Payment, *, copy: bool) -> bytes:
    """The payment's receipt on A5 landscape; `copy` marks a reprint (副本)."""
    payment = Payment.objects.select_related("community__company", "unit__building", "cashier").get(
        pk=payment.pk
    )
    figures = queries.receipt_figures(payment)
    buffer = BytesIO()
    doc = pdf.document(
        buffer,
        pagesize=landscape(A5),
        margins=(8, 12, 8, 12),
        title=payment.receipt_number,
        author=payment.community.company.name,
    )
    marks = receipt_marks(payment, copy=copy)
    if figures.home_owed_after > 0:
        owed = _("Still owed by this home after this payment: %(amount)s") % {
            "amount": pdf.money(figures.home_owed_after)
        }
    else:
        owed = _("Nothing is owed by this home after this payment.")
    story = [
        _header(payment, marks),
        Spacer(1, 2 * mm),
        _facts(payment),
        Spacer(1, 2 * mm),
        _charges(payment, figures),
        Spacer(1, 2 * mm),
        KeepTogether(_footer(payment, owed)),
    ]
    doc.build(story)
    return buffer.getvalue()
