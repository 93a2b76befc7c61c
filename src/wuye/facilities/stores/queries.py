"""Reads of the store: the parts of a community (those at or below their reorder point
first when asked), a part's ledger, and the materials a work order or a task took."""

from __future__ import annotations

from decimal import Decimal

from django.db.models import DecimalField, F, Sum

from wuye.core import policy

from .models import StockItem, StockMovement


def parts_visible_to(user, community_id: int):
    """The community's parts to those who view the store, none to anyone else."""
    rows = StockItem.objects.filter(community_id=community_id)
    if not policy.has_perm(user, "stores.view", community_id):
        return rows.none()
    return rows


def parts_list(rows, *, low: bool = False, search: str = ""):
    if low:
        rows = rows.filter(on_hand__lte=F("reorder_point"))
    if search:
        rows = rows.filter(code__icontains=search) | rows.filter(name__icontains=search)
    return rows.order_by("code", "pk")


def low_parts(community_id: int):
    """Parts at or below their reorder point, the furthest below first."""
    return (
        StockItem.objects.filter(community_id=community_id, on_hand__lte=F("reorder_point"))
        .annotate(short=F("reorder_point") - F("on_hand"))
        .order_by("-short", "code")
    )


def ledger(item: StockItem):
    return item.movements.select_related("actor", "work_order", "maintenance_task__plan")


def materials_of(**target) -> tuple[list[StockMovement], Decimal]:
    """The parts issued to (and taken back from) a work order or a maintenance task, oldest
    first, and their total cost: issues less returns, each at its cost of the moment."""
    rows = list(StockMovement.objects.filter(**target).select_related("item").order_by("at", "pk"))
    total = sum(
        (-(m.quantity * m.unit_cost).quantize(Decimal("0.01")) for m in rows), Decimal("0.00")
    )
    return rows, total


def total_value(community_id: int) -> Decimal:
    """What the community's parts on hand are worth at their unit costs."""
    found = StockItem.objects.filter(community_id=community_id).aggregate(
        v=Sum(
            F("on_hand") * F("unit_cost"),
            output_field=DecimalField(max_digits=24, decimal_places=4),
        )
    )["v"]
    return (found or Decimal("0")).quantize(Decimal("0.01"))
