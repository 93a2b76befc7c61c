"""API: a member of staff clocks in or out from the app."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Literal

from django.shortcuts import get_object_or_404
from ninja import Field, Router, Schema, Status
from pydantic import BeforeValidator
from pydantic_core import PydanticCustomError

from wuye.core import policy
from wuye.core.api import Body, IdIn, errors
from wuye.core.models import Community

from . import services
from .models import ClockSource

router = Router(tags=["staff"])


def _number(value):
    # A JSON number: "43.8" and true are not.
    if isinstance(value, str | bool):
        raise PydanticCustomError("float_type", "Enter a number.")
    return value


class ClockIn(Body):
    community_id: IdIn
    kind: Literal["in", "out"]
    latitude: (
        Annotated[float, Field(ge=-90, le=90, allow_inf_nan=False), BeforeValidator(_number)] | None
    ) = None
    longitude: (
        Annotated[float, Field(ge=-180, le=180, allow_inf_nan=False), BeforeValidator(_number)]
        | None
    ) = None
    accuracy: (
        Annotated[float, Field(ge=0, le=100000, allow_inf_nan=False), BeforeValidator(_number)]
        | None
    ) = Field(None, description="Metres, as the phone reports it.")


class ClockOut(Schema):
    id: int
    community_id: int
    user_id: int
    kind: Literal["in", "out"]
    at: datetime
    latitude: float | None
    longitude: float | None
    accuracy_m: int | None
    source: str


@router.post(
    "/attendance/clock",
    response={201: ClockOut, **errors()},
    summary="Clock in or out (409 for a second clock-in or a clock-out without a clock-in)",
)
def attendance_clock(request, payload: ClockIn):
    policy.require_perm(request.auth, "attendance.clock", payload.community_id)
    community = get_object_or_404(Community, pk=payload.community_id)
    event = services.clock(
        request.auth,
        community,
        payload.kind,
        latitude=payload.latitude,
        longitude=payload.longitude,
        accuracy=payload.accuracy,
        source=ClockSource.API,
    )
    return Status(
        201,
        {
            "id": event.pk,
            "community_id": event.community_id,
            "user_id": event.user_id,
            "kind": event.kind,
            "at": event.at,
            "latitude": float(event.latitude) if event.latitude is not None else None,
            "longitude": float(event.longitude) if event.longitude is not None else None,
            "accuracy_m": event.accuracy_m,
            "source": event.source,
        },
    )
