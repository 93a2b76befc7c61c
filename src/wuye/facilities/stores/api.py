"""API: the spare parts of a community (those at or below their reorder point with
`low=true`), and issuing a part to a work order or a maintenance task, recorded once per
key, which answers with the movement and the quantity left on hand. Not enough in stock is
a 409 naming what is on hand."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Literal

from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema

from wuye.core import policy
from wuye.core.api import Body, Id, IdIn, decimal_in, errors, text_in
from wuye.core.validators import not_found
from wuye.servicedesk.queries import work_orders_visible_to

from ..maintenance.queries import tasks_for
from . import queries, services
from .models import StockItem

router = Router(tags=["stores"])

MAX_PARTS = 500


class SparePartFilters(Schema):
    community_id: Id
    low: bool = Field(False, description="Only parts at or below their reorder point.")


class SparePartOut(Schema):
    id: int
    community_id: int
    code: str
    name: str
    unit: str
    category: str
    on_hand: Decimal
    reorder_point: Decimal
    unit_cost: Decimal = Field(description="The weighted average cost of one unit.")
    value: Decimal
    low: bool


class StockMovementOut(Schema):
    id: int
    part_id: int
    kind: Literal["received", "issued", "counted", "returned"]
    quantity: Decimal = Field(description="The change to the stock: an issue is negative.")
    on_hand_after: Decimal
    unit_cost: Decimal
    value: Decimal
    work_order_id: int | None
    maintenance_task_id: int | None
    key: str
    at: datetime


class StockIssueOut(Schema):
    movement: StockMovementOut
    on_hand: Decimal


class StockIssueIn(Body):
    quantity: decimal_in(minimum=Decimal("0.01"), places=2, digits=12)  # type: ignore[valid-type]
    work_order_id: IdIn | None = Field(None, description="The work order it goes to …")
    maintenance_task_id: IdIn | None = Field(None, description="… or the maintenance task.")
    key: text_in(services.KEY_MAX_LENGTH) = Field(  # type: ignore[valid-type]
        "",
        description="The client's key for this issue, unique in the community: sending the "
        "same issue again with it returns the movement already recorded.",
    )


def _part(item: StockItem) -> dict:
    return {
        "id": item.pk,
        "community_id": item.community_id,
        "code": item.code,
        "name": item.name,
        "unit": item.unit,
        "category": item.category,
        "on_hand": item.on_hand,
        "reorder_point": item.reorder_point,
        "unit_cost": item.unit_cost,
        "value": item.value,
        "low": item.is_low,
    }


@router.get(
    "/spare-parts",
    response={200: list[SparePartOut], **errors()},
    summary=f"The community's spare parts by code, at most {MAX_PARTS}",
)
def spare_part_list(request, filters: Query[SparePartFilters]):
    policy.require_perm(request.auth, "stores.view", filters.community_id)
    rows = queries.parts_list(
        queries.parts_visible_to(request.auth, filters.community_id), low=filters.low
    )
    return [_part(item) for item in rows[:MAX_PARTS]]


@router.post(
    "/spare-parts/{part_id}/issues",
    response={200: StockIssueOut, **errors()},
    summary="Issue a spare part to a work order or a maintenance task, once per key",
)
def spare_part_issue(request, part_id: Id, payload: StockIssueIn):
    item = get_object_or_404(StockItem.objects.only("community_id"), pk=part_id)
    policy.require_perm(request.auth, "stores.issue", item.community_id)
    item = get_object_or_404(queries.parts_visible_to(request.auth, item.community_id), pk=part_id)
    target = {"work_order": None, "maintenance_task": None}
    if payload.work_order_id is not None:
        target["work_order"] = work_orders_visible_to(request.auth, item.community_id).filter(
            pk=payload.work_order_id
        ).first() or _missing("work_order_id")
    if payload.maintenance_task_id is not None:
        target["maintenance_task"] = tasks_for(request.auth, item.community_id).filter(
            pk=payload.maintenance_task_id
        ).first() or _missing("maintenance_task_id")
    movement = services.stock_issue(
        actor=request.auth, item=item, quantity=payload.quantity, key=payload.key, **target
    )
    return {
        "movement": {
            "id": movement.pk,
            "part_id": movement.item_id,
            "kind": movement.kind,
            "quantity": movement.quantity,
            "on_hand_after": movement.on_hand_after,
            "unit_cost": movement.unit_cost,
            "value": movement.value,
            "work_order_id": movement.work_order_id,
            "maintenance_task_id": movement.maintenance_task_id,
            "key": movement.key,
            "at": movement.at,
        },
        "on_hand": movement.item.on_hand,
    }


def _missing(field: str):
    raise ValidationError({field: [not_found(_("Nothing of that number is here."))]})
