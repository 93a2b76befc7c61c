"""API: temporary-parking tariffs and what a stay costs.

Amounts are decimal strings with two places ("27.00"); minutes are whole numbers.
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Annotated, Any, Literal

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status
from pydantic import BeforeValidator, PlainSerializer

from wuye.core import policy
from wuye.core.api import (
    Body,
    BoolIn,
    Id,
    IdIn,
    Moment,
    decimal_in,
    errors,
    number_in,
    text_in,
)
from wuye.core.models import Community
from wuye.core.validators import NOT_FOUND, PLATE_TYPED
from wuye.estates import plates

from .. import queries, services
from ..models import ParkingTariff, VehicleType

VehicleTypeIn = Literal[*VehicleType.values]
PlateColourIn = Literal[*plates.PlateColour.values]

router = Router(tags=["parking"])

Money = Annotated[
    Decimal,
    PlainSerializer(lambda d: f"{d:.2f}", return_type=str, when_used="json"),
    Field(description="Yuan, as a decimal string with two places."),
]
MinutesIn = Annotated[int, Field(ge=0, le=144000), BeforeValidator(number_in)]
# A period a price is counted by: at least a minute.
PeriodIn = Annotated[int, Field(ge=1, le=144000), BeforeValidator(number_in)]
Clock = Annotated[str, Field(pattern=r"^([01][0-9]|2[0-3]):[0-5][0-9]$", examples=["19:00"])]
# A parking price in yuan: fen at most, under ¥100,000 (what the tariff engine accepts).
PriceIn = decimal_in(minimum=Decimal(0), places=2, digits=7)
OPERATION = "wuye_security_parking_api_"


class BandIn(Body):
    name: text_in(30) = ""
    starts: Clock
    ends: Clock
    price: PriceIn
    per: Literal["night", "hour"] = Field(
        "night", description='"night": once per band touched; "hour": per hour.'
    )
    free_on_holidays: BoolIn = False


class TariffIn(Body):
    community_id: IdIn
    name: text_in(100, required=True)
    free_minutes: MinutesIn = 0
    charge_from_zero_after_free: BoolIn = True
    first_minutes: PeriodIn = 60
    first_price: PriceIn = Decimal(0)
    step_minutes: PeriodIn = 60
    step_price: PriceIn = Decimal(0)
    second_after_minutes: MinutesIn | None = None
    second_step_minutes: PeriodIn = 60
    second_step_price: PriceIn = Decimal(0)
    cap_per_day: PriceIn | None = None
    cap_scope: Literal["rolling_24h", "calendar_day"] = Field(
        "rolling_24h", description="A day's cap over any 24 hours, or per calendar day."
    )
    exit_grace_minutes: MinutesIn = 15
    free_on_holidays: BoolIn = False
    vehicle_types: list[VehicleTypeIn] = Field(
        default_factory=list, description="Empty: every type."
    )
    plate_colours: list[PlateColourIn] = Field(
        default_factory=list, description="Empty: every colour."
    )
    bands: list[BandIn] = Field(default_factory=list, description="Day and night bands.")
    effective_from: Moment | None = None


class TariffOut(Schema):
    id: int
    community_id: int
    name: str
    vehicle_types: list[str]
    plate_colours: list[str]
    rule: dict[str, Any]
    effective_from: datetime
    effective_until: datetime | None
    replaces_id: int | None


class TariffFilters(Schema):
    community_id: Id = None


class QuoteIn(Body):
    community_id: IdIn
    plate: Annotated[str, Field(pattern=PLATE_TYPED)] = Field(examples=["新B12345"])
    entered_at: Moment
    exited_at: Moment
    vehicle_type: str = Field("car", description="car, large or motorcycle.")
    tariff_id: IdIn | None = None


class QuoteLine(Schema):
    label: str
    amount: Money


class QuoteOut(Schema):
    fee: Money
    minutes: int
    tariff_id: int
    plate: str
    plate_colour: str
    breakdown: list[QuoteLine]


def _community(request, community_id: int, perm: str) -> Community:
    if community_id not in policy.community_ids_with(request.auth, perm):
        if community_id in policy.community_ids_with(request.auth, "parking.view"):
            raise PermissionDenied
        raise Http404
    return get_object_or_404(Community, pk=community_id)


def _rule(payload: TariffIn) -> dict[str, Any]:
    rule = payload.model_dump(
        exclude={"community_id", "name", "vehicle_types", "plate_colours", "effective_from"}
    )
    for name, value in rule.items():
        if isinstance(value, Decimal):
            rule[name] = str(value)
    rule["bands"] = [{**band, "price": str(band["price"])} for band in rule["bands"]]
    return rule


@router.post(
    "/parking-tariffs",
    response={201: TariffOut, **errors()},
    summary="Set a temporary-parking tariff",
    operation_id=f"{OPERATION}tariff_create",
)
def tariff_create(request, payload: TariffIn):
    community = _community(request, payload.community_id, "parking.configure")
    tariff = services.tariff_create(
        actor=request.auth,
        community=community,
        name=payload.name,
        rule=_rule(payload),
        vehicle_types=payload.vehicle_types,
        plate_colours=payload.plate_colours,
        effective_from=payload.effective_from,
    )
    return Status(201, tariff)


@router.get(
    "/parking-tariffs",
    response={200: list[TariffOut], **errors()},
    summary="The tariffs and their versions",
    operation_id=f"{OPERATION}tariff_list",
)
def tariff_list(request, filters: Query[TariffFilters]):
    if filters.community_id:
        _community(request, filters.community_id, "parking.view")
    ids = policy.community_ids_with(request.auth, "parking.view")
    rows = ParkingTariff.objects.filter(community_id__in=ids)
    if filters.community_id:
        rows = rows.filter(community_id=filters.community_id)
    return rows.order_by("community_id", "name", "-effective_from", "-pk")


@router.post(
    "/parking-fees/quote",
    response={200: QuoteOut, **errors()},
    summary="What a stay costs under the tariff in effect at entry",
    operation_id=f"{OPERATION}fee_quote",
)
def fee_quote(request, payload: QuoteIn):
    community = _community(request, payload.community_id, "parking.view")
    try:
        plate = plates.validate(payload.plate)
    except ValidationError as exc:
        raise ValidationError({"plate": exc.messages}) from exc
    if payload.vehicle_type not in VehicleType.values:
        raise ValidationError(
            {"vehicle_type": [_choose(VehicleType)]},
        )
    # A moment sent without a zone is the community's local time.
    entered_at, exited_at = (
        timezone.make_aware(moment) if timezone.is_naive(moment) else moment
        for moment in (payload.entered_at, payload.exited_at)
    )
    if exited_at < entered_at:
        raise ValidationError({"exited_at": [_("The exit cannot be before the entry.")]})
    tariff = None
    if payload.tariff_id:
        tariff = get_object_or_404(ParkingTariff, pk=payload.tariff_id, community_id=community.pk)
    colour = plates.colour_of(plate)
    tariff, quote = queries.fee_quote(
        community,
        vehicle_type=payload.vehicle_type,
        plate_colour=colour,
        entered_at=entered_at,
        exited_at=exited_at,
        tariff=tariff,
    )
    if tariff is None:
        raise ValidationError(
            {
                "vehicle_type": [
                    ValidationError(
                        _("No tariff prices this car here at that time."), code=NOT_FOUND
                    )
                ]
            }
        )
    return {
        "fee": quote.fee,
        "minutes": quote.minutes,
        "tariff_id": tariff.pk,
        "plate": plate,
        "plate_colour": colour,
        "breakdown": [{"label": label, "amount": amount} for label, amount in quote.breakdown],
    }


def _choose(choices) -> str:
    return _("Choose one of: %(choices)s.") % {"choices": ", ".join(choices.values)}
