"""API: the parcel log. Residents list their homes' parcels (with their pick-up codes); the
desk lists a community's, receives parcels and hands them over."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Literal

from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status

from wuye.core import policy
from wuye.core.api import Body, Id, IdIn, Page, PageParams, errors, paginate, text_in
from wuye.core.models import Community
from wuye.core.validators import not_found
from wuye.estates.models import Unit

from . import queries, services
from .models import Carrier, Parcel

router = Router(tags=["parcels"])

# A tracking number as a label prints it: what `services.normalise_tracking` accepts.
TRACKING_PATTERN = r"^[ -]*([0-9A-Za-z][ -]*){6,40}$"

Status_ = Literal["received", "notified", "picked_up", "returned"]


class ParcelOut(Schema):
    id: int
    community_id: int
    unit_id: int
    unit: str = Field(description="The home as building-entrance-room.")
    addressee: str
    carrier: str
    tracking_number: str
    shelf: str
    status: Status_
    received_at: datetime
    notified_at: datetime | None
    pickup_code: str | None = Field(
        description="Shown only to the residents of the home while the parcel waits: the "
        "code they show at the desk."
    )
    picked_up_at: datetime | None
    collected_by: str
    returned_at: datetime | None
    reminders_sent: int


class ParcelFilters(Schema):
    community_id: Id = None
    status: Literal["waiting", "picked_up", "returned", "all"] = "all"


class ParcelIn(Body):
    community_id: IdIn
    unit_id: IdIn
    carrier: Literal[tuple(Carrier.values)]  # type: ignore[valid-type]
    tracking_number: Annotated[
        str,
        Field(
            max_length=60,
            pattern=TRACKING_PATTERN,
            description="6 to 40 letters and digits, spaces and dashes between them ignored.",
        ),
    ]
    shelf: text_in(20) = ""
    addressee: text_in(100) = ""


class PickUpIn(Body):
    code: text_in(12) = Field("", description="The pick-up code the resident shows.")
    picked_up_by: text_in(100) = Field(
        "", description="Or the name of the person taking the parcel without the code."
    )


def _out(parcel: Parcel, own_unit_ids: set[int]) -> dict:
    return {
        "id": parcel.pk,
        "community_id": parcel.community_id,
        "unit_id": parcel.unit_id,
        "unit": parcel.unit.label,
        "addressee": parcel.addressee,
        "carrier": parcel.carrier,
        "tracking_number": parcel.tracking_number,
        "shelf": parcel.shelf,
        "status": parcel.status,
        "received_at": parcel.received_at,
        "notified_at": parcel.notified_at,
        "pickup_code": parcel.pickup_code
        if parcel.waiting and parcel.unit_id in own_unit_ids
        else None,
        "picked_up_at": parcel.picked_up_at,
        "collected_by": parcel.collected_by,
        "returned_at": parcel.returned_at,
        "reminders_sent": parcel.reminders_sent,
    }


def _own(user) -> set[int]:
    return set(policy.resident_unit_ids(user))


@router.get(
    "/parcels",
    response={200: Page[ParcelOut], **errors()},
    summary="Parcels the caller may see: their homes' as resident, a community's as staff",
)
def parcel_list(request, filters: Query[ParcelFilters], paging: Query[PageParams]):
    rows = queries.parcels_visible_to(request.auth, filters.community_id)
    rows = queries.parcel_list(rows, status=filters.status)
    count, items = paginate(rows, paging)
    own = _own(request.auth)
    return {"count": count, "items": [_out(p, own) for p in items]}


@router.post(
    "/parcels",
    response={201: ParcelOut, **errors()},
    summary="Receive a parcel for a home: its household is notified with the pick-up code",
)
def parcel_receive(request, payload: ParcelIn):
    policy.require_perm(request.auth, "parcel.receive", payload.community_id)
    community = get_object_or_404(Community, pk=payload.community_id)
    unit = Unit.objects.filter(pk=payload.unit_id, community=community).first()
    if unit is None:
        raise ValidationError({"unit_id": [not_found(_("Choose a home of this community."))]})
    parcel = services.parcel_receive(
        actor=request.auth,
        community=community,
        unit=unit,
        carrier=payload.carrier,
        tracking_number=payload.tracking_number,
        shelf=payload.shelf,
        addressee=payload.addressee,
    )
    return Status(201, _out(parcel, _own(request.auth)))


@router.post(
    "/parcels/{parcel_id}/pick-up",
    response={200: ParcelOut, **errors()},
    summary="Hand a waiting parcel over, with its pick-up code or to a named person",
)
def parcel_pick_up(request, parcel_id: Id, payload: PickUpIn):
    rows = queries.for_list(queries.parcels_visible_to(request.auth))
    parcel = get_object_or_404(rows, pk=parcel_id)
    parcel = services.parcel_pick_up(
        actor=request.auth,
        parcel=parcel,
        code=payload.code,
        collected_by=payload.picked_up_by,
    )
    return _out(parcel, _own(request.auth))
