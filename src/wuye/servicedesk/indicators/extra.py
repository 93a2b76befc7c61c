"""Measures that other apps show beside the customer center's indicators: a figure of a
higher layer (the facilities' equipment intact rate, say) joins the dashboard without this
layer importing it.

An app registers callables `(community, first, last) -> Measure | None` (`last` included)
from its `AppConfig.ready()`; None leaves the measure out for that community.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from .queries import Measure

ExtraMeasure = Callable[[object, date, date], Measure | None]
EXTRA: list[ExtraMeasure] = []


def register(*measures: ExtraMeasure) -> None:
    for measure in measures:
        if measure not in EXTRA:
            EXTRA.append(measure)


def extra_measures(community, first: date, last: date) -> list[Measure]:
    """The registered measures of the community for the days `first` to `last`."""
    built = (measure(community, first, last) for measure in EXTRA)
    return [m for m in built if m is not None]
