"""Telling people about their work orders, through pluggable channels.

A channel is anything with `send(recipient, subject, body, order)`. The default channels
record a `Message` (the in-app inbox, visible in the admin) and send an e-mail to recipients
who have an address; SMS or WeChat providers are added by naming their class in the setting
`SERVICEDESK_NOTIFY_CHANNELS`. Services call these functions after commit only, so nobody
hears of a change that was rolled back.
"""

from __future__ import annotations

import logging
from functools import cache
from typing import Protocol

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _
from django.utils.translation import override

from wuye.core.models import Membership, Role

from .models import Message, WorkOrder

log = logging.getLogger(__name__)

DEFAULT_CHANNELS = [
    "wuye.servicedesk.notify.RecordChannel",
    "wuye.servicedesk.notify.EmailChannel",
]


class Channel(Protocol):
    def send(self, recipient, subject: str, body: str, order: WorkOrder | None) -> None: ...


class RecordChannel:
    """The in-app inbox: one `Message` row per notification."""

    def send(self, recipient, subject: str, body: str, order: WorkOrder | None) -> None:
        Message.objects.create(recipient=recipient, order=order, subject=subject, body=body)


class EmailChannel:
    """E-mail through Django's mail settings, to recipients who have an address."""

    def send(self, recipient, subject: str, body: str, order: WorkOrder | None) -> None:
        if recipient.email:
            send_mail(subject, body, None, [recipient.email], fail_silently=False)


@cache
def channels() -> list[Channel]:
    paths = getattr(settings, "SERVICEDESK_NOTIFY_CHANNELS", DEFAULT_CHANNELS)
    return [import_string(path)() for path in paths]


def send(recipients, subject: str, body: str, order: WorkOrder | None) -> None:
    """Send through every channel; a failing channel is logged and does not stop the others."""
    for recipient in {r.pk: r for r in recipients if r is not None and r.is_active}.values():
        for channel in channels():
            try:
                channel.send(recipient, subject, body, order)
            except Exception:
                log.exception("Notification through %s failed", type(channel).__name__)


def _order(order_id: int) -> WorkOrder:
    return WorkOrder.objects.select_related(
        "community", "unit__building", "assignee", "reporter_user", "reporter_resident__user"
    ).get(pk=order_id)


def _owner(order: WorkOrder):
    resident = order.reporter_resident
    if resident is not None and resident.user_id:
        return resident.user
    return order.reporter_user


def _text(order: WorkOrder, line: str) -> tuple[str, str]:
    with override(settings.LANGUAGE_CODE):
        subject = f"{order.number} · {line}"
        body = "\n".join(
            [
                line,
                _("Order: %(number)s (%(category)s)")
                % {"number": order.number, "category": order.get_category_display()},
                _("Where: %(where)s") % {"where": order.where or "—"},
                order.description,
            ]
        )
    return subject, body


def role_holders(community_id: int, roles) -> list:
    user_ids = Membership.objects.filter(
        community_id=community_id, role__in=list(roles), active=True
    ).values("user_id")
    return list(get_user_model().objects.filter(pk__in=user_ids, is_active=True))


def supervisors_of(order: WorkOrder) -> list:
    """Who hears of a first escalation: the team's supervisor, else the supervisor of the
    order's kind of work (engineering for repairs, customer service otherwise), else the
    property manager."""
    if order.team_id and order.team.supervisor_id:
        return [order.team.supervisor]
    role = Role.ENGINEERING_SUPERVISOR if order.is_repair else Role.CS_SUPERVISOR
    return role_holders(order.community_id, [role]) or managers_of(order)


def managers_of(order: WorkOrder) -> list:
    return role_holders(order.community_id, [Role.PROPERTY_MANAGER])


# ---- the events that matter to someone ---------------------------------------------------


def dispatched(order_id: int) -> None:
    order = _order(order_id)
    send([order.assignee], *_text(order, _("A work order was assigned to you.")), order)


def resolved(order_id: int) -> None:
    order = _order(order_id)
    send([_owner(order)], *_text(order, _("Your request has been resolved.")), order)


def chased(order_id: int) -> None:
    order = _order(order_id)
    line = _("The owner is asking for progress on this order.")
    send([order.assignee] if order.assignee_id else [], *_text(order, line), order)


def warned(order_id: int) -> None:
    order = _order(order_id)
    line = _("A deadline of this order is near.")
    send([order.assignee] if order.assignee_id else [], *_text(order, line), order)


def escalated(order_id: int, level: int) -> None:
    order = WorkOrder.objects.select_related("team__supervisor").get(pk=order_id)
    recipients = supervisors_of(order) if level == 1 else managers_of(order)
    line = _("This order is overdue and has been escalated to you.")
    send(recipients, *_text(_order(order_id), line), order)
