"""Staff pages of the register that read: overview, search, browse and the lists.

Every page asks the policy for the community in its URL (403 otherwise) and reads through
the scoped queries, so a row of another community is a 404. The pages that change the
register are in `edits.py`.
"""

from django.contrib.auth.decorators import login_required
from django.db.models import prefetch_related_objects
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import urlencode

from wuye.core import home, policy
from wuye.core import search as search_numbers
from wuye.core.home import unit_panels_for
from wuye.core.models import Community
from wuye.core.web import community_for, paginate

from . import queries
from .models import BuildingKind, Occupancy, ParkingKind, Relation, UnitUse


def _may(request, perm: str, community: Community) -> bool:
    return policy.has_perm(request.user, perm, community.pk)


def people_context(request, community: Community) -> dict:
    """What the viewer may see and do with residents in this community."""
    return {
        "community": community,
        "can_change_register": _may(request, "register.change", community),
        "can_change_residents": _may(request, "resident.change", community),
        "can_move": _may(request, "resident.move", community),
        "can_export": _may(request, "register.export", community),
    }


# ---- overview and search ---------------------------------------------------------------


@login_required
def overview(request, community_id: int):
    community = community_for(request, community_id, "community.view")
    counts = queries.community_counts(community)
    homes = counts["homes"] or 1
    occupancy = [
        {
            "key": key,
            "label": label,
            "count": counts["occupancy"][key],
            "percent": round(100 * counts["occupancy"][key] / homes, 1),
        }
        for key, label in Occupancy.choices
    ]
    parking = [
        {"key": key, "label": label, "count": counts["parking_by_kind"][key]}
        for key, label in ParkingKind.choices
    ]
    return render(
        request,
        "estates/overview.html",
        {
            "community": community,
            "counts": counts,
            "occupancy": occupancy,
            "parking": parking,
            "standard": getattr(community, "standard", None),
            "panels": home.panels_for(request, community),
        },
    )


SEARCH_LIMIT = 20
# The list page that shows every match of a kind, and the permission it needs.
SEARCH_LISTS = {
    "units": ("estates:units", "register.view"),
    "residents": ("estates:residents", "resident.view"),
    "vehicles": ("estates:vehicles", "register.view"),
}


@login_required
def search(request, community_id: int):
    """Homes, residents and vehicles, each with how many match and a link to all of them;
    a number another area registered (a work order's) opens its record."""
    community = community_for(request, community_id, "register.view")
    text = request.GET.get("q", "")
    number = search_numbers.find_number(request.user, community.pk, text)
    if number and number.url:
        return redirect(number.url)
    hits = queries.search_hits(request.user, community.pk, text, SEARCH_LIMIT)
    units, residents, vehicles = (hits[kind].rows for kind in queries.SEARCH_KINDS)
    if hits["units"].total == 1 and not residents and not vehicles and not number:
        return redirect("estates:unit", community_id=community.pk, pk=units[0].pk)
    prefetch_related_objects(residents, queries.current_homes())
    all_urls = {}
    for kind, (url_name, perm) in SEARCH_LISTS.items():
        if hits[kind].total > len(hits[kind].rows) and _may(request, perm, community):
            query = urlencode(hits[kind].filters)
            all_urls[kind] = f"{reverse(url_name, args=[community.pk])}?{query}"
    return render(
        request,
        "estates/search.html",
        people_context(request, community)
        | {
            "search_query": text,
            "units": units,
            "residents": residents,
            "vehicles": vehicles,
            "totals": {kind: hits[kind].total for kind in queries.SEARCH_KINDS},
            "all_urls": all_urls,
            "number_not_found": number.message if number else "",
        },
    )


# ---- buildings and homes ---------------------------------------------------------------


@login_required
def buildings(request, community_id: int):
    community = community_for(request, community_id, "register.view")
    rows = queries.building_list(request.user, community.pk, request.GET)
    return render(
        request,
        "estates/buildings.html",
        people_context(request, community) | {"buildings": rows, "kinds": BuildingKind.choices},
    )


def _unit_filters(request, community: Community, with_buildings: bool) -> dict:
    choices = {"uses": UnitUse.choices, "occupancies": Occupancy.choices}
    if with_buildings:
        choices["building_numbers"] = queries.buildings_visible_to(
            request.user, community.pk
        ).values_list("number", flat=True)
    return choices


