"""Billing on the home pages: this month's collection on the community's, the cashier's
first page, and what a home owes on its record and in the owner's portal."""

from django.utils import timezone

from wuye.core.home import Landing, Panel
from wuye.core.models import Role

from . import queries


def _context(request, community) -> dict:
    period = timezone.localdate().strftime("%Y-%m")
    figures = queries.collection([community.pk], period)
    return {"period": period, **{k: figures[k] for k in ("due", "collected", "rate")}}


PANELS = [
    Panel(
        key="collection",
        template="billing/home_panel.html",
        context=_context,
        perm="billing.view",
        order=300,
    ),
]

LANDINGS = [
    Landing("billing:desk", frozenset({Role.CASHIER}), "billing.view", priority=300),
]
