"""Printable checkpoint labels: one per active checkpoint, with its name and place, to fix on
the spot or keep in the control room.

Only a printed-QR checkpoint's label carries a code: its signed payload (`qr_payload`), which
is what the guard's phone scans there. An NFC, GPS or rotating-code checkpoint is proven by
something a sheet of paper cannot carry, so its label only says how: the tag fixed at the
spot, the phone's position within the checkpoint's radius, or the code the screen there shows
that half-minute. No label prints a tag's UID, a secret or a code that could be typed in."""

from __future__ import annotations

import io

from django.utils.translation import gettext as _
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.platypus import Image, Spacer

from wuye.core import pdf
from wuye.core.qr import qr_png

from .models import Checkpoint, Verification
from .services import qr_payload

COLUMNS = 2
QR_SIZE = 42 * mm
CELL_WIDTH = 85 * mm

STYLES = {
    "community": pdf.style("label-community", size=8, alignment=TA_CENTER),
    "name": pdf.style("label-name", size=15, bold=True, alignment=TA_CENTER),
    "place": pdf.style("label-place", size=10, alignment=TA_CENTER),
    "how": pdf.style("label-how", size=9, alignment=TA_CENTER),
}


def how_proven(checkpoint: Checkpoint) -> str:
    """What proves a guard was at the checkpoint, as its label says it."""
    if checkpoint.verification == Verification.QR:
        return _("Scan this code with the patrol page.")
    if checkpoint.verification == Verification.NFC:
        return _("Proven by the NFC tag fixed here: hold the phone to the tag.")
    if checkpoint.verification == Verification.GPS:
        return _("Proven by the phone's position within %(metres)d m of this spot.") % {
            "metres": checkpoint.radius_m
        }
    return _("Proven by the code the screen here shows: it changes every 30 seconds.")


def _label(checkpoint: Checkpoint, community_name: str) -> list:
    cell = [
        pdf.paragraph(community_name, STYLES["community"]),
        Spacer(1, 2 * mm),
        pdf.paragraph(checkpoint.name, STYLES["name"]),
    ]
    if checkpoint.place:
        cell.append(pdf.paragraph(checkpoint.place, STYLES["place"]))
    cell.append(Spacer(1, 3 * mm))
    if checkpoint.verification == Verification.QR:
        image = Image(io.BytesIO(qr_png(qr_payload(checkpoint))), QR_SIZE, QR_SIZE)
        cell.extend([image, Spacer(1, 2 * mm)])
    else:
        cell.append(pdf.paragraph(_("No code to scan"), STYLES["place"]))
        cell.append(Spacer(1, 2 * mm))
    cell.append(pdf.paragraph(how_proven(checkpoint), STYLES["how"]))
    return cell


def labels_pdf(community) -> bytes:
    """The labels of the community's active checkpoints, two across an A4 page, cut lines
    drawn around each."""
    checkpoints = list(Checkpoint.objects.filter(community=community, active=True))
    buffer = io.BytesIO()
    doc = pdf.document(
        buffer,
        pagesize=A4,
        margins=(12, 12, 12, 12),
        title=_("Checkpoint labels"),
        author=community.name,
    )
    cells = [_label(checkpoint, community.name) for checkpoint in checkpoints]
    if not cells:
        story = [pdf.paragraph(_("No active checkpoint."), STYLES["place"])]
    else:
        while len(cells) % COLUMNS:
            cells.append("")
        rows = [cells[i : i + COLUMNS] for i in range(0, len(cells), COLUMNS)]
        story = [
            pdf.table(
                rows,
                [
                    ("GRID", (0, 0), (-1, -1), 0.5, "#adb5bd"),
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("ALIGN", (0, 0), (-1, -1), "CENTER"),
                    ("TOPPADDING", (0, 0), (-1, -1), 6 * mm),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 6 * mm),
                ],
                colWidths=[CELL_WIDTH] * COLUMNS,
                repeatRows=0,
            )
        ]
    doc.build(story)
    return buffer.getvalue()
