"""Buildings (楼栋), with the count of their homes and the area built."""

from __future__ import annotations

from decimal import Decimal

from django.shortcuts import get_object_or_404
from ninja import Query, Router, Schema, Status

from wuye.core.api import (
    Body,
    Id,
    Page,
    PageParams,
    column_count,
    column_text,
    errors,
    patch_schema,
)

from .. import queries, services
from ..models import Building, BuildingKind
from .common import page_of, visible_community

router = Router()

# Areas are m² with two decimal places; sums computed by SQLite come back unscaled.
TWO_PLACES = Decimal("0.01")


class BuildingIn(Body):
    number: column_text(Building, "number")
    name: column_text(Building, "name") = ""
    kind: BuildingKind
    floors: column_count(Building, "floors")
    lifts: column_count(Building, "lifts") = 0


BuildingPatch = patch_schema(BuildingIn)


class BuildingOut(Schema):
    id: int
    community_id: int
    number: str
    name: str
    kind: BuildingKind
    floors: int
    lifts: int
    homes: int
    built_area: Decimal


class BuildingFilters(Schema):
    kind: BuildingKind = None


def _building_out(building: Building) -> dict:
    return {
        "id": building.pk,
        "community_id": building.community_id,
        "number": building.number,
        "name": building.name,
        "kind": building.kind,
        "floors": building.floors,
        "lifts": building.lifts,
        "homes": building.home_count,
        "built_area": building.built_area.quantize(TWO_PLACES),
    }


def _building_with_totals(user, building_id: int) -> Building:
    return get_object_or_404(queries.building_list(user, None, {}), pk=building_id)


@router.get(
    "/communities/{community_id}/buildings",
    response={200: Page[BuildingOut], **errors()},
    summary="Buildings of a community, with their homes and built area",
)
def building_list(
    request, community_id: Id, filters: Query[BuildingFilters], paging: Query[PageParams]
):
    visible_community(request.auth, community_id)
    params = filters.model_dump(mode="json", exclude_none=True)
    return page_of(queries.building_list(request.auth, community_id, params), paging, _building_out)


@router.post(
    "/communities/{community_id}/buildings",
    response={201: BuildingOut, **errors()},
    summary="Add a building",
)
def building_create(request, community_id: Id, payload: BuildingIn):
    community = visible_community(request.auth, community_id)
    building = services.building_save(
        actor=request.auth, community=community, data=payload.model_dump()
    )
    return Status(201, _building_out(_building_with_totals(request.auth, building.pk)))


@router.get(
    "/buildings/{building_id}",
    response={200: BuildingOut, **errors()},
    summary="A building",
)
def building_detail(request, building_id: Id):
    return _building_out(_building_with_totals(request.auth, building_id))


@router.patch(
    "/buildings/{building_id}",
    response={200: BuildingOut, **errors()},
    summary="Change a building",
)
def building_update(request, building_id: Id, payload: BuildingPatch):
    building = get_object_or_404(
        queries.buildings_visible_to(request.auth).select_related("community"), pk=building_id
    )
    services.building_save(
        actor=request.auth,
        community=building.community,
        building=building,
        data=payload.model_dump(exclude_unset=True),
    )
    return _building_out(_building_with_totals(request.auth, building.pk))
