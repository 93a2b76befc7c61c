"""Spare parts at or below their reorder point, on the engineering supervisor's (and the
manager's) home page: what to buy."""

from wuye.core.home import Panel

from . import queries


def _low(request, community) -> dict:
    return {"parts": list(queries.low_parts(community.pk)[:10])}


PANELS = [
    Panel(
        key="stores_low",
        template="facilities/stores/low_panel.html",
        context=_low,
        perm="stores.change",
        order=330,
    ),
]
