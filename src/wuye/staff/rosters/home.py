"""Who is on duty now, on the community's home page: every member of staff sees who keeps
the gate, the control centre and the night repair duty at this moment."""

from django.utils import timezone

from wuye.core.home import Panel

from . import queries

SHOWN = 8


def _on_duty(request, community) -> dict:
    duties = queries.on_duty(community, timezone.now())
    return {"count": len(duties), "duties": duties[:SHOWN], "more": max(len(duties) - SHOWN, 0)}


PANELS = [
    Panel(
        key="on_duty",
        template="staff/rosters/home_panel.html",
        context=_on_duty,
        perm="roster.view",
        order=250,
    ),
]
