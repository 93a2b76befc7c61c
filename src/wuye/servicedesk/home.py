"""The customer center's panel on the community's home page: what needs attention now."""

from django.utils import timezone

from wuye.core.home import Panel

from . import queries


def _context(request, community) -> dict:
    rows = queries.work_orders_visible_to(request.user, community.pk)
    now = timezone.now()
    return {
        "open": rows.filter(status__in=queries.OPEN_STATES).count(),
        "overdue": queries.overdue(rows, now).count(),
        "near_breach": queries.near_breach(rows, now).count(),
        "callbacks": queries.callback_queue(request.user, community.pk).count(),
    }


PANELS = [
    Panel(
        key="work_orders",
        template="servicedesk/home_panel.html",
        context=_context,
        perm="workorder.view",
        order=200,
    ),
]
