"""Parcels on the home pages: how many wait on the community's shelf, a home's parcels on its
record, and the resident's waiting parcels with their codes on the portal hub."""

from wuye.core.home import Panel, ResidentPanel, UnitPanel

from . import queries

LATEST = 5


def _shelf(request, community) -> dict:
    settings = queries.settings_of(community.pk)
    rows = queries.parcels_visible_to(request.user, community.pk)
    return queries.waiting_counts(rows, settings.reminder_days)


def _waiting_for_me(request, unit_ids) -> dict | None:
    """The resident's waiting parcels, oldest first; nothing shown when none wait."""
    rows = queries.for_list(queries.waiting(queries.parcels_for_residents(request.user)))
    latest = list(rows.order_by("received_at", "pk")[:LATEST])
    if not latest:
        return None
    return {"count": rows.count(), "latest": latest}


def _home_parcels(request, community, unit) -> dict:
    rows = queries.parcels_visible_to(request.user, community.pk).filter(unit=unit)
    return {
        "waiting": queries.waiting(rows).count(),
        "latest": list(queries.for_list(rows).order_by("-received_at", "-pk")[:LATEST]),
    }


PANELS = [
    Panel(
        key="parcels",
        template="security/parcels/home_panel.html",
        context=_shelf,
        perm="parcel.view",
        order=700,
    ),
]

RESIDENT_PANELS = [
    ResidentPanel(
        key="parcels",
        template="security/parcels/hub_panel.html",
        context=_waiting_for_me,
        order=150,
    ),
]

UNIT_PANELS = [
    UnitPanel(
        key="parcels",
        template="security/parcels/unit_panel.html",
        context=_home_parcels,
        perm="parcel.view",
        order=700,
    ),
]
