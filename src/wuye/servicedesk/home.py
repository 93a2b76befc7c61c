"""The customer center on the home pages: what needs attention now on the community's,
the first page of the people who do the work, and a home's orders on its record and in the
owner's portal."""

from django.utils import timezone

from wuye.core.home import Landing, Panel
from wuye.core.models import Role

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


# Technicians start on their own jobs, the front desk on the dispatch board, managers on the
# indicators with today's exceptions on top.
LANDINGS = [
    Landing(
        "servicedesk:mine",
        frozenset({Role.TECHNICIAN, Role.ENGINEERING_SUPERVISOR}),
        "workorder.view",
        priority=400,
    ),
    Landing(
        "servicedesk:board",
        frozenset({Role.FRONT_DESK, Role.CS_SUPERVISOR}),
        "workorder.view",
        priority=200,
    ),
    Landing(
        "servicedesk_dashboard:dashboard",
        frozenset({Role.PROPERTY_MANAGER, Role.COMPANY_ADMIN}),
        "workorder.supervise",
        priority=100,
    ),
]
