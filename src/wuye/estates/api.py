"""API: communities and the register (buildings, homes, residents, vehicles, parking spaces).

Every route starts from a scoped query (`queries.*_visible_to`), so a row the caller may not
see is a 404, and changes go through `services`, which check the policy (403) and raise
field errors (400). Lists filter with the same parameters as the staff pages and the Excel
export (`queries.*_list`) and answer one page at a time with the total count.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status

from wuye.core import policy
from wuye.core.api import (
    Body,
    BoolIn,
    CountIn,
    DateIn,
    DecimalIn,
    Id,
    IdIn,
    LongText,
    Page,
    PageParams,
    SmallIntIn,
    Text,
    errors,
    paginate,
    patch_schema,
)
from wuye.core.models import Community, ServiceLevel

from . import queries, services
from .models import (
    Building,
    BuildingKind,
    Occupancy,
    ParkingKind,
    ParkingSpace,
    Relation,
    Residency,
    Resident,
    Unit,
    UnitUse,
    Vehicle,
)

router = Router(tags=["register"])

# Areas are m² with two decimal places; sums computed by SQLite come back unscaled.
TWO_PLACES = Decimal("0.01")

# Services name model fields; the API's clients send ids.
FIELD_NAMES = {
    "building": "building_id",
    "unit": "unit_id",
    "resident": "resident_id",
    "vehicle": "vehicle_id",
}


@contextmanager
def _fields_as_sent() -> Iterator[None]:
    """Report a service's field errors under the names the client sent (`unit_id`, ...)."""
    try:
        yield
    except ValidationError as exc:
        if not hasattr(exc, "error_dict"):
            raise
        raise ValidationError(
            {FIELD_NAMES.get(field, field): messages for field, messages in exc.error_dict.items()}
        ) from exc


def _community(user, community_id: int) -> Community:
    return get_object_or_404(queries.communities_visible_to(user), pk=community_id)


def _linked(rows: QuerySet, pk: int | None, field: str, message: str):
    """A row the body refers to by id, looked up among what the caller may see."""
    if pk is None:
        return None
    found = rows.filter(pk=pk).first()
    if found is None:
        raise ValidationError({field: [message]})
    return found


# ---- communities -----------------------------------------------------------------------


class CommunityOut(Schema):
    id: int
    code: str
    name: str
    city: str
    address: str
    developer: str
    service_level: ServiceLevel
    service_phone: str
    declared_building_area: Decimal = Field(
        description="Total building area (m²) stated in the community's profile."
    )
    building_density: Decimal | None
    green_ratio: Decimal | None
    plot_ratio: Decimal | None
    planned_parking_spaces: int
    planned_population: int
    total_building_area: Decimal = Field(
        description="Built area (m²) now in the register: the sum of the homes' building areas."
    )
    homes: int
    buildings: int
    residents: int
    owners: int
    family_members: int
    tenants: int
    vehicles: int
    parking_spaces: int
    parking_by_kind: dict[str, int]
    occupancy: dict[str, int]
    units_by_use: dict[str, int]


def _community_out(community: Community, counts: dict) -> dict:
    return {
        "id": community.pk,
        "code": community.code,
        "name": community.name,
        "city": community.city,
        "address": community.address,
        "developer": community.developer,
        "service_level": community.service_level,
        "service_phone": community.service_phone,
        "declared_building_area": community.total_building_area,
        "building_density": community.building_density,
        "green_ratio": community.green_ratio,
        "plot_ratio": community.plot_ratio,
        "planned_parking_spaces": community.planned_parking_spaces,
        "planned_population": community.planned_population,
        "total_building_area": counts["built_area"],
        **{
            key: counts[key]
            for key in (
                "homes",
                "buildings",
                "residents",
                "owners",
                "family_members",
                "tenants",
                "vehicles",
                "parking_spaces",
                "parking_by_kind",
                "occupancy",
                "units_by_use",
            )
        },
    }


@router.get(
    "/communities",
    response={200: Page[CommunityOut], **errors()},
    tags=["communities"],
    summary="Communities the caller works in or lives in, with live counts",
)
def community_list(request, paging: Query[PageParams]):
    count, rows = paginate(queries.communities_visible_to(request.auth), paging)
    counts = queries.community_counts_by_id([c.pk for c in rows])
    return {"count": count, "items": [_community_out(c, counts[c.pk]) for c in rows]}


@router.get(
    "/communities/{community_id}",
    response={200: CommunityOut, **errors()},
    tags=["communities"],
    summary="A community's profile beside the live counts of its register",
)
def community_detail(request, community_id: Id):
    community = _community(request.auth, community_id)
    return _community_out(community, queries.community_counts(community))


