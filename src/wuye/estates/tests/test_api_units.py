"""API: buildings and homes — lists, details, changes, moving in and out, and scoping."""

from decimal import Decimal

import pytest

from wuye.core.models import AuditEntry
from wuye.estates.models import Residency, Unit
from wuye.testing import factories as f
from wuye.testing.api import bearer

pytestmark = pytest.mark.django_db


def units_url(site) -> str:
    return f"/api/v1/communities/{site.community.pk}/units"


# ---- reading ---------------------------------------------------------------------------


def test_staff_list_homes_with_areas_as_decimal_strings_and_owner_ids(client, site):
    body = client.get(units_url(site), headers=bearer(site.frontdesk)).json()
    assert body["count"] == 4
    first = body["items"][0]
    home = site.units["owner_home"]
    assert first == {
        "id": home.pk,
        "community_id": site.community.pk,
        "building_id": site.buildings[0].pk,
        "building_number": "1",
        "entrance": "1",
        "floor": 1,
        "number": "101",
        "label": "1-1-101",
        "building_area": "98.50",
        "inner_area": "80.20",
        "use": "residential",
        "occupancy": "occupied",
        "owner_ids": [site.residents["owner"].pk],
    }
    owners = {item["label"]: item["owner_ids"] for item in body["items"]}
    assert owners == {
        "1-1-101": [site.residents["owner"].pk],
        "1-2-502": [site.residents["owner2"].pk],
        "2-1-301": [site.residents["landlord"].pk],
        "2-1-401": [],
    }


def test_owner_ids_list_current_owners_only(client, site):
    home = site.units["owner_home"]
    co_owner = f.ResidentFactory(community=site.community)
    f.ResidencyFactory(unit=home, resident=co_owner, relation="owner")
    former = f.ResidentFactory(community=site.community)
    f.ResidencyFactory(
        unit=home,
        resident=former,
        relation="owner",
        start_date="2015-01-01",
        end_date="2020-01-01",
    )
    body = client.get(f"/api/v1/units/{home.pk}", headers=bearer(site.manager)).json()
    assert body["owner_ids"] == sorted([site.residents["owner"].pk, co_owner.pk])


def test_home_detail_shows_who_lives_there(client, site):
    home = site.units["owner_home"]
    body = client.get(f"/api/v1/units/{home.pk}", headers=bearer(site.guard)).json()
    assert [(r["resident_name"], r["relation"]) for r in body["residencies"]] == [
        ("Wang Fang", "owner"),
        ("Li Na", "family"),
    ]
    assert all(r["unit_label"] == "1-1-101" and r["end_date"] is None for r in body["residencies"])


def test_owner_sees_their_home_without_owner_ids(client, site):
    headers = bearer(site.owner)
    body = client.get(units_url(site), headers=headers).json()
    assert body["count"] == 1
    assert body["items"][0]["id"] == site.units["owner_home"].pk
    assert body["items"][0]["owner_ids"] is None
    detail = client.get(f"/api/v1/units/{site.units['owner_home'].pk}", headers=headers)
    assert detail.status_code == 200
    assert detail.json()["owner_ids"] is None


def test_owner_gets_404_for_a_neighbours_home(client, site):
    response = client.get(
        f"/api/v1/units/{site.units['owner2_home'].pk}", headers=bearer(site.owner)
    )
    assert response.status_code == 404
    assert response.json() == {"detail": "Not found.", "errors": {}}


def test_tenant_sees_the_rented_home_only(client, site):
    body = client.get(units_url(site), headers=bearer(site.tenant)).json()
    assert [u["label"] for u in body["items"]] == ["2-1-301"]


def test_manager_of_another_community_sees_nothing_of_this_one(client, site):
    headers = bearer(site.other_manager)
    community = site.community.pk
    for url in [
        f"/api/v1/communities/{community}/units",
        f"/api/v1/communities/{community}/buildings",
        f"/api/v1/units/{site.units['owner_home'].pk}",
        f"/api/v1/buildings/{site.buildings[0].pk}",
    ]:
        assert client.get(url, headers=headers).status_code == 404, url


