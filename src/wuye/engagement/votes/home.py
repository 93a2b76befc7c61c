"""Owners' votes in the portal hub: the votes open now in the communities where the resident
owns a home, closing soonest first."""

from django.utils import timezone

from wuye.core.home import ResidentPanel

from . import queries

SHOWN = 3


def _open_votes(request, unit_ids) -> dict | None:
    now = timezone.now()
    rows = queries.votes_of_owners(request.user).filter(opens_at__lte=now, closes_at__gt=now)
    latest = list(rows.order_by("closes_at", "pk")[:SHOWN])
    if not latest:
        return None
    return {"count": rows.count(), "latest": latest}


RESIDENT_PANELS = [
    ResidentPanel(
        key="votes",
        template="engagement/votes/hub_panel.html",
        context=_open_votes,
        order=300,
    ),
]