# ---- buildings -------------------------------------------------------------------------


class BuildingIn(Body):
    number: Text
    name: Text = ""
    kind: BuildingKind
    floors: CountIn
    lifts: CountIn = 0


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
    _community(request.auth, community_id)
    params = filters.model_dump(mode="json", exclude_none=True)
    count, rows = paginate(queries.building_list(request.auth, community_id, params), paging)
    return {"count": count, "items": [_building_out(b) for b in rows]}


@router.post(
    "/communities/{community_id}/buildings",
    response={201: BuildingOut, **errors()},
    summary="Add a building",
)
def building_create(request, community_id: Id, payload: BuildingIn):
    community = _community(request.auth, community_id)
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


# ---- homes -----------------------------------------------------------------------------


class UnitIn(Body):
    building_id: IdIn
    entrance: Text = ""
    floor: SmallIntIn
    number: Text
    building_area: DecimalIn
    inner_area: DecimalIn | None = None
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


class ResidencyOut(Schema):
    id: int
    unit_id: int
    unit_label: str
    resident_id: int
    resident_name: str
    relation: Relation
    start_date: date
    end_date: date | None


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


def _residency_out(residency: Residency, unit: Unit | None = None) -> dict:
    unit = unit or residency.unit
    return {
        "id": residency.pk,
        "unit_id": residency.unit_id,
        "unit_label": unit.label,
        "resident_id": residency.resident_id,
        "resident_name": residency.resident.name,
        "relation": residency.relation,
        "start_date": residency.start_date,
        "end_date": residency.end_date,
    }


def _is_staff(user, community_id: int) -> bool:
    return policy.has_perm(user, "resident.view", community_id)


def _unit_detail_out(user, unit_id: int) -> dict:
    unit = get_object_or_404(
        queries.with_current_residencies(queries.units_visible_to(user)), pk=unit_id
    )
    owners = (
        queries.owner_ids_by_unit([unit.pk])[unit.pk]
        if _is_staff(user, unit.community_id)
        else None
    )
    return {
        **_unit_out(unit, owners),
        "residencies": [_residency_out(r, unit) for r in unit.current_residencies],
    }


def _unit_data(user, community_id: int, payload: dict) -> dict:
    """The service's fields from the body, with `building_id` turned into a building."""
    data = dict(payload)
    if "building_id" in data:
        data["building"] = _linked(
            queries.buildings_visible_to(user, community_id),
            data.pop("building_id"),
            "building_id",
            _("Choose a building of this community."),
        )
    return data


@router.get(
    "/communities/{community_id}/units",
    response={200: Page[UnitOut], **errors()},
    summary="Homes of a community: filter by building, entrance, use, occupancy or room",
)
def unit_list(request, community_id: Id, filters: Query[UnitFilters], paging: Query[PageParams]):
    user = request.auth
    _community(user, community_id)
    params = filters.model_dump(mode="json", exclude_none=True)
    count, rows = paginate(queries.unit_list(user, community_id, params), paging)
    owners = (
        queries.owner_ids_by_unit([u.pk for u in rows]) if _is_staff(user, community_id) else {}
    )
    return {"count": count, "items": [_unit_out(u, owners.get(u.pk)) for u in rows]}


@router.post(
    "/communities/{community_id}/units",
    response={201: UnitDetailOut, **errors()},
    summary="Add a home",
)
def unit_create(request, community_id: Id, payload: UnitIn):
    user = request.auth
    community = _community(user, community_id)
    policy.require_perm(user, "register.change", community.pk)
    with _fields_as_sent():
        data = _unit_data(user, community.pk, payload.model_dump())
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
    with _fields_as_sent():
        data = _unit_data(user, unit.community_id, payload.model_dump(exclude_unset=True))
        building = data.pop("building", unit.building)
        services.unit_save(actor=user, building=building, unit=unit, data=data)
    return _unit_detail_out(user, unit.pk)


# ---- moving in and out -----------------------------------------------------------------


class MoveInIn(Body):
    resident_id: IdIn
    relation: Relation
    start_date: DateIn | None = Field(None, description="Moved in on (today when left out).")


class MoveOutIn(Body):
    end_date: DateIn | None = Field(None, description="Moved out on (today when left out).")


