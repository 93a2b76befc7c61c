"""Messages in the demo logins' inboxes: what the customer center tells them about the orders
open today, sent as its services send them after a change (the year of orders is written in
bulk, so nobody was told at the time)."""

from __future__ import annotations

from wuye.core.models import Community, Notification
from wuye.servicedesk import notifications
from wuye.servicedesk.models import Status, WorkOrder

OPEN = (Status.DISPATCHED, Status.IN_PROGRESS, Status.ON_HOLD)
CLOSED_FOR_OWNER = (Status.RESOLVED, Status.VISITED, Status.CLOSED)


def messages_load(community: Community) -> dict[str, int]:
    """The electrician hears of their open orders, the owner of their latest resolved
    request, the supervisors of today's escalations; nothing when the inboxes hold messages
    of the community already."""
    if Notification.objects.filter(community=community).exists():
        return {}
    orders = WorkOrder.objects.filter(community=community)
    for pk in orders.filter(assignee__username="electrician", status__in=OPEN).values_list(
        "pk", flat=True
    )[:3]:
        notifications.dispatched(pk)
    latest = (
        orders.filter(reporter_resident__user__username="owner", status__in=CLOSED_FOR_OWNER)
        .order_by("-resolved_at")
        .values_list("pk", flat=True)[:2]
    )
    for pk in latest:
        notifications.resolved(pk)
    escalated = orders.filter(escalation_level__gt=0).exclude(
        status__in=(*CLOSED_FOR_OWNER, Status.CANCELLED)
    )
    for pk, level in escalated.order_by("-created_at").values_list("pk", "escalation_level")[:2]:
        notifications.escalated(pk, level)
    return {"messages": Notification.objects.filter(community=community).count()}
