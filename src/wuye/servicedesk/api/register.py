"""The daily register of replies to complaints (每日答复登记)."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Query, Router

from wuye.core import policy
from wuye.core.api import Id, errors
from wuye.core.validators import conflict
from wuye.estates.queries import communities_visible_to

from .. import queries
from .common import person_name
from .schemas import RegisterOut, RegisterParams

router = Router()


def _register_day(day: date | None) -> date:
    """The day of the register asked for: today when left out; never a day to come."""
    today = timezone.localdate()
    if day is None:
        return today
    if day > today:
        raise ValidationError({"day": [conflict(_("Choose today or a day before."))]})
    return day


@router.get(
    "/communities/{community_id}/complaint-register",
    response={200: RegisterOut, **errors(400, 401, 403, 404, 409, 422)},
    summary="The daily register of replies (每日答复登记): open complaints, answered that day?",
)
def complaint_register(request, community_id: Id, params: Query[RegisterParams]):
    user = request.auth
    community = get_object_or_404(communities_visible_to(user), pk=community_id)
    if not policy.has_perm(user, "workorder.reply", community.pk):
        raise PermissionDenied(_("You may not do this."))
    day = _register_day(params.day)
    rows = list(queries.complaint_register(user, community.pk, day))
    return {
        "community_id": community.pk,
        "day": day,
        "open": len(rows),
        "answered": sum(1 for o in rows if o.answered),
        "rows": [
            {
                "work_order_id": o.pk,
                "number": o.number,
                "unit_label": o.unit.label if o.unit_id else None,
                "location": o.location,
                "contact_name": o.contact_name,
                "received_at": o.created_at,
                "status": o.status,
                "responder_id": o.responder_id,
                "responder_name": person_name(o.responder) if o.responder_id else None,
                "reply_promised_at": o.reply_promised_at,
                "answered": o.answered,
                "replies": [
                    {
                        "at": e.at,
                        "channel": e.data.get("channel", ""),
                        "replied_by": e.data.get("replied_by", ""),
                        "text": e.note,
                    }
                    for e in o.day_replies
                ],
            }
            for o in rows
        ],
    }