@router.post(
    "/units/{unit_id}/move-in",
    response={201: ResidencyOut, **errors()},
    summary="A resident moves into a home as owner, family member or tenant",
)
def residency_move_in(request, unit_id: Id, payload: MoveInIn):
    user = request.auth
    unit = get_object_or_404(queries.units_visible_to(user), pk=unit_id)
    policy.require_perm(user, "resident.move", unit.community_id)
    with _fields_as_sent():
        resident = _linked(
            queries.residents_visible_to(user, unit.community_id),
            payload.resident_id,
            "resident_id",
            _("Choose a resident of this community."),
        )
        residency = services.residency_move_in(
            actor=user,
            unit=unit,
            resident=resident,
            relation=payload.relation,
            start_date=payload.start_date,
        )
    return Status(201, _residency_out(residency, unit))


@router.post(
    "/residencies/{residency_id}/move-out",
    response={200: ResidencyOut, **errors()},
    summary="A resident moves out; the residency stays as history",
)
def residency_move_out(request, residency_id: Id, payload: MoveOutIn):
    user = request.auth
    residency = get_object_or_404(
        Residency.objects.filter(unit__in=queries.units_visible_to(user)), pk=residency_id
    )
    with _fields_as_sent():
        residency = services.residency_move_out(
            actor=user, residency=residency, end_date=payload.end_date
        )
    return _residency_out(residency)


# ---- residents -------------------------------------------------------------------------


class ResidentIn(Body):
    name: Text
    mobile: Text = ""
    id_number: Text = Field("", description="ID-card number; stored encrypted, shown masked.")
    emergency_contact: Text = ""
    emergency_phone: Text = ""
    needs_attention: BoolIn = False
    notes: LongText = ""


ResidentPatch = patch_schema(ResidentIn)


class ResidentOut(Schema):
    id: int
    community_id: int
    name: str
    mobile: str = Field(description="In full only for roles that call residents back.")
    id_number_masked: str
    emergency_contact: str
    emergency_phone: str
    needs_attention: bool
    notes: str | None = Field(description="Staff notes; null for residents.")
    homes: list[ResidencyOut] = Field(description="The resident's current residencies.")


class ResidentFilters(Schema):
    relation: Relation = None
    building: Text = Field(None, description="Building number.")
    attention: bool = Field(False, description="Only residents who need attention.")
    q: Text = Field(None, description="Name, or digits of the mobile number.")


class Viewer:
    """What one caller may see of the residents of one community, asked of the policy once."""

    def __init__(self, user, community_id: int):
        self.staff = _is_staff(user, community_id)
        self.full_mobile = policy.has_perm(user, "resident.view_mobile", community_id)
        self.unit_ids = None if self.staff else set(policy.resident_unit_ids(user))
        self.own_ids = set(policy.resident_ids(user))

    def phone(self, number: str, resident: Resident) -> str:
        if self.full_mobile or resident.pk in self.own_ids:
            return number
        return Resident(mobile=number).mobile_masked

    def resident_out(self, resident: Resident) -> dict:
        return {
            "id": resident.pk,
            "community_id": resident.community_id,
            "name": resident.name,
            "mobile": self.phone(resident.mobile, resident),
            "id_number_masked": resident.id_number_masked,
            "emergency_contact": resident.emergency_contact,
            "emergency_phone": self.phone(resident.emergency_phone, resident),
            "needs_attention": resident.needs_attention,
            "notes": resident.notes if self.staff else None,
            "homes": [
                _residency_out(r)
                for r in resident.current_residencies
                if self.unit_ids is None or r.unit_id in self.unit_ids
            ],
        }


def _resident_detail_out(user, resident_id: int) -> dict:
    resident = get_object_or_404(
        queries.residents_visible_to(user).prefetch_related(queries.current_homes()), pk=resident_id
    )
    return Viewer(user, resident.community_id).resident_out(resident)


@router.get(
    "/communities/{community_id}/residents",
    response={200: Page[ResidentOut], **errors()},
    summary="Residents of a community: filter by relation, building, name or mobile",
)
def resident_list(
    request, community_id: Id, filters: Query[ResidentFilters], paging: Query[PageParams]
):
    user = request.auth
    _community(user, community_id)
    params = filters.model_dump(mode="json", exclude_none=True)
    params["attention"] = "1" if filters.attention else ""
    rows = queries.resident_list(user, community_id, params).prefetch_related(
        queries.current_homes()
    )
    count, rows = paginate(rows, paging)
    viewer = Viewer(user, community_id)
    return {"count": count, "items": [viewer.resident_out(r) for r in rows]}


@router.post(
    "/communities/{community_id}/residents",
    response={201: ResidentOut, **errors()},
    summary="Add a resident",
)
def resident_create(request, community_id: Id, payload: ResidentIn):
    community = _community(request.auth, community_id)
    resident = services.resident_save(
        actor=request.auth, community=community, data=payload.model_dump()
    )
    return Status(201, _resident_detail_out(request.auth, resident.pk))


