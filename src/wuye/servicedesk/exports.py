"""The customer center's registers as workbooks for staff who keep them in Excel."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from django.utils import timezone
from django.utils.translation import gettext as _

from wuye.core.spreadsheets import workbook

from .models import ReplyChannel, WorkOrder


def register_filename(day: date) -> str:
    """The download's name in the reader's language (投诉答复登记-2026-12-06.xlsx)."""
    return _("complaint-replies-%(day)s.xlsx") % {"day": day.isoformat()}


def _local(moment) -> str:
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M") if moment else ""


def register_workbook(day: date, rows: Iterable[WorkOrder]) -> bytes:
    """The daily register of replies (每日答复登记) of `day`: one row per complaint open that
    day (see `queries.complaint_register`), with that day's replies."""
    channels = dict(ReplyChannel.choices)
    header = [
        _("Number"),
        _("Home or place"),
        _("Complainant"),
        _("Received"),
        _("Status"),
        _("Named responder"),
        _("Reply promised by"),
        _("Replied that day"),
        _("Replies of the day"),
    ]

    def lines():
        for order in rows:
            replies = "\n".join(
                f"{_local(e.at)} {channels.get(e.data.get('channel'), '')} "
                f"{e.data.get('replied_by', '')}: {e.note}"
                for e in order.day_replies
            )
            yield [
                order.number,
                order.where,
                order.contact_name,
                _local(order.created_at),
                order.get_status_display(),
                (order.responder.get_full_name() or order.responder.get_username())
                if order.responder_id
                else "",
                _local(order.reply_promised_at),
                _("Yes") if order.answered else _("No"),
                replies,
            ]

    title = _("Replies %(day)s") % {"day": day.isoformat()}
    return workbook([(title, header, lines())])
