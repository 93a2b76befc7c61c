"""Notices as A4 PDFs for the bulletin board, in the embedded font of `core.pdf`."""

from __future__ import annotations

from io import BytesIO

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.platypus import Spacer

from wuye.core import pdf

from .models import Notice

STYLES = {
    "kind": pdf.style("kind", size=11, leading=16, alignment=TA_CENTER),
    "title": pdf.style(
        "title", size=20, leading=28, bold=True, alignment=TA_CENTER, spaceAfter=8 * mm
    ),
    "body": pdf.style("body", size=12.5, leading=21, firstLineIndent=25, spaceAfter=3 * mm),
    "sign": pdf.style("sign", size=12.5, leading=21, alignment=TA_RIGHT),
    "small": pdf.style("small", size=9, leading=13, alignment=TA_RIGHT),
}


def notice_pdf(notice: Notice) -> bytes:
    """The notice on A4: kind, title, text, the community and the date it was published."""
    buffer = BytesIO()
    doc = pdf.document(
        buffer,
        pagesize=A4,
        margins=(25, 25, 25, 25),
        title=notice.title,
        author=notice.community.name,
    )
    published = notice.published_at or timezone.now()
    story = [
        pdf.paragraph(notice.get_kind_display(), STYLES["kind"]),
        pdf.paragraph(notice.title, STYLES["title"]),
    ]
    for text in notice.body.replace("\r\n", "\n").split("\n"):
        if text.strip():
            story.append(pdf.paragraph(text.strip(), STYLES["body"]))
    story += [
        Spacer(1, 10 * mm),
        pdf.paragraph(notice.community.name, STYLES["sign"]),
        pdf.paragraph(date_format(timezone.localtime(published), "DATE_FORMAT"), STYLES["sign"]),
    ]
    if notice.community.service_phone:
        story.append(
            pdf.paragraph(
                _("Property office: %(phone)s") % {"phone": notice.community.service_phone},
                STYLES["small"],
            )
        )
    if notice.expires_on:
        story.append(
            pdf.paragraph(
                _("Posted until %(date)s")
                % {"date": date_format(notice.expires_on, "DATE_FORMAT")},
                STYLES["small"],
            )
        )
    doc.build(story)
    return buffer.getvalue()
