"""The customer center on the home pages: what needs attention now on the community's,
the first page of the people who do the work, and a home's orders on its record and in the
owner's portal."""

from django.db.models import Count, Q
from django.utils import timezone

from wuye.core import policy
from wuye.core.home import Landing, Panel, ResidentPanel, UnitPanel
from wuye.core.models import Role

from . import queries
from .models import OPEN_STATES

LATEST = 5  # orders shown on a home's record and in the portal hub


def _context(request, community) -> dict:
    rows = queries.work_orders_visible_to(request.user, community.pk)
    now = timezone.now()
    return {
        "open": rows.filter(status__in=queries.OPEN_STATES).count(),
        "overdue": queries.overdue(rows, now).count(),
        "near_breach": queries.near_breach(rows, now).count(),
        "callbacks": queries.callback_queue(request.user, community.pk).count(),
    }


def _requests(request, unit_ids) -> dict:
    """The resident's open requests with their state, newest first: shown even when there
    are none, for its button to report one."""
    rows = queries.work_orders_of_resident(request.user).filter(status__in=sorted(OPEN_STATES))
    return {
        "open": rows.count(),
        "latest": list(
            rows.select_related("unit__building").order_by("-created_at", "-pk")[:LATEST]
        ),
    }


def _orders(request, community, unit) -> dict:
    """A home's work orders: how many, how many open, the latest, and the full list of
    them for those who may read it."""
    rows = queries.work_orders_visible_to(request.user, community.pk).filter(unit=unit)
    counts = rows.aggregate(
        total=Count("pk"), open=Count("pk", filter=Q(status__in=sorted(OPEN_STATES)))
    )
    listed = policy.has_perm(request.user, "workorder.list", community.pk)
    return {
        **counts,
        "latest": list(rows.select_related("assignee").order_by("-created_at", "-pk")[:LATEST]),
        "may_list": listed,
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

RESIDENT_PANELS = [
    ResidentPanel(
        key="requests",
        template="servicedesk/portal/hub_panel.html",
        context=_requests,
        order=200,
    ),
]

UNIT_PANELS = [
    UnitPanel(
        key="work_orders",
        template="servicedesk/unit_panel.html",
        context=_orders,
        perm="workorder.view",
        order=200,
    ),
]
