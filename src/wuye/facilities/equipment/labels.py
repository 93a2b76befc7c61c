"""An item's QR label: its code, name and place, and a QR code of its page's address, so that
a technician's phone opens the item where it stands."""

from __future__ import annotations

import io

from django.utils.translation import gettext as _
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A6
from reportlab.lib.units import mm
from reportlab.platypus import Image, Spacer

from wuye.core import pdf
from wuye.core.qr import qr_png

QR_SIZE = 55 * mm
STYLES = {
    "community": pdf.style("equipment-label-community", size=9, alignment=TA_CENTER),
    "code": pdf.style("equipment-label-code", size=16, bold=True, alignment=TA_CENTER),
    "text": pdf.style("equipment-label-text", size=10, alignment=TA_CENTER),
}


def label_pdf(item, community, address: str) -> bytes:
    """One A6 label for the item; `address` is the absolute URL of its page."""
    buffer = io.BytesIO()
    doc = pdf.document(
        buffer, pagesize=A6, margins=(8, 8, 8, 8), title=_("Equipment label"), author=community.name
    )
    place = " · ".join(str(part) for part in (item.building, item.floor, item.place) if part)
    story = [
        pdf.paragraph(community.name, STYLES["community"]),
        Spacer(1, 2 * mm),
        pdf.paragraph(item.code, STYLES["code"]),
        pdf.paragraph(f"{item.name} · {item.get_kind_display()}", STYLES["text"]),
        Spacer(1, 3 * mm),
        Image(io.BytesIO(qr_png(address)), QR_SIZE, QR_SIZE),
        Spacer(1, 2 * mm),
    ]
    if place:
        story.append(pdf.paragraph(place, STYLES["text"]))
    story.append(pdf.paragraph(_("Scan to open this item's page."), STYLES["text"]))
    doc.build(story)
    return buffer.getvalue()
