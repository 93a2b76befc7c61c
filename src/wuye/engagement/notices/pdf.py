"""Notices as A4 PDFs for the bulletin board, in the embedded font of `core.pdf`."""

from __future__ import annotations

from io import BytesIO

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.platypus import Spacer

from wuye.core import pdf

from ..models import Notice


def notice_pdf(notice: Notice) -> bytes:
    """The notice on A4: kind, title, text, the community and the date it was published.

    Drawn once per version: opening it again serves the same file.
    """
    published = timezone.localdate(notice.published_at) if notice.published_at else None
    return pdf.rendered_once(
        lambda: _draw(notice),
        "notice",
        notice.pk,
        notice.kind,
        notice.title,
        notice.body,
        notice.community.name,
        notice.community.service_phone,
        published or timezone.localdate(),
        notice.expires_on,
    )


def _draw(notice: Notice) -> bytes:
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
        pdf.paragraph(notice.get_kind_display(), pdf.BULLETIN["kind"]),
        pdf.paragraph(notice.title, pdf.BULLETIN["title"]),
    ]
    for text in notice.body.replace("\r\n", "\n").split("\n"):
        if text.strip():
            story.append(pdf.paragraph(text.strip(), pdf.BULLETIN["body"]))
    story += [
        Spacer(1, 10 * mm),
        pdf.paragraph(notice.community.name, pdf.BULLETIN["sign"]),
        pdf.paragraph(
            date_format(timezone.localtime(published), "DATE_FORMAT"), pdf.BULLETIN["sign"]
        ),
    ]
    if notice.community.service_phone:
        story.append(
            pdf.paragraph(
                _("Property office: %(phone)s") % {"phone": notice.community.service_phone},
                pdf.BULLETIN["small"],
            )
        )
    if notice.expires_on:
        story.append(
            pdf.paragraph(
                _("Posted until %(date)s")
                % {"date": date_format(notice.expires_on, "DATE_FORMAT")},
                pdf.BULLETIN["small"],
            )
        )
    doc.build(story)
    return buffer.getvalue()