def test_homes_filter_like_the_staff_pages(client, site):
    headers = bearer(site.manager)

    def labels(**params):
        body = client.get(units_url(site), params, headers=headers).json()
        return [u["label"] for u in body["items"]]

    assert labels(building="2") == ["2-1-301", "2-1-401"]
    assert labels(building="1", entrance="2") == ["1-2-502"]
    assert labels(occupancy="vacant") == ["2-1-401"]
    assert labels(use="shop") == []
    assert labels(q="50") == ["1-2-502"]
    assert labels(q="５０２") == ["1-2-502"]  # full-width digits as typed on a Chinese keyboard


def test_homes_paginate_by_limit_and_offset_or_page(client, site):
    headers = bearer(site.manager)
    everything = [u["id"] for u in client.get(units_url(site), headers=headers).json()["items"]]
    page = client.get(units_url(site), {"limit": 3, "offset": 3}, headers=headers).json()
    assert page["count"] == 4
    assert [u["id"] for u in page["items"]] == everything[3:]
    page2 = client.get(units_url(site), {"limit": 2, "page": 2}, headers=headers).json()
    assert [u["id"] for u in page2["items"]] == everything[2:4]
    beyond = client.get(units_url(site), {"page": 9}, headers=headers).json()
    assert beyond == {"count": 4, "items": []}


def test_home_list_queries_do_not_grow_with_homes(client, site, django_assert_num_queries):
    headers = bearer(site.manager)
    client.get(units_url(site), headers=headers)
    with django_assert_num_queries(7) as few:
        assert client.get(units_url(site), headers=headers).json()["count"] == 4
    for n in range(20):
        unit = f.UnitFactory(building=site.buildings[1], number=f"9{n:02d}")
        f.ResidencyFactory(unit=unit)
    with django_assert_num_queries(len(few.captured_queries)):
        assert client.get(units_url(site), headers=headers).json()["count"] == 24


def test_owner_home_list_queries_do_not_grow_with_homes(client, site, django_assert_num_queries):
    headers = bearer(site.owner)
    client.get(units_url(site), headers=headers)
    with django_assert_num_queries(7) as few:
        client.get(units_url(site), headers=headers)
    for n in range(5):
        f.ResidencyFactory(
            unit=f.UnitFactory(building=site.buildings[1], number=f"8{n:02d}"),
            resident=site.residents["owner"],
        )
    with django_assert_num_queries(len(few.captured_queries)):
        assert client.get(units_url(site), headers=headers).json()["count"] == 6


def test_building_list_gives_homes_and_built_area(client, site):
    body = client.get(
        f"/api/v1/communities/{site.community.pk}/buildings", headers=bearer(site.engineer)
    ).json()
    assert [(b["number"], b["kind"], b["homes"], b["built_area"]) for b in body["items"]] == [
        ("1", "multi_storey", 2, "197.00"),
        ("2", "small_high_rise", 2, "197.00"),
    ]
    shops = client.get(
        f"/api/v1/communities/{site.community.pk}/buildings",
        {"kind": "shop_row"},
        headers=bearer(site.engineer),
    ).json()
    assert shops == {"count": 0, "items": []}


def test_owner_sees_only_the_building_of_their_home(client, site):
    headers = bearer(site.owner)
    body = client.get(f"/api/v1/communities/{site.community.pk}/buildings", headers=headers)
    assert [b["number"] for b in body.json()["items"]] == ["1"]
    assert client.get(f"/api/v1/buildings/{site.buildings[1].pk}", headers=headers).status_code == (
        404
    )


def test_building_list_queries_do_not_grow_with_buildings(client, site, django_assert_num_queries):
    headers = bearer(site.manager)
    url = f"/api/v1/communities/{site.community.pk}/buildings"
    client.get(url, headers=headers)
    with django_assert_num_queries(6) as few:
        client.get(url, headers=headers)
    for _ in range(10):
        f.UnitFactory(building=f.BuildingFactory(community=site.community))
    with django_assert_num_queries(len(few.captured_queries)):
        assert client.get(url, headers=headers).json()["count"] == 12


# ---- changing --------------------------------------------------------------------------


