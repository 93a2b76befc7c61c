"""Telling people about their work orders, through pluggable channels.

A channel is anything with `send(recipient, subject, body, order)`. The default channels
record a `Message` (the in-app inbox, visible in the admin) and send an e-mail to recipients
who have an address; SMS or WeChat providers are added by naming their class in the setting
`SERVICEDESK_NOTIFY_CHANNELS`. Services call these functions after commit only, so nobody
hears of a change that was rolled back.

Each person reads their messages in their own language: the one they last signed in with
(`NotificationLanguage`, recorded at sign-in), else their community's (Simplified Chinese
unless the community says otherwise), never the site's default.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from functools import cache
from typing import Protocol

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, override

from wuye.core.models import COMMUNITY_LANGUAGE, Membership, Role

from .models import RESIDENT_CHANNELS, Message, NotificationLanguage, WorkOrder

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


def remember_language(sender, request, user, **kwargs) -> None:
    """At sign-in: the language the person uses becomes the one of their notifications."""
    language = getattr(request, "LANGUAGE_CODE", None) if request is not None else None
    if language in dict(settings.LANGUAGES):
        NotificationLanguage.objects.update_or_create(user=user, defaults={"language": language})


def deliver(
    recipients, compose: Callable[[], tuple[str, str]], order=None, *, community=None
) -> None:
    """Send a message through every channel to each active recipient, `compose` writing its
    subject and body in the recipient's language (theirs, else that of the order's or the
    given community); a failing channel is logged and does not stop the others."""
    people = {r.pk: r for r in recipients if r is not None and r.is_active}
    chosen = dict(
        NotificationLanguage.objects.filter(user_id__in=list(people)).values_list(
            "user_id", "language"
        )
    )
    community = community or (order.community if order is not None else None)
    fallback = community.language if community is not None else COMMUNITY_LANGUAGE
    for pk, recipient in people.items():
        with override(chosen.get(pk, fallback)):
            subject, body = compose()
        for channel in channels():
            try:
                channel.send(recipient, subject, body, order)
            except Exception:
                log.exception("Notification through %s failed", type(channel).__name__)


def send(recipients, order: WorkOrder, line) -> None:
    """Send `line` (translatable, lazy) about the order to each recipient in their language."""
    deliver(recipients, lambda: _text(order, line), order)


def _order(order_id: int) -> WorkOrder:
    return WorkOrder.objects.select_related(
        "community", "unit__building", "assignee", "reporter_user", "reporter_resident__user"
    ).get(pk=order_id)


def _owner(order: WorkOrder):
    """The owner who hears about their order: the resident it was reported for, or the
    resident who reported it in the portal or the app — never the clerk who took a call."""
    resident = order.reporter_resident
    if resident is not None and resident.user_id:
        return resident.user
    return order.reporter_user if order.channel in RESIDENT_CHANNELS else None


def _text(order: WorkOrder, line) -> tuple[str, str]:
    line = str(line)
    body = "\n".join(
        [
            line,
            _("Order: %(number)s (%(category)s)")
            % {"number": order.number, "category": order.get_category_display()},
            _("Where: %(where)s") % {"where": order.where or "—"},
            order.description,
        ]
    )
    return f"{order.number} · {line}", body


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
    send([order.assignee], order, gettext_lazy("A work order was assigned to you."))


def resolved(order_id: int) -> None:
    order = _order(order_id)
    send([_owner(order)], order, gettext_lazy("Your request has been resolved."))


def replied(order_id: int) -> None:
    """The owner has a written reply on their order (they read it in the portal)."""
    order = _order(order_id)
    send([_owner(order)], order, gettext_lazy("You have a reply about your request."))


def chased(order_id: int) -> None:
    order = _order(order_id)
    line = gettext_lazy("The owner is asking for progress on this order.")
    send([order.assignee] if order.assignee_id else [], order, line)


def warned(order_id: int) -> None:
    order = _order(order_id)
    line = gettext_lazy("A deadline of this order is near.")
    send([order.assignee] if order.assignee_id else [], order, line)


def escalated(order_id: int, level: int) -> None:
    order = WorkOrder.objects.select_related("team__supervisor").get(pk=order_id)
    recipients = supervisors_of(order) if level == 1 else managers_of(order)
    line = gettext_lazy("This order is overdue and has been escalated to you.")
    send(recipients, _order(order_id), line)
