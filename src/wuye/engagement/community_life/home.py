"""Events in the portal hub: the next ones for the resident's community or building."""

from django.utils import timezone

from wuye.core.home import ResidentPanel

from . import queries

SHOWN = 3


def _upcoming(request, unit_ids) -> dict | None:
    rows = queries.events_for_residents(request.user).filter(
        starts_at__gte=timezone.now(), cancelled_at__isnull=True
    )
    latest = list(rows.order_by("starts_at", "pk")[:SHOWN])
    if not latest:
        return None
    return {"count": rows.count(), "latest": latest}


RESIDENT_PANELS = [
    ResidentPanel(
        key="events",
        template="engagement/community_life/hub_panel.html",
        context=_upcoming,
        order=500,
    ),
]
