"""Reminder notices (催缴通知单) as PDF: what a home owes, per charge, and how to pay.

One page per home; a building's batch is one file. The notice asks for payment and nothing
else: the law gives a property company no right to cut water, power, heating or gas.
"""

from __future__ import annotations

from io import BytesIO

from django.utils.formats import date_format
from django.utils.translation import gettext as _
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.platypus import PageBreak, Spacer

from wuye.core import pdf

STYLES = {
    "title": pdf.style("title", size=18, leading=26, bold=True, alignment=TA_CENTER),
    "text": pdf.style("text", size=11),
    "head": pdf.style("head", size=10.5, bold=True),
    "head_right": pdf.style("head_right", size=10.5, bold=True, alignment=TA_RIGHT),
    "cell": pdf.style("cell", size=10.5),
    "right": pdf.style("right", size=10.5, alignment=TA_RIGHT),
    "total": pdf.style("total", size=10.5, bold=True, alignment=TA_RIGHT),
    "sign": pdf.style("sign", size=11, alignment=TA_RIGHT),
}


def _p(text, style: str = "text"):
    return pdf.paragraph(text, STYLES[style])


def _notice(home: dict, community, on) -> list:
    unit = home["unit"]
    owners = "、".join(home["owners"]) or unit.label
    rows = [
        [
            _p(_("Fee item"), "head"),
            _p(_("Period"), "head"),
            _p(_("Due by"), "head"),
            _p(_("Owed (¥)"), "head_right"),
        ]
    ]
    for charge in home["charges"]:
        name = charge.fee_item.label
        if charge.description:
            name = f"{name} · {charge.description}"
        rows.append(
            [
                _p(name, "cell"),
                _p(charge.period, "cell"),
                _p(date_format(charge.due_date, "SHORT_DATE_FORMAT"), "cell"),
                _p(f"{charge.outstanding:,.2f}", "right"),
            ]
        )
    rows.append([_p(_("Total"), "head"), _p(""), _p(""), _p(pdf.money(home["total"]), "total")])
    table = pdf.table(
        rows,
        [
            ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
            ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#f1f3f5")),
            ("SPAN", (0, -1), (2, -1)),
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ],
        colWidths=["45%", "13%", "22%", "20%"],
        repeatRows=1,
    )
    return [
        _p(_("%(community)s — Payment reminder") % {"community": community.name}, "title"),
        Spacer(1, 6 * mm),
        _p(_("Home: %(home)s") % {"home": unit.label}),
        _p(_("Dear %(owners)s,") % {"owners": owners}),
        Spacer(1, 2 * mm),
        _p(
            _(
                "Our records show the charges below still unpaid as of %(on)s. Please pay them "
                "at the property office or in the owner portal. If you have paid already, "
                "please disregard this notice; if a charge looks wrong, tell us and we will "
                "check it with you."
            )
            % {"on": date_format(on, "DATE_FORMAT")}
        ),
        Spacer(1, 4 * mm),
        table,
        Spacer(1, 6 * mm),
        _p(
            _("%(community)s property office, %(on)s")
            % {"community": community.name, "on": date_format(on, "DATE_FORMAT")},
            "sign",
        ),
    ] + (
        [_p(_("Property office: %(phone)s") % {"phone": community.service_phone}, "sign")]
        if community.service_phone
        else []
    )


def reminders_pdf(homes: list[dict], community, on) -> bytes:
    """One notice page per home, in the order given."""
    buffer = BytesIO()
    doc = pdf.document(
        buffer,
        pagesize=A4,
        margins=(18, 18, 18, 18),
        title=_("Payment reminder"),
        author=community.name,
    )
    story: list = []
    for index, home in enumerate(homes):
        if index:
            story.append(PageBreak())
        story += _notice(home, community, on)
    if not story:
        story.append(_p(_("No home owes anything as of this date.")))
    doc.build(story)
    return buffer.getvalue()
