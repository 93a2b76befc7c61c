"""Sections that the apps above the service desk add to a work order's staff page (the
materials a repair took, for instance), without the service desk knowing them.

An app registers a callable `(request, order) -> (template, context) | None` from its
`AppConfig.ready()`; the page renders each section that answers, in the order registered.
"""

from __future__ import annotations

from collections.abc import Callable

from django.template.loader import render_to_string

Section = Callable[..., tuple[str, dict] | None]

SECTIONS: list[Section] = []


def register(*sections: Section) -> None:
    for section in sections:
        if section not in SECTIONS:
            SECTIONS.append(section)


def render_for(request, order) -> list[str]:
    """The HTML of each registered section that has something to show on `order`'s page."""
    shown = []
    for section in SECTIONS:
        found = section(request, order)
        if found is not None:
            template, context = found
            shown.append(render_to_string(template, context, request=request))
    return shown
