"""Reads of the register, already scoped to what the caller may see."""

from __future__ import annotations

from decimal import Decimal

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet, Sum
from django.db.models.functions import Coalesce

from wuye.core import policy
from wuye.core.models import Community

from .models import (
    Building,
    Occupancy,
    ParkingKind,
    ParkingSpace,
    Relation,
    Residency,
    Resident,
    Unit,
    Vehicle,
)


def communities_visible_to(user) -> QuerySet[Community]:
    staff_ids = policy.community_ids_with(user, "community.view")
    unit_ids = policy.resident_unit_ids(user) if not staff_ids else []
    return (
        Community.objects.filter(Q(pk__in=staff_ids) | Q(units__in=unit_ids))
        .distinct()
        .order_by("name")
    )


def buildings_visible_to(user, community_id: int | None = None) -> QuerySet[Building]:
    staff_ids = policy.community_ids_with(user, "register.view")
    qs = Building.objects.filter(
        Q(community_id__in=staff_ids)
        | Q(pk__in=Unit.objects.filter(pk__in=policy.resident_unit_ids(user)).values("building_id"))
    )
    if community_id is not None:
        qs = qs.filter(community_id=community_id)
    return qs


def units_visible_to(user, community_id: int | None = None) -> QuerySet[Unit]:
    staff_ids = policy.community_ids_with(user, "register.view")
    qs = Unit.objects.filter(
        Q(community_id__in=staff_ids) | Q(pk__in=policy.resident_unit_ids(user))
    ).select_related("building")
    if community_id is not None:
        qs = qs.filter(community_id=community_id)
    return qs


def _household_resident_ids(user):
    return (
        Residency.objects.current()
        .filter(unit_id__in=policy.resident_unit_ids(user))
        .values("resident_id")
    )


def residents_visible_to(user, community_id: int | None = None) -> QuerySet[Resident]:
    staff_ids = policy.community_ids_with(user, "resident.view")
    qs = Resident.objects.filter(
        Q(community_id__in=staff_ids)
        | Q(pk__in=_household_resident_ids(user))
        | Q(pk__in=policy.resident_ids(user))
    )
    if community_id is not None:
        qs = qs.filter(community_id=community_id)
    return qs


def vehicles_visible_to(user, community_id: int | None = None) -> QuerySet[Vehicle]:
    staff_ids = policy.community_ids_with(user, "register.view")
    qs = Vehicle.objects.filter(
        Q(community_id__in=staff_ids) | Q(resident_id__in=_household_resident_ids(user))
    ).select_related("resident")
    if community_id is not None:
        qs = qs.filter(community_id=community_id)
    return qs


def parking_spaces_visible_to(user, community_id: int | None = None) -> QuerySet[ParkingSpace]:
    staff_ids = policy.community_ids_with(user, "register.view")
    qs = ParkingSpace.objects.filter(
        Q(community_id__in=staff_ids)
        | Q(unit_id__in=policy.resident_unit_ids(user))
        | Q(vehicle__resident_id__in=_household_resident_ids(user))
    ).select_related("unit__building", "vehicle")
    if community_id is not None:
        qs = qs.filter(community_id=community_id)
    return qs


def with_current_residencies(units: QuerySet[Unit]) -> QuerySet[Unit]:
    """Attach `current_residencies` (with residents) to each unit in one extra query."""
    return units.prefetch_related(
        Prefetch(
            "residencies",
            queryset=Residency.objects.current()
            .select_related("resident")
            .order_by("relation", "resident__name"),
            to_attr="current_residencies",
        )
    )


def owner_ids_by_unit(unit_ids: list[int]) -> dict[int, list[int]]:
    """The current owners' resident ids of each unit, in one query."""
    result: dict[int, list[int]] = {uid: [] for uid in unit_ids}
    rows = (
        Residency.objects.current()
        .filter(unit_id__in=unit_ids, relation=Relation.OWNER)
        .order_by("resident_id")
        .values_list("unit_id", "resident_id")
    )
    for unit_id, resident_id in rows:
        result[unit_id].append(resident_id)
    return result


def community_counts(community: Community) -> dict:
    """Live counts of the register, beside the community's profile. A fixed number of queries."""
    units = Unit.objects.filter(community=community)
    unit_totals = units.aggregate(
        homes=Count("pk"),
        built_area=Coalesce(Sum("building_area"), Decimal("0")),
    )
    occupancy = {key: 0 for key in Occupancy.values}
    for row in units.values("occupancy").annotate(n=Count("pk")):
        occupancy[row["occupancy"]] = row["n"]
    by_use = {row["use"]: row["n"] for row in units.values("use").annotate(n=Count("pk"))}

    current = Residency.objects.current().filter(unit__community=community)
    residents = Resident.objects.filter(community=community).filter(
        Exists(current.filter(resident_id=OuterRef("pk")))
    )
    relations = {key: 0 for key in Relation.values}
    for row in current.values("relation").annotate(n=Count("resident_id", distinct=True)):
        relations[row["relation"]] = row["n"]

    parking = {key: 0 for key in ParkingKind.values}
    for row in (
        ParkingSpace.objects.filter(community=community).values("kind").annotate(n=Count("pk"))
    ):
        parking[row["kind"]] = row["n"]

    return {
        "homes": unit_totals["homes"],
        "built_area": unit_totals["built_area"],
        "units_by_use": by_use,
        "occupancy": occupancy,
        "residents": residents.count(),
        "owners": relations[Relation.OWNER],
        "family_members": relations[Relation.FAMILY],
        "tenants": relations[Relation.TENANT],
        "vehicles": Vehicle.objects.filter(community=community).count(),
        "parking_spaces": sum(parking.values()),
        "parking_by_kind": parking,
        "buildings": Building.objects.filter(community=community).count(),
    }