@router.get(
    "/residents/{resident_id}",
    response={200: ResidentOut, **errors()},
    summary="A resident",
)
def resident_detail(request, resident_id: Id):
    return _resident_detail_out(request.auth, resident_id)


@router.patch(
    "/residents/{resident_id}",
    response={200: ResidentOut, **errors()},
    summary="Change a resident (a resident may change their own contact details)",
)
def resident_update(request, resident_id: Id, payload: ResidentPatch):
    user = request.auth
    resident = get_object_or_404(
        queries.residents_visible_to(user).select_related("community"), pk=resident_id
    )
    policy.require(user, "change", resident)
    changes = payload.model_dump(exclude_unset=True)
    if policy.has_perm(user, "resident.change", resident.community_id):
        services.resident_save(
            actor=user, community=resident.community, resident=resident, data=changes
        )
    else:
        services.resident_update_contact(actor=user, resident=resident, data=changes)
    return _resident_detail_out(user, resident.pk)


# ---- vehicles --------------------------------------------------------------------------


class VehicleIn(Body):
    plate: Text
    resident_id: IdIn | None = None
    description: Text = ""


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


def _vehicle_data(user, community_id: int, payload: dict) -> dict:
    data = dict(payload)
    if "resident_id" in data:
        data["resident"] = _linked(
            queries.residents_visible_to(user, community_id),
            data.pop("resident_id"),
            "resident_id",
            _("Choose a resident of this community."),
        )
    return data


@router.get(
    "/communities/{community_id}/vehicles",
    response={200: Page[VehicleOut], **errors()},
    summary="Vehicles of a community: search by plate",
)
def vehicle_list(
    request, community_id: Id, filters: Query[VehicleFilters], paging: Query[PageParams]
):
    _community(request.auth, community_id)
    params = filters.model_dump(mode="json", exclude_none=True)
    count, rows = paginate(queries.vehicle_list(request.auth, community_id, params), paging)
    return {"count": count, "items": [_vehicle_out(v) for v in rows]}


@router.post(
    "/communities/{community_id}/vehicles",
    response={201: VehicleOut, **errors()},
    summary="Register a vehicle",
)
def vehicle_create(request, community_id: Id, payload: VehicleIn):
    user = request.auth
    community = _community(user, community_id)
    policy.require_perm(user, "register.change", community.pk)
    with _fields_as_sent():
        data = _vehicle_data(user, community.pk, payload.model_dump())
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
    with _fields_as_sent():
        data = _vehicle_data(user, vehicle.community_id, payload.model_dump(exclude_unset=True))
        vehicle = services.vehicle_save(
            actor=user, community=vehicle.community, vehicle=vehicle, data=data
        )
    return _vehicle_out(vehicle)


# ---- parking spaces --------------------------------------------------------------------


class ParkingSpaceIn(Body):
    number: Text
    zone: Text = ""
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


def _parking_space_data(user, community_id: int, payload: dict) -> dict:
    data = dict(payload)
    if "unit_id" in data:
        data["unit"] = _linked(
            queries.units_visible_to(user, community_id),
            data.pop("unit_id"),
            "unit_id",
            _("Choose a home of this community."),
        )
    if "vehicle_id" in data:
        data["vehicle"] = _linked(
            queries.vehicles_visible_to(user, community_id),
            data.pop("vehicle_id"),
            "vehicle_id",
            _("Choose a vehicle of this community."),
        )
    return data


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
    _community(request.auth, community_id)
    params = filters.model_dump(mode="json", exclude_none=True)
    rows = queries.parking_space_list(request.auth, community_id, params)
    count, rows = paginate(rows, paging)
    return {"count": count, "items": [_parking_space_out(s) for s in rows]}


@router.post(
    "/communities/{community_id}/parking-spaces",
    response={201: ParkingSpaceOut, **errors()},
    summary="Add a parking space",
)
def parking_space_create(request, community_id: Id, payload: ParkingSpaceIn):
    user = request.auth
    community = _community(user, community_id)
    policy.require_perm(user, "register.change", community.pk)
    with _fields_as_sent():
        data = _parking_space_data(user, community.pk, payload.model_dump())
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
    with _fields_as_sent():
        data = _parking_space_data(user, space.community_id, payload.model_dump(exclude_unset=True))
        services.parking_space_save(actor=user, community=space.community, space=space, data=data)
    return _parking_space_out(_parking_space(user, space.pk))