def test_front_desk_adds_a_building_and_a_home(client, site):
    headers = bearer(site.frontdesk)
    building = client.post(
        f"/api/v1/communities/{site.community.pk}/buildings",
        {"number": "３", "name": " North  Tower ", "kind": "small_high_rise", "floors": 11},
        content_type="application/json",
        headers=headers,
    )
    assert building.status_code == 201
    b = building.json()
    assert (b["number"], b["name"], b["homes"], b["built_area"]) == ("3", "North Tower", 0, "0.00")
    home = client.post(
        units_url(site),
        {
            "building_id": b["id"],
            "entrance": "1",
            "floor": 5,
            "number": "５０１",
            "building_area": "112.36",
            "inner_area": 90.5,
        },
        content_type="application/json",
        headers=headers,
    )
    assert home.status_code == 201
    body = home.json()
    assert (body["label"], body["building_area"], body["inner_area"]) == (
        "3-1-501",
        "112.36",
        "90.50",
    )
    assert (body["use"], body["occupancy"], body["owner_ids"]) == ("residential", "vacant", [])
    assert Unit.objects.get(pk=body["id"]).building_area == Decimal("112.36")
    assert AuditEntry.objects.filter(action="unit.create", actor=site.frontdesk).exists()


def test_home_with_bad_areas_is_refused_naming_the_fields(client, site):
    response = client.post(
        units_url(site),
        {
            "building_id": site.buildings[0].pk,
            "floor": 1,
            "number": "102",
            "building_area": "0",
        },
        content_type="application/json",
        headers=bearer(site.manager),
    )
    assert response.status_code == 422
    body = response.json()
    assert body["detail"] == "Some fields are not valid."
    assert list(body["errors"]) == ["building_area"]
    too_big_inner = client.post(
        units_url(site),
        {
            "building_id": site.buildings[0].pk,
            "floor": 1,
            "number": "102",
            "building_area": "60.00",
            "inner_area": "70.00",
        },
        content_type="application/json",
        headers=bearer(site.manager),
    )
    assert too_big_inner.status_code == 400
    assert list(too_big_inner.json()["errors"]) == ["inner_area"]
    assert not Unit.objects.filter(number="102").exists()


def test_room_numbers_are_unique_per_building_and_entrance(client, site):
    response = client.post(
        units_url(site),
        {
            "building_id": site.buildings[0].pk,
            "entrance": "1",
            "floor": 1,
            "number": "101",
            "building_area": "90",
        },
        content_type="application/json",
        headers=bearer(site.manager),
    )
    assert response.status_code == 409
    assert "__all__" in response.json()["errors"]


def test_home_in_a_building_of_another_community_is_refused(client, site):
    other_building = site.units["other_home"].building
    response = client.post(
        units_url(site),
        {"building_id": other_building.pk, "floor": 1, "number": "1", "building_area": "90"},
        content_type="application/json",
        headers=bearer(site.admin),
    )
    assert response.status_code == 404
    assert response.json()["errors"] == {"building_id": ["Choose a building of this community."]}


def test_guard_and_owner_may_not_change_the_register(client, site):
    home = site.units["owner_home"]
    for user in (site.guard, site.owner):
        headers = bearer(user)
        response = client.patch(
            f"/api/v1/units/{home.pk}",
            {"occupancy": "renovating"},
            content_type="application/json",
            headers=headers,
        )
        assert response.status_code == 403
        assert response.json() == {"detail": "You may not do this.", "errors": {}}
        created = client.post(
            f"/api/v1/communities/{site.community.pk}/buildings",
            {"number": "9", "kind": "multi_storey", "floors": 6},
            content_type="application/json",
            headers=headers,
        )
        assert created.status_code == 403
    home.refresh_from_db()
    assert home.occupancy == "occupied"


def test_patch_changes_only_what_it_sends(client, site):
    home = site.units["owner2_home"]
    response = client.patch(
        f"/api/v1/units/{home.pk}",
        {"occupancy": "renovating", "inner_area": None},
        content_type="application/json",
        headers=bearer(site.manager),
    )
    assert response.status_code == 200
    body = response.json()
    assert (body["occupancy"], body["inner_area"], body["building_area"]) == (
        "renovating",
        None,
        "98.50",
    )
    cannot_be_null = client.patch(
        f"/api/v1/units/{home.pk}",
        {"floor": None},
        content_type="application/json",
        headers=bearer(site.manager),
    )
    assert cannot_be_null.status_code == 422
    assert list(cannot_be_null.json()["errors"]) == ["floor"]


