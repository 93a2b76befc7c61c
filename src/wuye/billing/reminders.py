"""Reminder notices (催缴通知单) as PDF: what a home owes, per charge, and how to pay.

One page per home; a building's batch is one file. The notice asks for payment and nothing
else: the law gives a property company no right to cut water, power, heating or gas.
"""

from __future__ import annotations

from io import BytesIO

from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.platypus import PageBreak, SimpleDocTemplate, Spacer, Table, TableStyle

from .receipts import _p


def _notice(home: dict, community, on) -> list:
    unit = home["unit"]
    owners = "、".join(home["owners"]) or unit.label
    rows = [
        [
            _p(_("Fee item")),
            _p(_("Period")),
            _p(pgettext("charge due date", "Due")),
            _p(_("Owed (¥)"), "right"),
        ]
    ]
    for charge in home["charges"]:
        name = charge.fee_item.name
        if charge.description:
            name = f"{name} · {charge.description}"
        rows.append(
            [
                _p(name),
                _p(charge.period),
                _p(date_format(charge.due_date, "SHORT_DATE_FORMAT")),
                _p(f"{charge.outstanding:,.2f}", "right"),
            ]
        )
    rows.append([_p(_("Total")), _p(""), _p(""), _p(f"¥{home['total']:,.2f}", "right")])
    table = Table(rows, colWidths=["46%", "16%", "18%", "20%"], repeatRows=1)
    table.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
                ("BACKGROUND", (0, 0), (-1, 0), colors.whitesmoke),
                ("SPAN", (0, -1), (2, -1)),
            ]
        )
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
            "right",
        ),
    ]


def reminders_pdf(homes: list[dict], community, on) -> bytes:
    """One notice page per home, in the order given."""
    buffer = BytesIO()
    doc = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=18 * mm,
        rightMargin=18 * mm,
        topMargin=18 * mm,
        bottomMargin=18 * mm,
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
