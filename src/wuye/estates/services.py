"""Changes to the register. Each is one transaction, checked by the policy, audited."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Model
from django.utils import timezone
from django.utils.translation import gettext as _

from wuye.core import audit, policy
from wuye.core.models import Community
from wuye.core.validators import (
    CONFLICT,
    clean_code,
    clean_text,
    conflict,
    normalize_id_number,
    normalize_mobile,
    normalize_plate,
)

from . import id_numbers
from .models import (
    Building,
    Occupancy,
    ParkingSpace,
    Relation,
    Residency,
    Resident,
    Unit,
    Vehicle,
)

TEXT_FIELDS = {
    "name",
    "zone",
    "description",
    "emergency_contact",
    "notes",
}
CODE_FIELDS = {"number", "entrance"}


def normalise_fields(data: dict[str, Any]) -> dict[str, Any]:
    """Full-width → half-width and stray spaces out, field by field; errors name the field."""
    clean: dict[str, Any] = {}
    errors: dict[str, list] = {}
    for field, value in data.items():
        try:
            if field in TEXT_FIELDS:
                clean[field] = clean_text(value)
            elif field in CODE_FIELDS:
                clean[field] = clean_code(value)
            elif field == "mobile":
                clean[field] = normalize_mobile(value)
            elif field == "emergency_phone":
                clean[field] = clean_code(value)
            elif field == "plate":
                clean[field] = normalize_plate(value)
            elif field == "id_number":
                clean[field] = normalize_id_number(value)
            else:
                clean[field] = value
        except ValidationError as exc:
            errors[field] = exc.messages
    if errors:
        raise ValidationError(errors)
    return clean


def _apply(obj: Model, data: dict[str, Any]) -> dict[str, list[str]]:
    before = {f: getattr(obj, f, None) for f in data}
    for field, value in data.items():
        setattr(obj, field, value)
    return audit.diff(before, data)


def _save(obj: Model, *, actor, action: str, changes: dict) -> None:
    obj.full_clean()
    try:
        # A savepoint: a row written by someone else since full_clean() looked is a
        # validation error for this caller, and the surrounding transaction stays usable.
        with transaction.atomic():
            obj.save()
    except IntegrityError:
        raise ValidationError(
            _("Someone else has just saved the same record; please check and try again.")
        ) from None
    audit.record(actor=actor, action=action, obj=obj, changes=changes)


def _require_community_perm(actor, perm: str, community: Community) -> None:
    policy.require_perm(actor, perm, community.pk)


# ---- buildings and units ---------------------------------------------------------------


@transaction.atomic
def building_save(
    *, actor, community: Community, building: Building | None = None, data: dict[str, Any]
) -> Building:
    """Create (building=None) or update a building."""
    _require_community_perm(actor, "register.change", community)
    creating = building is None
    building = building or Building(community=community)
    if not creating:
        building = Building.objects.select_for_update().get(pk=building.pk)
    changes = _apply(building, normalise_fields(data))
    _save(
        building,
        actor=actor,
        action="building.create" if creating else "building.update",
        changes=changes,
    )
    return building


@transaction.atomic
def unit_save(*, actor, building: Building, unit: Unit | None = None, data: dict[str, Any]) -> Unit:
    """Create (unit=None) or update a home in `building`."""
    _require_community_perm(actor, "register.change", building.community)
    creating = unit is None
    unit = unit or Unit(community_id=building.community_id)
    if not creating:
        unit = Unit.objects.select_for_update().get(pk=unit.pk)
    unit.building = building
    data = normalise_fields(data)
    changes = _apply(unit, data)
    if (
        unit.inner_area is not None
        and unit.building_area is not None
        and (unit.inner_area > unit.building_area)
    ):
        # Both areas given: the request contradicts itself; one given: it clashes with the other
        # area on file.
        both = {"inner_area", "building_area"} <= data.keys()
        raise ValidationError(
            {
                "inner_area": [
                    ValidationError(
                        _("The inner area cannot be larger than the building area."),
                        code="invalid" if both else CONFLICT,
                    )
                ]
            }
        )
    _save(unit, actor=actor, action="unit.create" if creating else "unit.update", changes=changes)
    return unit


# ---- residents -------------------------------------------------------------------------


@transaction.atomic
def resident_save(
    *, actor, community: Community, resident: Resident | None = None, data: dict[str, Any]
) -> Resident:
    """Create or update a resident. Staff change any resident; a resident their own details.

    A new ID-card number goes through `id_numbers.id_number_change`: someone who may not read full
    numbers never learns whether another resident has it.
    """
    creating = resident is None
    if creating:
        _require_community_perm(actor, "resident.change", community)
        resident = Resident(community=community)
    else:
        policy.require(actor, "change", resident)
        resident = Resident.objects.select_for_update().get(pk=resident.pk)
    data = normalise_fields(data)
    id_number = data.pop("id_number", None)
    changes = _apply(resident, data)
    change = None
    if id_number is not None and id_number != resident.reveal_id_number():
        change = id_numbers.id_number_change(actor=actor, resident=resident, number=id_number)
        changes["id_number"] = ["…", resident.id_number_masked]
    _save(
        resident,
        actor=actor,
        action="resident.create" if creating else "resident.update",
        changes=changes,
    )
    if change is not None:
        change.record(resident)
    return resident


@transaction.atomic
def resident_update_contact(*, actor, resident: Resident, data: dict[str, Any]) -> Resident:
    """A resident updates their own contact details from the portal."""
    allowed = {"mobile", "emergency_contact", "emergency_phone"}
    unknown = set(data) - allowed
    if unknown:
        raise ValidationError({f: [_("This field cannot be changed here.")] for f in unknown})
    return resident_save(actor=actor, community=resident.community, resident=resident, data=data)


def resident_reveal_id_number(*, actor, resident: Resident) -> str:
    """The full ID-card number, for roles allowed to read it; every read is audited."""
    policy.require(actor, "view_id_number", resident)
    audit.record(actor=actor, action="resident.id_number_read", obj=resident)
    return resident.reveal_id_number()


def unit_refresh_occupancy(unit: Unit) -> None:
    """Keep a home's occupancy in step with who lives there (renovating and unsold stay)."""
    if unit.occupancy in (Occupancy.RENOVATING, Occupancy.UNSOLD):
        return
    relations = set(
        Residency.objects.current().filter(unit=unit).values_list("relation", flat=True)
    )
    if Relation.TENANT in relations:
        new = Occupancy.RENTED
    elif relations & {Relation.OWNER, Relation.FAMILY}:
        new = Occupancy.OCCUPIED
    else:
        new = Occupancy.VACANT
    if new != unit.occupancy:
        Unit.objects.filter(pk=unit.pk).update(occupancy=new)
        unit.occupancy = new


