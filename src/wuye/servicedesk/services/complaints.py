"""Complaints (投诉): the ten handling steps, and when and by whom the reply will come."""

from __future__ import annotations

from datetime import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from wuye.core import policy

from ..models import (
    COMPLAINT_STEPS,
    Category,
    WorkOrder,
)
from .common import (
    clean_note,
    locked,
    moment,
    save,
    staff_member,
    timeline,
)


@transaction.atomic
def complaint_step_done(
    *, order: WorkOrder, step: int, actor, note: str = "", at: datetime | None = None
) -> WorkOrder:
    """Tick one of the ten steps of complaint handling (1–10) on a complaint."""
    at = moment(at)
    order, _rule = locked(order, "comment", actor, at)
    if not policy.has_perm(actor, "workorder.view", order.community_id):
        raise PermissionDenied(_("You may not do this."))
    if order.category != Category.COMPLAINT:
        raise ValidationError({"step": [_("Only complaints have handling steps.")]})
    if isinstance(step, bool) or not 1 <= step <= len(COMPLAINT_STEPS):
        raise ValidationError({"step": [_("Choose a step from 1 to 10.")]})
    if step not in order.complaint_steps:
        order.complaint_steps = sorted([*order.complaint_steps, step])
        save(order, "complaint_steps")
        timeline(
            order,
            actor=actor,
            action="complaint_step",
            from_status=order.status,
            at=at,
            note=clean_note(note, "note") or str(COMPLAINT_STEPS[step - 1]),
            step=step,
        )
    return order


@transaction.atomic
def complaint_promise(
    *, order: WorkOrder, reply_by: datetime, responder, actor, at: datetime | None = None
) -> WorkOrder:
    """Set when and by whom the complainant will get a reply (a named person, every day)."""
    at = moment(at)
    order, _rule = locked(order, "comment", actor, at)
    if not policy.has_perm(actor, "workorder.accept", order.community_id):
        raise PermissionDenied(_("You may not do this."))
    if order.category != Category.COMPLAINT:
        raise ValidationError({"reply_by": [_("Only complaints have a promised reply.")]})
    responder = staff_member(responder, order.community_id, "responder")
    order.reply_promised_at, order.responder = reply_by, responder
    save(order, "reply_promised_at", "responder")
    timeline(
        order,
        actor=actor,
        action="comment",
        from_status=order.status,
        at=at,
        note=_("Reply promised by %(time)s, from %(name)s.")
        % {
            "time": timezone.localtime(reply_by).strftime("%Y-%m-%d %H:%M"),
            "name": responder.get_full_name() or responder.get_username(),
        },
        reply_promised_at=reply_by.isoformat(),
        responder_id=responder.pk,
    )
    return order