def test_building_patch_moves_nothing_but_what_is_sent(client, site):
    building = site.buildings[1]
    response = client.patch(
        f"/api/v1/buildings/{building.pk}",
        {"lifts": 4},
        content_type="application/json",
        headers=bearer(site.frontdesk),
    )
    assert response.status_code == 200
    assert (response.json()["lifts"], response.json()["floors"]) == (4, 11)


def test_building_with_no_floors_is_refused(client, site):
    response = client.patch(
        f"/api/v1/buildings/{site.buildings[1].pk}",
        {"floors": 0},
        content_type="application/json",
        headers=bearer(site.frontdesk),
    )
    assert response.status_code == 422
    assert list(response.json()["errors"]) == ["floors"]


# ---- moving in and out -----------------------------------------------------------------


def test_front_desk_moves_a_tenant_in_and_out(client, site):
    headers = bearer(site.frontdesk)
    home = site.units["vacant_home"]
    newcomer = f.ResidentFactory(community=site.community, name="Sun Li")
    moved_in = client.post(
        f"/api/v1/units/{home.pk}/move-in",
        {"resident_id": newcomer.pk, "relation": "tenant", "start_date": "2025-03-01"},
        content_type="application/json",
        headers=headers,
    )
    assert moved_in.status_code == 201
    residency = moved_in.json()
    assert (residency["resident_name"], residency["relation"], residency["start_date"]) == (
        "Sun Li",
        "tenant",
        "2025-03-01",
    )
    assert client.get(f"/api/v1/units/{home.pk}", headers=headers).json()["occupancy"] == "rented"

    moved_out = client.post(
        f"/api/v1/residencies/{residency['id']}/move-out",
        {"end_date": "2025-09-30"},
        content_type="application/json",
        headers=headers,
    )
    assert moved_out.status_code == 200
    assert moved_out.json()["end_date"] == "2025-09-30"
    assert Residency.objects.filter(pk=residency["id"]).exists()  # history is kept
    again = client.post(
        f"/api/v1/residencies/{residency['id']}/move-out",
        {},
        content_type="application/json",
        headers=headers,
    )
    assert again.status_code == 409
    assert list(again.json()["errors"]) == ["end_date"]


def test_moving_in_someone_already_there_names_the_resident_field(client, site):
    response = client.post(
        f"/api/v1/units/{site.units['owner_home'].pk}/move-in",
        {"resident_id": site.residents["owner"].pk, "relation": "owner"},
        content_type="application/json",
        headers=bearer(site.manager),
    )
    assert response.status_code == 409
    assert response.json()["errors"] == {
        "resident_id": ["This resident already lives in this home."]
    }


def test_resident_of_another_community_cannot_move_in(client, site):
    response = client.post(
        f"/api/v1/units/{site.units['vacant_home'].pk}/move-in",
        {"resident_id": site.residents["other_owner"].pk, "relation": "tenant"},
        content_type="application/json",
        headers=bearer(site.admin),
    )
    assert response.status_code == 404
    assert list(response.json()["errors"]) == ["resident_id"]


def test_move_out_before_move_in_is_refused(client, site):
    residency = Residency.objects.get(resident=site.residents["tenant"])
    response = client.post(
        f"/api/v1/residencies/{residency.pk}/move-out",
        {"end_date": "1999-01-01"},
        content_type="application/json",
        headers=bearer(site.manager),
    )
    assert response.status_code == 409
    assert list(response.json()["errors"]) == ["end_date"]


def test_owner_cannot_move_people_and_cannot_reach_other_homes_residencies(client, site):
    headers = bearer(site.owner)
    own = Residency.objects.get(resident=site.residents["owner_spouse"])
    assert (
        client.post(
            f"/api/v1/residencies/{own.pk}/move-out",
            {},
            content_type="application/json",
            headers=headers,
        ).status_code
        == 403
    )
    neighbours = Residency.objects.get(resident=site.residents["owner2"])
    assert (
        client.post(
            f"/api/v1/residencies/{neighbours.pk}/move-out",
            {},
            content_type="application/json",
            headers=headers,
        ).status_code
        == 404
    )
