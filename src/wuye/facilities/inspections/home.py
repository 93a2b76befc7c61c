"""The office's daily inspection left undone on its day, on the manager's home page."""

from django.utils import timezone

from wuye.core.home import Panel

from . import queries


def _undone(request, community) -> dict:
    today = timezone.localdate()
    return {
        "undone": list(queries.office_inspection_undone(community.pk, today)[:5]),
        "today": today,
    }


PANELS = [
    Panel(
        key="office_inspection",
        template="facilities/inspections/office_panel.html",
        context=_undone,
        perm="inspections.alert",
        order=172,
    ),
]
