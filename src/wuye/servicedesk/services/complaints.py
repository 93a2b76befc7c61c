"""Complaints (投诉): the ten handling steps, when and by whom the reply will come, and the
replies given (答复), which answer the complaint: the first one is its first response."""

from __future__ import annotations

from datetime import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from wuye.core import policy

from .. import notifications as notify
from ..models import (
    COMPLAINT_STEPS,
    Category,
    ReplyChannel,
    WorkOrder,
)
from . import steps
from .common import (
    after_commit,
    choice,
    clean_note,
    insert,
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


@transaction.atomic
def work_order_reply(
    *,
    order: WorkOrder,
    text: str,
    channel: str,
    actor,
    replied_by=None,
    replied_at: datetime | None = None,
    at: datetime | None = None,
) -> WorkOrder:
    """Record a reply given to the complainant (答复): how it reached them, who gave it (by
    default the person recording it), what was said and when (by default now; a reply given
    earlier on the phone may be recorded afterwards). The owner reads it on their order.

    Only a recorded reply answers a complaint: the first one is its first response, and the
    daily register counts a complaint as answered on the days it has one.
    """
    at = moment(at)
    order, _rule = locked(order, "reply", actor, at)
    errors: dict[str, list[str]] = {}
    try:
        choice(channel, ReplyChannel, "channel")
    except ValidationError as exc:
        errors.update(exc.message_dict)
    try:
        text = clean_note(text, "text", required=True)
    except ValidationError as exc:
        errors.update(exc.message_dict)
    try:
        replied_by = staff_member(replied_by or actor, order.community_id, "replied_by")
    except ValidationError as exc:
        errors.update(exc.message_dict)
    replied_at = replied_at or at
    if replied_at > at:
        errors["replied_at"] = [_("A reply is recorded once it has been given, not before.")]
    elif replied_at < order.created_at:
        errors["replied_at"] = [_("The reply cannot come before the complaint was received.")]
    if errors:
        raise ValidationError(errors)
    change = steps.reply(
        order,
        actor=actor,
        at=at,
        text=text,
        channel=channel,
        replied_by=replied_by,
        replied_at=replied_at,
    )
    if change.fields:
        save(order, *change.fields)
    insert(change.event)
    if channel == ReplyChannel.PORTAL:
        after_commit(notify.replied, order.pk)
    return order
