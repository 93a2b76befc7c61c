"""Spare parts for tests: a bearing kept in the store of Bordeaux Town, and a repair order
to issue it to."""

from __future__ import annotations

from wuye.facilities.stores import services
from wuye.servicedesk.models import Category, Channel
from wuye.servicedesk.services import work_order_submit


def bearing(site, community=None, *, keeper=None, code="BRG-6204", **fields):
    """A pump bearing with a reorder point of 2, nothing on hand yet."""
    return services.stock_item_add(
        actor=keeper or site.engineer,
        community=community or site.community,
        data={
            "code": code,
            "name": fields.pop("name", "水泵轴承 6204"),
            "unit": "个",
            "category": "水泵配件",
            "reorder_point": fields.pop("reorder_point", "2"),
            **fields,
        },
    )


def repair_order(site, community=None, *, actor=None):
    return work_order_submit(
        actor=actor or site.engineer,
        community=community or site.community,
        category=Category.REPAIR_COMMON,
        channel=Channel.PATROL,
        description="二次供水泵异响",
        location="B1 水泵房",
    )


def sweep_stores(site, community=None, *, keeper=None) -> dict:
    """A part with stock and an order to issue it to, for the access sweeps."""
    keeper = keeper or site.engineer
    part = bearing(site, community, keeper=keeper)
    services.stock_receive(actor=keeper, item=part, quantity="20", unit_cost="35.50")
    order = repair_order(site, community, actor=keeper)
    return {"part_id": part.pk, "stores_work_order_id": order.pk}
