"""What the routes of the work-order API share: an order as the caller reads it, and field
errors under the names the client sent."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja.errors import HttpError

from wuye.core import policy
from wuye.core.validators import conflict, not_found
from wuye.estates.privacy import phone_for

from .. import queries, workflow
from ..models import COMPLAINANT_HINTS, PriceListItem, WorkOrder, WorkOrderEvent
from ..workflow import InvalidTransition


def person_name(user) -> str | None:
    return None if user is None else (user.get_full_name() or user.get_username())


def order_out(order: WorkOrder, user, now: datetime) -> dict:
    """The order as `user` reads it: a resident does not read what staff keep for
    themselves (the complainant's type, escalations; with the detail: the ten steps and
    the handling hint)."""
    owner = workflow.reads_as_owner(user, order)
    phone = phone_for(
        user, order.contact_phone, order.community_id, theirs=workflow.is_reporter(user, order)
    )
    return {
        "id": order.pk,
        "number": order.number,
        "community_id": order.community_id,
        "unit_id": order.unit_id,
        "unit_label": order.unit.label if order.unit_id else None,
        "location": order.location,
        "category": order.category,
        "subcategory": order.subcategory,
        "priority": order.priority,
        "channel": order.channel,
        "status": order.status,
        "description": order.description,
        "contact_name": order.contact_name,
        "contact_phone": phone,
        "preferred_from": order.preferred_from,
        "preferred_to": order.preferred_to,
        "assignee_id": order.assignee_id,
        "assignee_name": person_name(order.assignee) if order.assignee_id else None,
        "team_id": order.team_id,
        "created_at": order.created_at,
        "updated_at": order.updated_at,
        "responded_at": order.responded_at,
        "arrived_at": order.arrived_at,
        "resolved_at": order.resolved_at,
        "closed_at": order.closed_at,
        "rework_count": order.rework_count,
        "escalation_level": 0 if owner else order.escalation_level,
        "amount_owed": order.amount_owed,
        "owner_score": order.owner_score,
        "chase_count": order.chase_count,
        "complainant_type": None if owner else order.complainant_type or None,
        "reply_promised_at": order.reply_promised_at,
        "responder_id": order.responder_id,
        "sla": {
            "response_due_at": order.response_due_at,
            "arrival_due_at": order.arrival_due_at,
            "resolution_due_at": order.resolution_due_at,
            "breached": order.breached(now),
        },
    }


def price_item_out(item: PriceListItem) -> dict:
    return {
        "id": item.pk,
        "name": item.name,
        "unit": item.unit,
        "price": item.price,
        "sort": item.sort,
        "published": item.active,
    }


def event_out(event: WorkOrderEvent) -> dict:
    return {
        "id": event.pk,
        "at": event.at,
        "actor_id": event.actor_id,
        "actor_name": person_name(event.actor),
        "action": event.action,
        "from_status": event.from_status,
        "to_status": event.to_status,
        "note": event.note,
        "visibility": event.visibility,
        "data": event.data,
    }


def detail_out(user, order_id: int) -> dict:
    try:
        order = queries.work_order_detail(user, order_id)
    except WorkOrder.DoesNotExist:
        raise HttpError(404, _("Not found.")) from None
    owner = workflow.reads_as_owner(user, order)
    hint = None if owner else COMPLAINANT_HINTS.get(order.complainant_type)
    return {
        **order_out(order, user, timezone.now()),
        "result": order.result,
        "owner_comment": order.owner_comment,
        "on_hold_seconds": order.on_hold_seconds,
        "complaint_steps": [] if owner else order.complaint_steps,
        "complainant_hint": str(hint) if hint else None,
        "actions": workflow.allowed_actions(user, order),
        "items": [
            {
                "id": i.pk,
                "price_item_id": i.price_item_id,
                "name": i.name,
                "unit": i.unit,
                "quantity": i.quantity,
                "unit_price": i.unit_price,
                "amount": i.amount,
                "off_list": i.off_list,
                "approved_at": i.approved_at,
                "withdrawn_at": i.removed_at,
            }
            for i in order.items.all()
        ],
        "events": [event_out(e) for e in queries.timeline_of(user, order)],
    }


def visible_order(user, order_id: int) -> WorkOrder:
    return get_object_or_404(queries.work_orders_visible_to(user), pk=order_id)


def aware(value: datetime | None, field: str) -> datetime | None:
    if value is None:
        return None
    if not 2000 <= value.year <= 2100:
        raise ValidationError({field: [conflict(_("Choose a time within the coming year."))]})
    return timezone.make_aware(value) if timezone.is_naive(value) else value


def staff_user(order: WorkOrder, user_id: int, field: str = "assignee_id"):
    """The staff member a user id names, among the staff of the order's community."""
    found = get_user_model().objects.filter(pk=user_id, is_active=True).first()
    if found is None or not policy.roles_in(found, order.community_id):
        raise ValidationError({field: [not_found(_("Choose a staff member of this community."))]})
    return found


# Services name model fields (`assignee`, `unit`); the API's clients send ids.
FIELD_NAMES = {
    "assignee": "assignee_id",
    "unit": "unit_id",
    "reporter_resident": "reporter_resident_id",
    "replied_by": "replied_by_id",
}


@contextmanager
def answered() -> Iterator[None]:
    """A wrong state is a 409; field errors are reported under the names the client sent."""
    try:
        yield
    except InvalidTransition as exc:
        raise HttpError(409, str(exc)) from exc
    except ValidationError as exc:
        if not hasattr(exc, "error_dict"):
            raise
        raise ValidationError(
            {FIELD_NAMES.get(f, f): messages for f, messages in exc.error_dict.items()}
        ) from exc
