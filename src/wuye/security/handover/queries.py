"""Reading handovers: the supervisor's list (discrepancies first, then those still open), a
guard's own, and the community's counted items."""

from __future__ import annotations

from django.db.models import Case, IntegerField, Q, Value, When

from wuye.security.incidents.queries import incident_list, incidents_visible_to

from .models import Handover, HandoverItem, HandoverStatus

OPEN_INCIDENTS_SHOWN = 50


def for_list(rows):
    return rows.select_related("post", "outgoing", "incoming", "shift")


def supervisor_list(community_id: int, *, status: str = "all"):
    """The community's handovers: discrepancies first, then those awaiting the incoming guard,
    each newest first."""
    rows = Handover.objects.filter(community_id=community_id)
    if status in HandoverStatus.values:
        rows = rows.filter(status=status)
    elif status == "discrepancy":
        rows = rows.filter(discrepancy=True)
    rank = Case(
        When(discrepancy=True, then=Value(0)),
        When(status=HandoverStatus.AWAITING_INCOMING, then=Value(1)),
        default=Value(2),
        output_field=IntegerField(),
    )
    return for_list(rows).annotate(rank=rank).order_by("rank", "-ends_at", "-pk")


def open_for(user, community_id: int):
    """Handovers of the community a guard is part of and not yet closed: their own drafts and
    every one awaiting an incoming guard."""
    return for_list(
        Handover.objects.filter(community_id=community_id).filter(
            Q(status=HandoverStatus.DRAFT, outgoing=user)
            | Q(status=HandoverStatus.AWAITING_INCOMING)
        )
    ).order_by("-ends_at", "-pk")


def items_of(community_id: int):
    return HandoverItem.objects.filter(community_id=community_id).order_by("-active", "order", "pk")


def open_incidents(user, community_id: int):
    """The community's incidents not yet closed, as the incident log shows them to `user`
    (newest first, at most `OPEN_INCIDENTS_SHOWN`)."""
    rows = incidents_visible_to(user, community_id)
    return incident_list(rows, status="active")[:OPEN_INCIDENTS_SHOWN]


def recorded_incidents(handover: Handover):
    """The incidents that were open when the outgoing guard handed over."""
    return handover.incidents.order_by("-occurred_at", "-pk")
