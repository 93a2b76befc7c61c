"""Communities: each one's profile beside the live counts of its register."""

from __future__ import annotations

from decimal import Decimal

from ninja import Field, Query, Router, Schema

from wuye.core.api import Id, Page, PageParams, errors, paginate
from wuye.core.models import Community, ServiceLevel

from .. import queries
from .common import visible_community

router = Router()


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
    site_area: Decimal | None = Field(description="Site area (m²) of the plan.")
    building_footprint: Decimal | None = Field(description="Building footprint (m²).")
    green_area: Decimal | None = Field(description="Green area (m²).")
    building_density: Decimal | None = Field(
        description="Building footprint over site area (%), computed."
    )
    green_ratio: Decimal | None = Field(description="Green area over site area (%), computed.")
    plot_ratio: Decimal | None = Field(
        description="Declared total building area over site area, computed."
    )
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
        "site_area": community.site_area,
        "building_footprint": community.building_footprint,
        "green_area": community.green_area,
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
    community = visible_community(request.auth, community_id)
    return _community_out(community, queries.community_counts(community))
