"""Statutory maintenance left open past its date, on the manager's and the engineering
supervisor's home page: a compliance breach is shown, not silence."""

from django.utils import timezone

from wuye.core.home import Panel

from . import queries


def _breaches(request, community) -> dict:
    rows = list(queries.statutory_overdue(community.pk, timezone.localdate())[:10])
    return {"breaches": rows, "today": timezone.localdate()}


PANELS = [
    Panel(
        key="maintenance_breaches",
        template="facilities/maintenance/breaches_panel.html",
        context=_breaches,
        perm="maintenance.view",
        order=170,
    ),
]