@login_required
def units(request, community_id: int):
    community = community_for(request, community_id, "register.view")
    homes = queries.with_current_residencies(
        queries.unit_list(request.user, community.pk, request.GET)
    )
    return render(
        request,
        "estates/units.html",
        people_context(request, community)
        | _unit_filters(request, community, with_buildings=True)
        | {"page": paginate(request, homes)},
    )


@login_required
def building(request, community_id: int, pk: int):
    community = community_for(request, community_id, "register.view")
    building = get_object_or_404(queries.building_list(request.user, community.pk, {}), pk=pk)
    params = request.GET.copy()
    params["building"] = building.number
    homes = queries.with_current_residencies(queries.unit_list(request.user, community.pk, params))
    return render(
        request,
        "estates/building.html",
        people_context(request, community)
        | _unit_filters(request, community, with_buildings=False)
        | {"building": building, "page": paginate(request, homes)},
    )


@login_required
def unit(request, community_id: int, pk: int):
    community = community_for(request, community_id, "register.view")
    home = get_object_or_404(
        queries.with_current_residencies(queries.units_visible_to(request.user, community.pk)),
        pk=pk,
    )
    current_ids = [r.pk for r in home.current_residencies]
    resident_ids = [r.resident_id for r in home.current_residencies]
    history = (
        home.residencies.exclude(pk__in=current_ids)
        .select_related("resident")
        .order_by("-start_date", "-pk")
    )
    vehicles = queries.vehicles_visible_to(request.user, community.pk).filter(
        resident_id__in=resident_ids
    )
    parking = queries.parking_spaces_visible_to(request.user, community.pk).filter(unit=home)
    return render(
        request,
        "estates/unit.html",
        people_context(request, community)
        | {
            "home": home,
            "history": history,
            "vehicles": vehicles,
            "parking_spaces": parking,
            "panels": unit_panels_for(request, community, home),
        },
    )


# ---- residents -------------------------------------------------------------------------


@login_required
def residents(request, community_id: int):
    community = community_for(request, community_id, "resident.view")
    rows = queries.resident_list(request.user, community.pk, request.GET).prefetch_related(
        queries.current_homes()
    )
    building_numbers = queries.buildings_visible_to(request.user, community.pk).values_list(
        "number", flat=True
    )
    return render(
        request,
        "estates/residents.html",
        people_context(request, community)
        | {
            "page": paginate(request, rows),
            "relations": Relation.choices,
            "building_numbers": building_numbers,
        },
    )


@login_required
def resident(request, community_id: int, pk: int):
    community = community_for(request, community_id, "resident.view")
    person = get_object_or_404(queries.residents_visible_to(request.user, community.pk), pk=pk)
    current = list(person.residencies.current().select_related("unit__building"))
    past = (
        person.residencies.exclude(pk__in=[r.pk for r in current])
        .select_related("unit__building")
        .order_by("-start_date", "-pk")
    )
    vehicles = queries.vehicles_visible_to(request.user, community.pk).filter(resident=person)
    can_reveal = policy.can(request.user, "view_id_number", person)
    return render(
        request,
        "estates/resident.html",
        people_context(request, community)
        | {
            "resident": person,
            "current": current,
            "past": past,
            "vehicles": vehicles.prefetch_related("parking_spaces"),
            "can_reveal": can_reveal,
            # Only those who may read full numbers learn that this one waits for a check.
            "id_number_checked": can_reveal
            and queries.id_number_reviews_open(request.user, community.pk)
            .filter(resident=person)
            .exists(),
            "can_handle_personal_data": _may(request, "privacy.export", community),
        },
    )


# ---- vehicles and parking --------------------------------------------------------------


@login_required
def vehicles(request, community_id: int):
    community = community_for(request, community_id, "register.view")
    rows = queries.vehicle_list(request.user, community.pk, request.GET).prefetch_related(
        "parking_spaces"
    )
    return render(
        request,
        "estates/vehicles.html",
        people_context(request, community) | {"page": paginate(request, rows)},
    )


@login_required
def parking(request, community_id: int):
    community = community_for(request, community_id, "register.view")
    rows = queries.parking_space_list(request.user, community.pk, request.GET)
    zones = (
        queries.parking_spaces_visible_to(request.user, community.pk)
        .exclude(zone="")
        .order_by("zone")
        .values_list("zone", flat=True)
        .distinct()
    )
    return render(
        request,
        "estates/parking.html",
        people_context(request, community)
        | {"page": paginate(request, rows), "kinds": ParkingKind.choices, "zones": zones},
    )
