"""The daily register of replies to complaints (每日答复登记): one page per day, kept for
every past day, and its workbook."""

from __future__ import annotations

from datetime import date, timedelta

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils import timezone

from wuye.core import spreadsheets
from wuye.core.params import QueryParams
from wuye.core.web import community_for

from .. import exports, queries
from ..forms import FormKit
from ..models import Status
from .actions import action_form

PERMISSION = "workorder.reply"


def register_day(request) -> date:
    """The day asked for (?day=YYYY-MM-DD), else today; the register of a day to come is
    today's."""
    today = timezone.localdate()
    return min(QueryParams(request).day("day", today), today)


@login_required
def register(request, community_id: int):
    community = community_for(request, community_id, PERMISSION)
    day = register_day(request)
    rows = list(queries.complaint_register(request.user, community.pk, day))
    today = timezone.localdate()
    if day == today:
        # Today's register is where replies are recorded as they are given.
        kit = FormKit(community.pk)
        for order in rows:
            if order.status != Status.CANCELLED:
                order.reply_form = action_form("reply", order, kit, request.user)
    answered = sum(1 for o in rows if o.answered)
    return render(
        request,
        "servicedesk/complaint_register.html",
        {
            "community": community,
            "day": day,
            "today": today,
            "rows": rows,
            "answered": answered,
            "unanswered": len(rows) - answered,
            "previous_day": day - timedelta(days=1),
            "next_day": day + timedelta(days=1) if day < today else None,
        },
    )


@login_required
def register_export(request, community_id: int):
    community = community_for(request, community_id, PERMISSION)
    day = register_day(request)
    rows = queries.complaint_register(request.user, community.pk, day)
    return spreadsheets.response(
        exports.register_workbook(day, rows), exports.register_filename(day)
    )
