"""The customer center's notifications: who hears what happens to a work order, in which
words, and which page each message links to. Delivery — the inbox and the other channels,
each person's language — is `wuye.core.notify`'s; this app keeps the language of each
person's last sign-in (`NotificationLanguage`).

Services call these after commit only (`after_commit(notifications.dispatched, order.pk)`),
so nobody hears of a change that was rolled back.
"""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wuye.core import notify, policy
from wuye.core.models import Role

from .models import RESIDENT_CHANNELS, NotificationLanguage, Priority, WorkOrder

DISPATCHED = notify.Kind(
    "servicedesk.dispatched",
    gettext_lazy("A work order was assigned to you."),
    audience=notify.STAFF,
)
EMERGENCY_DISPATCHED = notify.Kind(
    "servicedesk.emergency_dispatched",
    gettext_lazy("An emergency work order was assigned to you: go now."),
    audience=notify.STAFF,
    urgent=True,
)
RESOLVED = notify.Kind(
    "servicedesk.resolved",
    gettext_lazy("Your request has been resolved."),
    audience=notify.RESIDENTS,
)
REPLIED = notify.Kind(
    "servicedesk.replied",
    gettext_lazy("You have a reply about your request."),
    audience=notify.RESIDENTS,
)
CHASED = notify.Kind(
    "servicedesk.chased",
    gettext_lazy("The owner is asking for progress on this order."),
    audience=notify.STAFF,
)
WARNED = notify.Kind(
    "servicedesk.warned", gettext_lazy("A deadline of this order is near."), audience=notify.STAFF
)
ESCALATED = notify.Kind(
    "servicedesk.escalated",
    gettext_lazy("This order is overdue and has been escalated to you."),
    audience=notify.STAFF,
    urgent=True,
)


def order_link(order: WorkOrder, user) -> str:
    """The order's page in the staff console for its community's staff, else in the portal."""
    if policy.roles_in(user, order.community_id):
        return reverse("servicedesk:order", args=[order.community_id, order.pk])
    return reverse("servicedesk_portal:order", args=[order.pk])


def chosen_languages(user_ids: list[int]) -> dict[int, str]:
    return dict(
        NotificationLanguage.objects.filter(user_id__in=user_ids).values_list("user_id", "language")
    )


KINDS = [DISPATCHED, EMERGENCY_DISPATCHED, RESOLVED, REPLIED, CHASED, WARNED, ESCALATED]
LINKS = {"servicedesk.workorder": order_link}
LANGUAGE_SOURCES = [chosen_languages]


def remember_language(sender, request, user, **kwargs) -> None:
    """At sign-in: the language the person uses becomes the one of their notifications."""
    language = getattr(request, "LANGUAGE_CODE", None) if request is not None else None
    if language in dict(settings.LANGUAGES):
        NotificationLanguage.objects.update_or_create(user=user, defaults={"language": language})


def send(recipients, order: WorkOrder, kind: notify.Kind) -> None:
    """Tell each recipient of the order's `kind` of news, in their language."""
    notify.deliver(
        recipients,
        lambda: _text(order, kind.text),
        kind=kind,
        about=order,
        community=order.community,
    )


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


def supervisors_of(order: WorkOrder) -> list:
    """Who hears of a first escalation: the team's supervisor, else the supervisor of the
    order's kind of work (engineering for repairs, customer service otherwise), else the
    property manager."""
    if order.team_id and order.team.supervisor_id:
        return [order.team.supervisor]
    role = Role.ENGINEERING_SUPERVISOR if order.is_repair else Role.CS_SUPERVISOR
    return notify.role_holders(order.community_id, [role]) or managers_of(order)


def managers_of(order: WorkOrder) -> list:
    return notify.role_holders(order.community_id, [Role.PROPERTY_MANAGER])


# ---- the events that matter to someone ---------------------------------------------------


def dispatched(order_id: int) -> None:
    order = _order(order_id)
    kind = EMERGENCY_DISPATCHED if order.priority == Priority.EMERGENCY else DISPATCHED
    send([order.assignee], order, kind)


def resolved(order_id: int) -> None:
    order = _order(order_id)
    send([_owner(order)], order, RESOLVED)


def replied(order_id: int) -> None:
    """The owner has a written reply on their order (they read it in the portal)."""
    order = _order(order_id)
    send([_owner(order)], order, REPLIED)


def chased(order_id: int) -> None:
    order = _order(order_id)
    send([order.assignee] if order.assignee_id else [], order, CHASED)


def warned(order_id: int) -> None:
    order = _order(order_id)
    send([order.assignee] if order.assignee_id else [], order, WARNED)


def escalated(order_id: int, level: int) -> None:
    order = WorkOrder.objects.select_related("team__supervisor").get(pk=order_id)
    recipients = supervisors_of(order) if level == 1 else managers_of(order)
    send(recipients, _order(order_id), ESCALATED)
