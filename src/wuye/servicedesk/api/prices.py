"""The repair price list (收费公示): read by everyone of the community, kept by its managers
(publish an item, change it, retire it)."""

from __future__ import annotations

from django.shortcuts import get_object_or_404
from ninja import Router, Status

from wuye.core.api import Body, Id, column_count, column_decimal, column_text, errors, patch_schema
from wuye.estates.queries import communities_visible_to

from .. import queries, services
from ..models import PriceListItem
from .common import price_item_out
from .schemas import PriceItemOut

router = Router()


class PriceItemIn(Body):
    name: column_text(PriceListItem, "name")  # type: ignore[valid-type]
    unit: column_text(PriceListItem, "unit")  # type: ignore[valid-type]
    price: column_decimal(PriceListItem, "price")  # type: ignore[valid-type]
    sort: column_count(PriceListItem, "sort") = 0  # type: ignore[valid-type]


PriceItemPatch = patch_schema(PriceItemIn)


def _item(user, price_item_id: int) -> PriceListItem:
    """An item of a community the caller may see (whether they may change it is the
    service's question)."""
    return get_object_or_404(
        PriceListItem.objects.filter(community__in=communities_visible_to(user)),
        pk=price_item_id,
    )


@router.get(
    "/communities/{community_id}/price-list",
    response={200: list[PriceItemOut], **errors()},
    summary="The published repair prices (收费公示) of a community",
)
def price_list(request, community_id: Id):
    community = get_object_or_404(communities_visible_to(request.auth), pk=community_id)
    return [price_item_out(p) for p in queries.price_list(community.pk)]


@router.post(
    "/communities/{community_id}/price-list",
    response={201: PriceItemOut, **errors()},
    summary="Publish a repair price (needs workorder.configure)",
)
def price_item_create(request, community_id: Id, payload: PriceItemIn):
    community = get_object_or_404(communities_visible_to(request.auth), pk=community_id)
    item = services.price_item_save(
        actor=request.auth, community=community, data=payload.model_dump()
    )
    return Status(201, price_item_out(item))


@router.patch(
    "/price-list/{price_item_id}",
    response={200: PriceItemOut, **errors()},
    summary="Change a price-list item; orders already charged keep their price",
)
def price_item_update(request, price_item_id: Id, payload: PriceItemPatch):
    item = _item(request.auth, price_item_id)
    item = services.price_item_save(
        actor=request.auth,
        community=item.community,
        item=item,
        data=payload.model_dump(exclude_unset=True),
    )
    return price_item_out(item)


@router.post(
    "/price-list/{price_item_id}/retire",
    response={200: PriceItemOut, **errors()},
    summary="Retire a price-list item: new orders are no longer offered it, old ones keep it",
)
def price_item_retire(request, price_item_id: Id):
    item = services.price_item_retire(actor=request.auth, item=_item(request.auth, price_item_id))
    return price_item_out(item)
