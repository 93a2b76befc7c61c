"""Billing on the home pages: this month's collection on the community's, the cashier's
first page, what a home owes on its record, and what the owner owes in the portal."""

from django.utils import timezone

from wuye.core.home import Landing, Panel, ResidentPanel, UnitPanel
from wuye.core.models import Role
from wuye.estates.models import Unit

from . import calc, queries
from .models import Charge

LATEST = 5  # charges shown on a home's record


def _context(request, community) -> dict:
    period = timezone.localdate().strftime("%Y-%m")
    figures = queries.collection([community.pk], period)
    return {"period": period, **{k: figures[k] for k in ("due", "collected", "rate")}}


def _owed(request, unit_ids) -> dict | None:
    """What each of the resident's homes owes, and where to pay: bills are the owner's and
    the family's (a tenant has no panel)."""
    ids = sorted(set(queries.bill_unit_ids(request.user)) & set(unit_ids))
    if not ids:
        return None
    sums = queries.balances(ids)
    homes = list(
        Unit.objects.filter(pk__in=ids)
        .select_related("building", "community")
        .order_by("community__name", "building__number", "entrance", "number")
    )
    for home in homes:
        home.owed, home.prepaid = sums[home.pk]["owed"], sums[home.pk]["prepaid"]
    offices = {home.community_id: home.community for home in homes}
    return {
        "homes": homes,
        "owed": sum((home.owed for home in homes), calc.ZERO),
        "offices": list(offices.values()),
    }


def _bills(request, community, unit) -> dict:
    """A home's balance, its charges still owed and its latest charges."""
    sums = queries.balances([unit.pk])[unit.pk]
    charges = Charge.objects.filter(unit=unit)
    latest = list(
        queries.with_amounts(charges)
        .select_related("fee_item")
        .order_by("-due_date", "-pk")[:LATEST]
    )
    for charge in latest:
        charge.outstanding = calc.cents(charge.outstanding)
    return {
        **sums,
        "charges": charges.count(),
        "owing": len(queries.owed_charges(unit.pk)),
        "latest": latest,
    }


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

RESIDENT_PANELS = [
    ResidentPanel(key="owed", template="billing/portal/hub_panel.html", context=_owed, order=100),
]

UNIT_PANELS = [
    UnitPanel(
        key="bills",
        template="billing/unit_panel.html",
        context=_bills,
        perm="billing.view",
        order=100,
    ),
]
