"""Billing's panel on the community's home page: this month's collection."""

from django.utils import timezone

from wuye.core.home import Panel

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
