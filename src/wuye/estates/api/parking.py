"""Parking spaces (车位): each perhaps tied to a home and to a vehicle."""

from __future__ import annotations

from django.shortcuts import get_object_or_404
from ninja import Field, Query, Router, Schema, Status

from wuye.core import policy
from wuye.core.api import Body, Id, IdIn, Page, PageParams, Text, column_text, errors, patch_schema

from .. import queries, services
from ..models import ParkingKind, ParkingSpace
from .common import fields_as_sent, page_of, service_data, visible_community

router = Router()


class ParkingSpaceIn(Body):
    number: column_text(ParkingSpace, "number")
    zone: column_text(ParkingSpace, "zone") = ""
    kind: ParkingKind
    unit_id: IdIn | None = None
    vehicle_id: IdIn | None = None


ParkingSpacePatch = patch_schema(ParkingSpaceIn)


class ParkingSpaceOut(Schema):
    id: int
    community_id: int
    number: str
    zone: str
    kind: ParkingKind
    unit_id: int | None
    unit_label: str | None
    vehicle_id: int | None
    vehicle_plate: str | None


class ParkingSpaceFilters(Schema):
    kind: ParkingKind = None
    zone: Text = None
    q: Text = Field(None, description="Part of the space number.")


def _parking_space_out(space: ParkingSpace) -> dict:
    return {
        "id": space.pk,
        "community_id": space.community_id,
        "number": space.number,
        "zone": space.zone,
        "kind": space.kind,
        "unit_id": space.unit_id,
        "unit_label": space.unit.label if space.unit else None,
        "vehicle_id": space.vehicle_id,
        "vehicle_plate": space.vehicle.plate if space.vehicle else None,
    }


def _parking_space(user, space_id: int) -> ParkingSpace:
    return get_object_or_404(queries.parking_spaces_visible_to(user), pk=space_id)


@router.get(
    "/communities/{community_id}/parking-spaces",
    response={200: Page[ParkingSpaceOut], **errors()},
    summary="Parking spaces of a community: filter by kind, zone or number",
)
def parking_space_list(
    request, community_id: Id, filters: Query[ParkingSpaceFilters], paging: Query[PageParams]
):
    visible_community(request.auth, community_id)
    params = filters.model_dump(mode="json", exclude_none=True)
    rows = queries.parking_space_list(request.auth, community_id, params)
    return page_of(rows, paging, _parking_space_out)


@router.post(
    "/communities/{community_id}/parking-spaces",
    response={201: ParkingSpaceOut, **errors()},
    summary="Add a parking space",
)
def parking_space_create(request, community_id: Id, payload: ParkingSpaceIn):
    user = request.auth
    community = visible_community(user, community_id)
    policy.require_perm(user, "register.change", community.pk)
    with fields_as_sent():
        data = service_data(user, community.pk, payload.model_dump())
        space = services.parking_space_save(actor=user, community=community, data=data)
    return Status(201, _parking_space_out(_parking_space(user, space.pk)))


@router.get(
    "/parking-spaces/{space_id}",
    response={200: ParkingSpaceOut, **errors()},
    summary="A parking space",
)
def parking_space_detail(request, space_id: Id):
    return _parking_space_out(_parking_space(request.auth, space_id))


@router.patch(
    "/parking-spaces/{space_id}",
    response={200: ParkingSpaceOut, **errors()},
    summary="Change a parking space",
)
def parking_space_update(request, space_id: Id, payload: ParkingSpacePatch):
    user = request.auth
    space = _parking_space(user, space_id)
    policy.require_perm(user, "register.change", space.community_id)
    with fields_as_sent():
        data = service_data(user, space.community_id, payload.model_dump(exclude_unset=True))
        services.parking_space_save(actor=user, community=space.community, space=space, data=data)
    return _parking_space_out(_parking_space(user, space.pk))
