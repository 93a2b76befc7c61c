"""The register's permission areas, and how a login maps to residents and homes."""

from django.db.models import Q

from wuye.core import policy
from wuye.core.policy import ALL_STAFF, OFFICE, Area, Residents
from wuye.core.policy import R as Role

from .models import Building, ParkingSpace, Residency, Resident, Unit, Vehicle


def _resident_ids(user) -> list[int]:
    return list(Resident.objects.filter(user=user).values_list("pk", flat=True))


def _unit_ids(user) -> list[int]:
    return list(
        Residency.objects.current()
        .filter(resident_id__in=policy.resident_ids(user))
        .values_list("unit_id", flat=True)
    )


def _homes(user) -> list[dict]:
    residencies = (
        Residency.objects.current()
        .filter(resident_id__in=policy.resident_ids(user))
        .select_related("unit__building")
        .order_by("unit_id")
    )
    return [
        {
            "id": r.unit_id,
            "community_id": r.unit.community_id,
            "label": r.unit.label,
            "relation": r.relation,
        }
        for r in residencies
    ]


RESIDENTS = Residents(resident_ids=_resident_ids, unit_ids=_unit_ids, homes=_homes)


# ---- what a resident may reach: their homes and what hangs off them ----------------------


def _homes_of(user):
    return policy.resident_unit_ids(user)


def units_of_resident(user, action: str):
    return Unit.objects.filter(pk__in=_homes_of(user)) if action == "view" else None


def buildings_of_resident(user, action: str):
    if action != "view":
        return None
    return Building.objects.filter(units__pk__in=_homes_of(user)).distinct()


def _neighbours(user):
    """The residents living now in the user's homes (themselves included)."""
    return Residency.objects.current().filter(unit_id__in=_homes_of(user)).values("resident_id")


def vehicles_of_resident(user, action: str):
    if action != "view":
        return None
    return Vehicle.objects.filter(resident_id__in=_neighbours(user))


def parking_of_resident(user, action: str):
    if action != "view":
        return None
    return ParkingSpace.objects.filter(
        Q(unit_id__in=_homes_of(user)) | Q(vehicle__resident_id__in=_neighbours(user))
    )


def residents_of_resident(user, action: str):
    """A resident reads, changes and sees the phone of their own record; they see who
    else lives in their homes."""
    own = Q(pk__in=policy.resident_ids(user))
    if action in {"change", "view_mobile"}:
        return Resident.objects.filter(own)
    if action == "view":
        return Resident.objects.filter(own | Q(pk__in=_neighbours(user)))
    return None


def residencies_of_resident(user, action: str):
    return Residency.objects.filter(unit_id__in=_homes_of(user)) if action == "view" else None


MANAGERS = frozenset({Role.COMPANY_ADMIN, Role.PROPERTY_MANAGER, Role.CS_SUPERVISOR})

AREAS = [
    Area(
        "register",
        verbs={
            "view": ALL_STAFF,
            "change": OFFICE,
            "import": MANAGERS,
            "export": OFFICE | {Role.ACCOUNTANT},
        },
        models={
            "estates.building": buildings_of_resident,
            "estates.unit": units_of_resident,
            "estates.vehicle": vehicles_of_resident,
            "estates.parkingspace": parking_of_resident,
        },
    ),
    Area(
        "resident",
        verbs={
            "view": ALL_STAFF,
            "change": OFFICE,
            "move": OFFICE,
            # Phone numbers are shown in full only to roles that call residents back.
            "view_mobile": OFFICE
            | {
                Role.ENGINEERING_SUPERVISOR,
                Role.TECHNICIAN,
                Role.SECURITY_SUPERVISOR,
                Role.CASHIER,
                Role.ACCOUNTANT,
                Role.DECORATION_INSPECTOR,
            },
            # Reading a full ID-card number is rare and audited.
            "view_id_number": MANAGERS,
        },
        models={
            "estates.resident": residents_of_resident,
            "estates.residency": residencies_of_resident,
        },
        second_factor=frozenset({"view_id_number"}),
    ),
]
