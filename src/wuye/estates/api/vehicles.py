"""Vehicles (车辆): plates registered in a community, each perhaps a resident's."""

from __future__ import annotations

from typing import Annotated

from django.shortcuts import get_object_or_404
from ninja import Field, Query, Router, Schema, Status

from wuye.core import policy
from wuye.core.api import Body, Id, IdIn, Page, PageParams, Text, column_text, errors, patch_schema
from wuye.core.validators import PLATE_TYPED

from .. import queries, services
from ..models import Vehicle
from .common import fields_as_sent, page_of, service_data, visible_community

router = Router()


class VehicleIn(Body):
    plate: Annotated[str, Field(pattern=PLATE_TYPED)] = Field(examples=["新B12345", "新BD12345"])
    resident_id: IdIn | None = None
    description: column_text(Vehicle, "description") = ""


VehiclePatch = patch_schema(VehicleIn)


class VehicleOut(Schema):
    id: int
    community_id: int
    plate: str
    resident_id: int | None
    resident_name: str | None
    description: str


class VehicleFilters(Schema):
    q: Text = Field(None, description="Part of the plate.")


def _vehicle_out(vehicle: Vehicle) -> dict:
    return {
        "id": vehicle.pk,
        "community_id": vehicle.community_id,
        "plate": vehicle.plate,
        "resident_id": vehicle.resident_id,
        "resident_name": vehicle.resident.name if vehicle.resident else None,
        "description": vehicle.description,
    }


@router.get(
    "/communities/{community_id}/vehicles",
    response={200: Page[VehicleOut], **errors()},
    summary="Vehicles of a community: search by plate",
)
def vehicle_list(
    request, community_id: Id, filters: Query[VehicleFilters], paging: Query[PageParams]
):
    visible_community(request.auth, community_id)
    params = filters.model_dump(mode="json", exclude_none=True)
    return page_of(queries.vehicle_list(request.auth, community_id, params), paging, _vehicle_out)


@router.post(
    "/communities/{community_id}/vehicles",
    response={201: VehicleOut, **errors()},
    summary="Register a vehicle",
)
def vehicle_create(request, community_id: Id, payload: VehicleIn):
    user = request.auth
    community = visible_community(user, community_id)
    policy.require_perm(user, "register.change", community.pk)
    with fields_as_sent():
        data = service_data(user, community.pk, payload.model_dump())
        vehicle = services.vehicle_save(actor=user, community=community, data=data)
    return Status(201, _vehicle_out(vehicle))


@router.get(
    "/vehicles/{vehicle_id}",
    response={200: VehicleOut, **errors()},
    summary="A vehicle",
)
def vehicle_detail(request, vehicle_id: Id):
    return _vehicle_out(get_object_or_404(queries.vehicles_visible_to(request.auth), pk=vehicle_id))


@router.patch(
    "/vehicles/{vehicle_id}",
    response={200: VehicleOut, **errors()},
    summary="Change a vehicle",
)
def vehicle_update(request, vehicle_id: Id, payload: VehiclePatch):
    user = request.auth
    vehicle = get_object_or_404(
        queries.vehicles_visible_to(user).select_related("community"), pk=vehicle_id
    )
    policy.require_perm(user, "register.change", vehicle.community_id)
    with fields_as_sent():
        data = service_data(user, vehicle.community_id, payload.model_dump(exclude_unset=True))
        vehicle = services.vehicle_save(
            actor=user, community=vehicle.community, vehicle=vehicle, data=data
        )
    return _vehicle_out(vehicle)
