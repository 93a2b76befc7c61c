"""Notices as A4 PDFs for the bulletin board (ReportLab; its CID font STSong-Light prints
Chinese without any font file)."""

from __future__ import annotations

from io import BytesIO
from xml.sax.saxutils import escape

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer

from .models import Notice

FONT = "STSong-Light"
pdfmetrics.registerFont(UnicodeCIDFont(FONT))

STYLES = {
    "kind": ParagraphStyle("kind", fontName=FONT, fontSize=11, leading=16, alignment=TA_CENTER),
    "title": ParagraphStyle(
        "title", fontName=FONT, fontSize=20, leading=28, alignment=TA_CENTER, spaceAfter=8 * mm
    ),
    "body": ParagraphStyle(
        "body", fontName=FONT, fontSize=12.5, leading=21, firstLineIndent=25, spaceAfter=3 * mm
    ),
    "sign": ParagraphStyle("sign", fontName=FONT, fontSize=12.5, leading=21, alignment=TA_RIGHT),
    "small": ParagraphStyle("small", fontName=FONT, fontSize=9, leading=13, alignment=TA_RIGHT),
}


def notice_pdf(notice: Notice) -> bytes:
    """The notice on A4: kind, title, text, the community and the date it was published."""
    buffer = BytesIO()
    doc = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=25 * mm,
        rightMargin=25 * mm,
        topMargin=25 * mm,
        bottomMargin=25 * mm,
        title=notice.title,
        author=notice.community.name,
    )
    published = notice.published_at or timezone.now()
    story = [
        Paragraph(escape(notice.get_kind_display()), STYLES["kind"]),
        Paragraph(escape(notice.title), STYLES["title"]),
    ]
    for paragraph in notice.body.replace("\r\n", "\n").split("\n"):
        if paragraph.strip():
            story.append(Paragraph(escape(paragraph.strip()), STYLES["body"]))
    story += [
        Spacer(1, 10 * mm),
        Paragraph(escape(notice.community.name), STYLES["sign"]),
        Paragraph(
            escape(date_format(timezone.localtime(published), "DATE_FORMAT")), STYLES["sign"]
        ),
    ]
    if notice.community.service_phone:
        story.append(
            Paragraph(
                escape(_("Property office: %(phone)s") % {"phone": notice.community.service_phone}),
                STYLES["small"],
            )
        )
    if notice.expires_on:
        story.append(
            Paragraph(
                escape(
                    _("Posted until %(date)s")
                    % {"date": date_format(notice.expires_on, "DATE_FORMAT")}
                ),
                STYLES["small"],
            )
        )
    doc.build(story)
    return buffer.getvalue()
