"""The community's home page: panels the apps register, each shown to whom its permission
allows, in `order`.

A panel is a template fragment and a function that gives it its context for one community;
the page renders the panels the user may see. Apps list theirs in `home.py` (`PANELS`).
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


PANELS: list[Panel] = []


def register(*panels: Panel) -> None:
    for panel in panels:
        if panel not in PANELS:
            PANELS.append(panel)
    PANELS.sort(key=lambda panel: panel.order)


def panels_for(request, community) -> list[dict]:
    """The panels the user may see in this community, with their context, in order."""
    return [
        {"key": panel.key, "template": panel.template, **panel.context(request, community)}
        for panel in PANELS
        if policy.has_perm(request.user, panel.perm, community.pk)
    ]