@transaction.atomic
def residency_move_in(
    *, actor, unit: Unit, resident: Resident, relation: str, start_date: date | None = None
) -> Residency:
    """Link a resident to a home (as owner, family member or tenant) from `start_date`."""
    policy.require(actor, "move", resident)
    unit = Unit.objects.select_for_update().get(pk=unit.pk)
    if resident.community_id != unit.community_id:
        raise ValidationError({"resident": [_("The resident belongs to another community.")]})
    if relation not in Relation.values:
        raise ValidationError({"relation": [_("Choose owner, family member or tenant.")]})
    if Residency.objects.filter(unit=unit, resident=resident, end_date__isnull=True).exists():
        raise ValidationError(
            {"resident": [conflict(_("This resident already lives in this home."))]}
        )
    residency = Residency(
        unit=unit,
        resident=resident,
        relation=relation,
        start_date=start_date or timezone.localdate(),
    )
    residency.full_clean()
    residency.save()
    audit.record(
        actor=actor,
        action="residency.move_in",
        obj=residency,
        changes={"unit": [None, unit.label], "relation": [None, relation]},
    )
    unit_refresh_occupancy(unit)
    return residency


@transaction.atomic
def residency_move_out(*, actor, residency: Residency, end_date: date | None = None) -> Residency:
    """End a residency; the row stays as history."""
    residency = (
        Residency.objects.select_for_update()
        .select_related("unit", "resident")
        .get(pk=residency.pk)
    )
    policy.require(actor, "move", residency.resident)
    if residency.end_date is not None:
        raise ValidationError({"end_date": [conflict(_("This resident has already moved out."))]})
    end = end_date or timezone.localdate()
    if end < residency.start_date:
        raise ValidationError(
            {"end_date": [conflict(_("The move-out date is before the move-in date."))]}
        )
    residency.end_date = end
    residency.save(update_fields=["end_date"])
    audit.record(
        actor=actor,
        action="residency.move_out",
        obj=residency,
        changes={"end_date": [None, end.isoformat()]},
    )
    unit_refresh_occupancy(residency.unit)
    return residency


# ---- vehicles and parking --------------------------------------------------------------


@transaction.atomic
def vehicle_save(
    *, actor, community: Community, vehicle: Vehicle | None = None, data: dict[str, Any]
) -> Vehicle:
    _require_community_perm(actor, "register.change", community)
    creating = vehicle is None
    vehicle = vehicle or Vehicle(community=community)
    data = normalise_fields(data)
    resident = data.get("resident")
    if resident is not None and resident.community_id != community.pk:
        raise ValidationError({"resident": [_("The resident belongs to another community.")]})
    changes = _apply(vehicle, data)
    _save(
        vehicle,
        actor=actor,
        action="vehicle.create" if creating else "vehicle.update",
        changes=changes,
    )
    return vehicle


@transaction.atomic
def parking_space_save(
    *, actor, community: Community, space: ParkingSpace | None = None, data: dict[str, Any]
) -> ParkingSpace:
    _require_community_perm(actor, "register.change", community)
    creating = space is None
    space = space or ParkingSpace(community=community)
    data = normalise_fields(data)
    for field in ("unit", "vehicle"):
        linked = data.get(field)
        if linked is not None and linked.community_id != community.pk:
            raise ValidationError({field: [_("This belongs to another community.")]})
    changes = _apply(space, data)
    _save(
        space,
        actor=actor,
        action="parking.create" if creating else "parking.update",
        changes=changes,
    )
    return space
