"""API: communities, their profile and the live counts of their register."""

from decimal import Decimal

import pytest

from wuye.core.models import Community
from wuye.testing import factories as f
from wuye.testing.api import bearer

pytestmark = pytest.mark.django_db


def test_community_shows_profile_beside_live_counts(client, site):
    Community.objects.filter(pk=site.community.pk).update(
        total_building_area=Decimal("134061.38"),
        site_area=Decimal("72860.00"),
        building_footprint=Decimal("15759.62"),
        green_area=Decimal("28269.68"),
        planned_parking_spaces=632,
        planned_population=4438,
        developer="Hami Development",
    )
    response = client.get(f"/api/v1/communities/{site.community.pk}", headers=bearer(site.manager))
    assert response.status_code == 200
    body = response.json()
    assert body["name"] == "Bordeaux Town"
    assert body["city"] == "Hami"
    assert body["developer"] == "Hami Development"
    assert body["service_level"] == "1"
    # Profile figures as declared, live figures as counted in the register.
    assert body["declared_building_area"] == "134061.38"
    assert body["site_area"] == "72860.00"
    # The ratios are computed from the areas of the plan.
    assert body["building_density"] == "21.63"
    assert body["green_ratio"] == "38.80"
    assert body["plot_ratio"] == "1.84"
    assert body["planned_parking_spaces"] == 632
    assert body["planned_population"] == 4438
    assert body["total_building_area"] == "394.00"  # four homes of 98.50 m²
    assert body["homes"] == 4
    assert body["buildings"] == 2
    assert body["residents"] == 5
    assert (body["owners"], body["family_members"], body["tenants"]) == (3, 1, 1)
    assert body["vehicles"] == 2
    assert body["parking_spaces"] == 2
    assert body["parking_by_kind"] == {"owned": 1, "rented": 0, "public": 0, "visitor": 1}
    assert body["occupancy"] == {
        "unsold": 0,
        "vacant": 1,
        "occupied": 3,
        "rented": 0,
        "renovating": 0,
    }
    assert body["units_by_use"] == {"residential": 4}


def test_counts_follow_the_register(client, site):
    headers = bearer(site.manager)
    f.UnitFactory(building=site.buildings[0], number="601", building_area=Decimal("120.25"))
    f.ParkingSpaceFactory(community=site.community, kind="rented")
    body = client.get(f"/api/v1/communities/{site.community.pk}", headers=headers).json()
    assert body["total_building_area"] == "514.25"
    assert body["homes"] == 5
    assert body["parking_spaces"] == 3
    assert body["parking_by_kind"]["rented"] == 1


def test_a_community_without_homes_counts_zero(client, site):
    empty = f.CommunityFactory(company=site.community.company, name="New Phase")
    body = client.get(f"/api/v1/communities/{empty.pk}", headers=bearer(site.admin)).json()
    assert body["total_building_area"] == "0.00"
    assert (body["homes"], body["residents"], body["parking_spaces"]) == (0, 0, 0)


def test_staff_list_the_communities_they_work_in(client, site):
    body = client.get("/api/v1/communities", headers=bearer(site.manager)).json()
    assert body["count"] == 1
    assert [c["id"] for c in body["items"]] == [site.community.pk]
    admin = client.get("/api/v1/communities", headers=bearer(site.admin)).json()
    assert {c["id"] for c in admin["items"]} == {site.community.pk, site.other.pk}


def test_residents_see_only_the_community_they_live_in(client, site):
    headers = bearer(site.owner)
    body = client.get("/api/v1/communities", headers=headers).json()
    assert [c["id"] for c in body["items"]] == [site.community.pk]
    assert client.get(f"/api/v1/communities/{site.community.pk}", headers=headers).status_code == (
        200
    )
    assert client.get(f"/api/v1/communities/{site.other.pk}", headers=headers).status_code == 404


def test_manager_of_another_community_sees_nothing_of_this_one(client, site):
    headers = bearer(site.other_manager)
    body = client.get("/api/v1/communities", headers=headers).json()
    assert [c["id"] for c in body["items"]] == [site.other.pk]
    response = client.get(f"/api/v1/communities/{site.community.pk}", headers=headers)
    assert response.status_code == 404
    assert response.json() == {"detail": "Not found.", "errors": {}}


def test_user_without_role_or_home_sees_no_community(client, site):
    body = client.get("/api/v1/communities", headers=bearer(site.nobody)).json()
    assert body == {"count": 0, "items": []}


def test_community_list_queries_do_not_grow_with_communities(
    client, site, django_assert_num_queries
):
    headers = bearer(site.admin)
    client.get("/api/v1/communities", headers=headers)  # token first used: last_used_at set
    with django_assert_num_queries(11) as two:
        body = client.get("/api/v1/communities", headers=headers).json()
    assert body["count"] == 2
    for n in range(5):
        c = f.CommunityFactory(company=site.community.company, name=f"Phase {n}")
        unit = f.UnitFactory(building=f.BuildingFactory(community=c))
        f.ResidencyFactory(unit=unit)
        f.ParkingSpaceFactory(community=c)
    with django_assert_num_queries(len(two.captured_queries)):
        body = client.get("/api/v1/communities", headers=headers).json()
    assert body["count"] == 7
    assert all(c["homes"] == 1 for c in body["items"] if c["name"].startswith("Phase"))
