"""Home pages: what each person sees first, and the panels the apps put on them.

Four registries, filled from the apps' `home.py`:

- `PANELS`: panels on the community's home page (the overview), each shown to whom its
  permission allows, in `order`. A panel is a template fragment and a function that gives
  it its context for one community.
- `LANDINGS`: where a member of staff lands when they open Wuye: the page of their role's
  daily work. Someone holding several roles lands on the most specific of them (the highest
  `priority`): a technician's own jobs before the cashier's desk, the desk before the
  dispatch board, the board before the manager's indicators.
- `RESIDENT_PANELS`: sections of the owners' portal home (the hub), each given the homes
  the resident lives in or owns; a section with nothing to show returns None.
- `UNIT_PANELS`: sections of a home's record in the staff console (its bills, its work
  orders), each with its permission in the home's community.

Every context function reads with a fixed number of queries, however many rows there are.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from . import policy


@dataclass(frozen=True)
class Panel:
    key: str
    template: str
    context: Callable  # (request, community) -> dict
    perm: str
    order: int = 0


@dataclass(frozen=True)
class Landing:
    """The first page of the staff holding `roles`, if they have `perm` in the community."""

    url_name: str  # takes the community id
    roles: frozenset[str]
    perm: str
    priority: int = 0


@dataclass(frozen=True)
class ResidentPanel:
    key: str
    template: str
    context: Callable  # (request, unit_ids) -> dict, or None when there is nothing to show
    order: int = 0


@dataclass(frozen=True)
class UnitPanel:
    key: str
    template: str
    context: Callable  # (request, community, unit) -> dict
    perm: str
    order: int = 0


PANELS: list[Panel] = []
LANDINGS: list[Landing] = []
RESIDENT_PANELS: list[ResidentPanel] = []
UNIT_PANELS: list[UnitPanel] = []


def _add(registry: list, entries, key) -> None:
    for entry in entries:
        if entry not in registry:
            registry.append(entry)
    registry.sort(key=key)


def register(*panels: Panel) -> None:
    _add(PANELS, panels, lambda panel: panel.order)


def register_landings(*landings: Landing) -> None:
    _add(LANDINGS, landings, lambda landing: -landing.priority)


def register_resident_panels(*panels: ResidentPanel) -> None:
    _add(RESIDENT_PANELS, panels, lambda panel: panel.order)


def register_unit_panels(*panels: UnitPanel) -> None:
    _add(UNIT_PANELS, panels, lambda panel: panel.order)


def panels_for(request, community) -> list[dict]:
    """The panels the user may see in this community, with their context, in order."""
    return [
        {"key": panel.key, "template": panel.template, **panel.context(request, community)}
        for panel in PANELS
        if policy.has_perm(request.user, panel.perm, community.pk)
    ]


def landing_for(user, community_id: int) -> str | None:
    """The URL name of the user's first page in the community: the landing of highest
    priority among their roles there that they have the permission for; None when no
    role of theirs has one (they land on the community's home page)."""
    roles = policy.roles_by_community(user).get(community_id, frozenset())
    for landing in LANDINGS:
        if landing.roles & roles and policy.has_perm(user, landing.perm, community_id):
            return landing.url_name
    return None


def resident_panels_for(request, unit_ids: list[int]) -> list[dict]:
    """The portal hub's sections for these homes, with their context, in order; those with
    nothing to show are left out."""
    shown = []
    for panel in RESIDENT_PANELS:
        context = panel.context(request, unit_ids)
        if context is not None:
            shown.append({"key": panel.key, "template": panel.template, **context})
    return shown


def unit_panels_for(request, community, unit) -> list[dict]:
    """The sections of a home's record the user may see, with their context, in order."""
    return [
        {"key": panel.key, "template": panel.template, **panel.context(request, community, unit)}
        for panel in UNIT_PANELS
        if policy.has_perm(request.user, panel.perm, community.pk)
    ]
