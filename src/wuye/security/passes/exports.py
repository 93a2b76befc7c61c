"""Everything held about one visitor, as a workbook (个人信息保护法 第四十五条)."""

from __future__ import annotations

from collections.abc import Iterable

from django.utils import timezone
from django.utils.translation import gettext as _

from wuye.core import spreadsheets
from wuye.core.people import display_name

from .models import Invitation


def _when(moment) -> str:
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M") if moment else ""


def visitor_workbook(invitations: Iterable[Invitation]) -> bytes:
    """The visitor's invitations and every time they passed a gate. The ID number is shown
    masked: the office reveals no more than the gate saw."""
    invitations = list(invitations)
    passes = [
        [
            inv.pk,
            inv.visitor_name,
            inv.visitor_mobile,
            inv.id_number_masked,
            inv.plate,
            inv.host_label,
            inv.get_purpose_display(),
            inv.note,
            _when(inv.valid_from),
            _when(inv.valid_until),
            inv.get_zone_display(),
            inv.entries_allowed,
            inv.entries_used,
            inv.get_status_display(),
            _("yes") if inv.walk_in else _("no"),
            inv.get_confirmed_via_display(),
            _when(inv.created_at),
        ]
        for inv in invitations
    ]
    events = [
        [
            inv.pk,
            inv.visitor_name,
            ev.get_kind_display(),
            ev.gate,
            display_name(ev.guard),
            _when(ev.at),
        ]
        for inv in invitations
        for ev in inv.events.all()
    ]
    return spreadsheets.workbook(
        [
            (
                str(_("Passes")),
                [
                    _("Pass"),
                    _("Visitor's name"),
                    _("Visitor's mobile"),
                    _("ID number"),
                    _("Vehicle plate"),
                    _("Host"),
                    _("Purpose"),
                    _("Note"),
                    _("From"),
                    _("Until"),
                    _("Where"),
                    _("Entries allowed"),
                    _("Entries used"),
                    _("Status"),
                    _("Walk-in"),
                    _("Confirmed"),
                    _("Created at"),
                ],
                passes,
            ),
            (
                str(_("Gate events")),
                [_("Pass"), _("Visitor's name"), _("Kind"), _("Gate"), _("Guard"), _("At")],
                events,
            ),
        ]
    )
