"""Homes (房屋): where they are, their areas and use, who owns them and who lives in them."""

from __future__ import annotations

from decimal import Decimal

from django.shortcuts import get_object_or_404
from ninja import Field, Query, Router, Schema, Status

from wuye.core import policy
from wuye.core.api import (
    Body,
    Id,
    IdIn,
    Page,
    PageParams,
    SmallIntIn,
    Text,
    column_decimal,
    column_text,
    errors,
    paginate,
    patch_schema,
)

from .. import queries, services
from ..models import Occupancy, Unit, UnitUse
from .common import fields_as_sent, is_staff, service_data, visible_community
from .residencies import ResidencyOut, residency_out

router = Router()


class UnitIn(Body):
    building_id: IdIn
    entrance: column_text(Unit, "entrance") = ""
    floor: SmallIntIn
    number: column_text(Unit, "number")
    building_area: column_decimal(Unit, "building_area")
    inner_area: column_decimal(Unit, "inner_area") | None = Field(
        None, description="At most the building area."
    )
    use: UnitUse = UnitUse.RESIDENTIAL
    occupancy: Occupancy = Occupancy.VACANT


UnitPatch = patch_schema(UnitIn)


class UnitOut(Schema):
    id: int
    community_id: int
    building_id: int
    building_number: str
    entrance: str
    floor: int
    number: str
    label: str = Field(description="Building-entrance-room, as staff say it: 3-2-502.")
    building_area: Decimal
    inner_area: Decimal | None
    use: UnitUse
    occupancy: Occupancy
    owner_ids: list[int] | None = Field(
        description="The current owners' resident ids; shown to staff only (null otherwise)."
    )


class UnitDetailOut(UnitOut):
    residencies: list[ResidencyOut] = Field(description="Who lives in the home now.")


class UnitFilters(Schema):
    building: Text = Field(None, description="Building number.")
    entrance: Text = None
    use: UnitUse = None
    occupancy: Occupancy = None
    q: Text = Field(None, description="Room number, or its beginning.")


def _unit_out(unit: Unit, owner_ids: list[int] | None) -> dict:
    return {
        "id": unit.pk,
        "community_id": unit.community_id,
        "building_id": unit.building_id,
        "building_number": unit.building.number,
        "entrance": unit.entrance,
        "floor": unit.floor,
        "number": unit.number,
        "label": unit.label,
        "building_area": unit.building_area,
        "inner_area": unit.inner_area,
        "use": unit.use,
        "occupancy": unit.occupancy,
        "owner_ids": owner_ids,
    }


def _unit_detail_out(user, unit_id: int) -> dict:
    unit = get_object_or_404(
        queries.with_current_residencies(queries.units_visible_to(user)), pk=unit_id
    )
    owners = (
        queries.owner_ids_by_unit([unit.pk])[unit.pk] if is_staff(user, unit.community_id) else None
    )
    return {
        **_unit_out(unit, owners),
        "residencies": [residency_out(r, unit) for r in unit.current_residencies],
    }


@router.get(
    "/communities/{community_id}/units",
    response={200: Page[UnitOut], **errors()},
    summary="Homes of a community: filter by building, entrance, use, occupancy or room",
)
def unit_list(request, community_id: Id, filters: Query[UnitFilters], paging: Query[PageParams]):
    user = request.auth
    visible_community(user, community_id)
    params = filters.model_dump(mode="json", exclude_none=True)
    count, rows = paginate(queries.unit_list(user, community_id, params), paging)
    owners = queries.owner_ids_by_unit([u.pk for u in rows]) if is_staff(user, community_id) else {}
    return {"count": count, "items": [_unit_out(u, owners.get(u.pk)) for u in rows]}


@router.post(
    "/communities/{community_id}/units",
    response={201: UnitDetailOut, **errors()},
    summary="Add a home",
)
def unit_create(request, community_id: Id, payload: UnitIn):
    user = request.auth
    community = visible_community(user, community_id)
    policy.require_perm(user, "register.change", community.pk)
    with fields_as_sent():
        data = service_data(user, community.pk, payload.model_dump())
        unit = services.unit_save(actor=user, building=data.pop("building"), data=data)
    return Status(201, _unit_detail_out(user, unit.pk))


@router.get(
    "/units/{unit_id}",
    response={200: UnitDetailOut, **errors()},
    summary="A home and who lives in it",
)
def unit_detail(request, unit_id: Id):
    return _unit_detail_out(request.auth, unit_id)


@router.patch(
    "/units/{unit_id}",
    response={200: UnitDetailOut, **errors()},
    summary="Change a home",
)
def unit_update(request, unit_id: Id, payload: UnitPatch):
    user = request.auth
    unit = get_object_or_404(queries.units_visible_to(user), pk=unit_id)
    policy.require_perm(user, "register.change", unit.community_id)
    with fields_as_sent():
        data = service_data(user, unit.community_id, payload.model_dump(exclude_unset=True))
        building = data.pop("building", unit.building)
        services.unit_save(actor=user, building=building, unit=unit, data=data)
    return _unit_detail_out(user, unit.pk)