def search(user, community_id: int, text: str, limit: int = 20) -> dict:
    """One box: a home by room number, a resident by name or mobile, a vehicle by plate."""
    from wuye.core.validators import clean_code, clean_text

    text = clean_text(text)
    if not text:
        return {"units": [], "residents": [], "vehicles": []}
    code = clean_code(text)
    unit_q = Q(number=code)
    if "-" in code:
        parts = code.split("-")
        if len(parts) == 3:
            unit_q |= Q(building__number=parts[0], entrance=parts[1], number=parts[2])
        elif len(parts) == 2:
            unit_q |= Q(building__number=parts[0], number=parts[1])
    units = with_current_residencies(units_visible_to(user, community_id).filter(unit_q)).order_by(
        "building__number", "entrance", "number"
    )[:limit]
    resident_q = Q(name__icontains=text)
    if code.isdigit() and len(code) >= 4:
        resident_q |= Q(mobile__contains=code)
    residents = residents_visible_to(user, community_id).filter(resident_q).order_by("name")[:limit]
    vehicles = (
        vehicles_visible_to(user, community_id)
        .filter(plate__contains=code)
        .order_by("plate")[:limit]
    )
    return {"units": list(units), "residents": list(residents), "vehicles": list(vehicles)}


# ---- filtered lists: pages, API and Excel export all filter through these ---------------

UNIT_FILTERS = ("building", "entrance", "use", "occupancy", "q")


def unit_list(user, community_id: int, params) -> QuerySet[Unit]:
    """Homes of a community, filtered by building number, entrance, use, occupancy or room."""
    from wuye.core.validators import clean_code

    qs = units_visible_to(user, community_id)
    if building := clean_code(params.get("building")):
        qs = qs.filter(building__number=building)
    if entrance := clean_code(params.get("entrance")):
        qs = qs.filter(entrance=entrance)
    if (use := params.get("use")) in {c for c, _ in Unit._meta.get_field("use").choices}:
        qs = qs.filter(use=use)
    if (occ := params.get("occupancy")) in Occupancy.values:
        qs = qs.filter(occupancy=occ)
    if q := clean_code(params.get("q")):
        qs = qs.filter(number__startswith=q)
    return qs.order_by("building__number", "entrance", "floor", "number", "pk")


def resident_list(user, community_id: int, params) -> QuerySet[Resident]:
    """Residents of a community, filtered by relation, building, name or mobile."""
    from wuye.core.validators import clean_code, clean_text

    qs = residents_visible_to(user, community_id)
    current = Residency.objects.current()
    if (relation := params.get("relation")) in Relation.values:
        qs = qs.filter(Exists(current.filter(resident_id=OuterRef("pk"), relation=relation)))
    if building := clean_code(params.get("building")):
        qs = qs.filter(
            Exists(current.filter(resident_id=OuterRef("pk"), unit__building__number=building))
        )
    if params.get("attention") in ("1", "true", "on"):
        qs = qs.filter(needs_attention=True)
    if q := clean_text(params.get("q")):
        code = clean_code(q)
        qs = qs.filter(
            Q(name__icontains=q) | Q(mobile__contains=code)
            if code.isdigit()
            else Q(name__icontains=q)
        )
    return qs.order_by("name", "pk")


def vehicle_list(user, community_id: int, params) -> QuerySet[Vehicle]:
    from wuye.core.validators import clean_code

    qs = vehicles_visible_to(user, community_id)
    if q := clean_code(params.get("q")):
        qs = qs.filter(plate__contains=q)
    return qs.order_by("plate", "pk")


def parking_space_list(user, community_id: int, params) -> QuerySet[ParkingSpace]:
    from wuye.core.validators import clean_code, clean_text

    qs = parking_spaces_visible_to(user, community_id)
    if (kind := params.get("kind")) in ParkingKind.values:
        qs = qs.filter(kind=kind)
    if zone := clean_text(params.get("zone")):
        qs = qs.filter(zone=zone)
    if q := clean_code(params.get("q")):
        qs = qs.filter(number__contains=q)
    return qs.order_by("zone", "number", "pk")


def building_list(user, community_id: int, params) -> QuerySet[Building]:
    """Buildings with their home count and built area, in one query."""
    qs = buildings_visible_to(user, community_id).annotate(
        home_count=Count("units"),
        built_area=Coalesce(Sum("units__building_area"), Decimal("0")),
    )
    from .models import BuildingKind

    if (kind := params.get("kind")) in BuildingKind.values:
        qs = qs.filter(kind=kind)
    return qs.order_by("number", "pk")
