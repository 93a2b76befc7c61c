"""Reads of the register, already scoped to what the caller may see."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import (
    Case,
    Count,
    DecimalField,
    Exists,
    F,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Coalesce, Length

from wuye.core import policy
from wuye.core.models import Community

from .models import (
    AREA,
    Building,
    BuildingKind,
    IdNumberReview,
    Occupancy,
    ParkingKind,
    ParkingSpace,
    Relation,
    Residency,
    Resident,
    ReviewOutcome,
    Unit,
    Vehicle,
)

AREA_FIELD = DecimalField(max_digits=14, decimal_places=AREA["decimal_places"])

# Natural order for numbers kept as text: building 2 before building 10, room 902 before 1001.
BUILDING_ORDER = (Length("number"), "number", "pk")
UNIT_ORDER = (
    Length("building__number"),
    "building__number",
    Length("entrance"),
    "entrance",
    "floor",
    Length("number"),
    "number",
    "pk",
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


# Owners first, then their family, then tenants: the way a household is read out.
RELATION_ORDER = Case(
    When(relation=Relation.OWNER, then=Value(0)),
    When(relation=Relation.FAMILY, then=Value(1)),
    default=Value(2),
)


def with_current_residencies(units: QuerySet[Unit]) -> QuerySet[Unit]:
    """Attach `current_residencies` (with residents) to each unit in one extra query."""
    return units.prefetch_related(
        Prefetch(
            "residencies",
            queryset=Residency.objects.current()
            .select_related("resident")
            .order_by(RELATION_ORDER, "resident__name"),
            to_attr="current_residencies",
        )
    )


def current_homes() -> Prefetch:
    """Prefetch each resident's `current_residencies`, with their homes, in one query."""
    return Prefetch(
        "residencies",
        queryset=Residency.objects.current()
        .select_related("unit__building", "resident")
        .order_by(
            Length("unit__building__number"),
            "unit__building__number",
            "unit__entrance",
            Length("unit__number"),
            "unit__number",
        ),
        to_attr="current_residencies",
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
    return community_counts_by_id([community.pk])[community.pk]


def community_counts_by_id(community_ids: list[int]) -> dict[int, dict]:
    """Live counts of the register of several communities at once, in a fixed number of queries.

    Per community: homes, built area (the sum of the homes' building areas), homes by use and
    by occupancy, residents with a current residency, owners, family members, tenants,
    vehicles, parking spaces (in all and by kind) and buildings.
    """
    counts: dict[int, dict] = {
        cid: {
            "homes": 0,
            "built_area": Decimal("0.00"),
            "units_by_use": {},
            "occupancy": dict.fromkeys(Occupancy.values, 0),
            "residents": 0,
            "owners": 0,
            "family_members": 0,
            "tenants": 0,
            "vehicles": 0,
            "parking_spaces": 0,
            "parking_by_kind": dict.fromkeys(ParkingKind.values, 0),
            "buildings": 0,
        }
        for cid in community_ids
    }
    units = (
        Unit.objects.filter(community_id__in=community_ids)
        .values("community_id", "use", "occupancy")
        .annotate(n=Count("pk"), area=Coalesce(Sum("building_area"), Decimal("0")))
        .order_by()
    )
    for row in units:
        c = counts[row["community_id"]]
        c["homes"] += row["n"]
        # SQLite sums decimals as floats: back to the two places every area has.
        c["built_area"] += row["area"].quantize(Decimal("0.01"))
        c["units_by_use"][row["use"]] = c["units_by_use"].get(row["use"], 0) + row["n"]
        c["occupancy"][row["occupancy"]] += row["n"]

    current = Residency.objects.current().filter(unit__community_id__in=community_ids)
    # Residents with a current residency, counted from the residencies themselves: a join
    # the planner cannot turn into a per-resident scan, whatever its statistics say.
    residents = (
        current.values(community_id=F("unit__community_id"))
        .annotate(n=Count("resident_id", distinct=True))
        .order_by()
    )
    for row in residents:
        counts[row["community_id"]]["residents"] = row["n"]
    relations = {
        Relation.OWNER: "owners",
        Relation.FAMILY: "family_members",
        Relation.TENANT: "tenants",
    }
    for row in (
        current.values("unit__community_id", "relation")
        .annotate(n=Count("resident_id", distinct=True))
        .order_by()
    ):
        counts[row["unit__community_id"]][relations[row["relation"]]] = row["n"]

    for row in (
        ParkingSpace.objects.filter(community_id__in=community_ids)
        .values("community_id", "kind")
        .annotate(n=Count("pk"))
        .order_by()
    ):
        c = counts[row["community_id"]]
        c["parking_by_kind"][row["kind"]] = row["n"]
        c["parking_spaces"] += row["n"]

    for model, key in ((Vehicle, "vehicles"), (Building, "buildings")):
        for row in (
            model.objects.filter(community_id__in=community_ids)
            .values("community_id")
            .annotate(n=Count("pk"))
            .order_by()
        ):
            counts[row["community_id"]][key] = row["n"]
    return counts


def home_q(code: str, prefix: str = "") -> Q:
    """Homes typed as a room (502), building-room (3-502) or building-entrance-room
    (3-2-502); `prefix` reaches them from another model (`unit__`)."""
    if not code:
        return Q(pk__in=[])
    found = Q(**{f"{prefix}number": code})
    parts = code.split("-")
    if len(parts) == 3:
        building, entrance, number = parts
        found |= Q(
            **{
                f"{prefix}building__number": building,
                f"{prefix}entrance": entrance,
                f"{prefix}number": number,
            }
        )
    elif len(parts) == 2:
        building, number = parts
        found |= Q(**{f"{prefix}building__number": building, f"{prefix}number": number})
    return found


def resident_q(text: str) -> Q:
    """Residents by part of their name, or by part of their mobile (four digits or more, so
    that a room number does not find everyone whose mobile contains it)."""
    from wuye.core.validators import clean_code

    code = clean_code(text)
    found = Q(name__icontains=text)
    if code.isdigit() and len(code) >= 4:
        found |= Q(mobile__contains=code)
    return found


SEARCH_KINDS = ("units", "residents", "vehicles")


@dataclass(frozen=True)
class Hits:
    """The first rows that match, how many match in all, and the filters of the list page
    that shows every one of them."""

    rows: list
    total: int
    filters: dict[str, str]


def _hits(rows: QuerySet, limit: int, filters: dict[str, str]) -> Hits:
    first = list(rows[: limit + 1])
    total = len(first) if len(first) <= limit else rows.count()
    return Hits(rows=first[:limit], total=total, filters=filters)


def search_hits(user, community_id: int, text: str, limit: int = 20) -> dict[str, Hits]:
    """One box: a home by room number, a resident by name or mobile, a vehicle by plate;
    for each kind the first `limit` matches and how many there are."""
    from wuye.core.validators import clean_code, clean_text

    text = clean_text(text)
    if not text:
        return {kind: Hits(rows=[], total=0, filters={}) for kind in SEARCH_KINDS}
    code = clean_code(text)
    units = unit_list(user, community_id, {"home": code})
    return {
        "units": _hits(with_current_residencies(units), limit, {"home": code}),
        "residents": _hits(resident_list(user, community_id, {"q": text}), limit, {"q": text}),
        "vehicles": _hits(vehicle_list(user, community_id, {"q": code}), limit, {"q": code}),
    }


def search(user, community_id: int, text: str, limit: int = 20) -> dict[str, list]:
    """The first `limit` homes, residents and vehicles the search box finds for `text`."""
    return {kind: hits.rows for kind, hits in search_hits(user, community_id, text, limit).items()}


# ---- filtered lists: pages, API and Excel export all filter through these ---------------

UNIT_FILTERS = ("building", "entrance", "use", "occupancy", "q", "home")


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
    if home := clean_code(params.get("home")):
        qs = qs.filter(home_q(home))
    return qs.order_by(*UNIT_ORDER)


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
        qs = qs.filter(resident_q(q))
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
        built_area=Coalesce(Sum("units__building_area"), Decimal("0"), output_field=AREA_FIELD),
    )

    if (kind := params.get("kind")) in BuildingKind.values:
        qs = qs.filter(kind=kind)
    return qs.order_by(*BUILDING_ORDER)


# ---- ID-card numbers typed twice: the supervisors' queue ------------------------------------


def id_number_reviews_visible_to(user, community_id: int) -> QuerySet[IdNumberReview]:
    """The checks of a community, for those who may read full ID-card numbers there."""
    communities = policy.community_ids_with(user, "resident.view_id_number")
    return IdNumberReview.objects.filter(
        community_id=community_id, community_id__in=communities
    ).select_related("resident", "holder", "raised_by", "resolved_by")


def id_number_reviews_open(user, community_id: int) -> QuerySet[IdNumberReview]:
    """The checks waiting for a decision, oldest first."""
    return id_number_reviews_visible_to(user, community_id).filter(outcome=ReviewOutcome.OPEN)


def id_number_reviews_decided(user, community_id: int) -> QuerySet[IdNumberReview]:
    """The decided checks, latest first."""
    return (
        id_number_reviews_visible_to(user, community_id)
        .exclude(outcome=ReviewOutcome.OPEN)
        .order_by("-resolved_at", "-pk")
    )
