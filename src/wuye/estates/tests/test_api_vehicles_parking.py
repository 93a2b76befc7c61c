"""API: vehicles and parking spaces."""

import pytest

from wuye.estates.models import ParkingSpace, Vehicle
from wuye.testing import factories as f
from wuye.testing.api import bearer

pytestmark = pytest.mark.django_db


def url(site, what: str) -> str:
    return f"/api/v1/communities/{site.community.pk}/{what}"


def test_guard_finds_a_vehicle_by_part_of_its_plate(client, site):
    headers = bearer(site.guard)
    body = client.get(url(site, "vehicles"), {"q": "d23"}, headers=headers).json()
    assert body["count"] == 1
    vehicle = body["items"][0]
    assert (vehicle["plate"], vehicle["resident_name"]) == ("新BD23456", "Zhang Wei")
    assert vehicle["resident_id"] == site.residents["owner2"].pk
    detail = client.get(f"/api/v1/vehicles/{vehicle['id']}", headers=headers)
    assert detail.json() == vehicle


def test_owner_sees_their_households_vehicle_only(client, site):
    headers = bearer(site.owner)
    body = client.get(url(site, "vehicles"), headers=headers).json()
    assert [v["plate"] for v in body["items"]] == ["新B12345"]
    neighbours = Vehicle.objects.get(plate="新BD23456")
    assert client.get(f"/api/v1/vehicles/{neighbours.pk}", headers=headers).status_code == 404


def test_front_desk_registers_a_vehicle_with_a_normalised_plate(client, site):
    response = client.post(
        url(site, "vehicles"),
        {
            "plate": "新b·８８８８８",
            "resident_id": site.residents["tenant"].pk,
            "description": "white Haval",
        },
        content_type="application/json",
        headers=bearer(site.frontdesk),
    )
    assert response.status_code == 201
    body = response.json()
    assert (body["plate"], body["resident_name"]) == ("新B88888", "Liu Yang")


def test_bad_plate_and_foreign_resident_are_refused_naming_the_fields(client, site):
    headers = bearer(site.admin)
    bad_plate = client.post(
        url(site, "vehicles"), {"plate": "ABC"}, content_type="application/json", headers=headers
    )
    assert bad_plate.status_code == 422
    assert list(bad_plate.json()["errors"]) == ["plate"]
    foreign = client.post(
        url(site, "vehicles"),
        {"plate": "新B77777", "resident_id": site.residents["other_owner"].pk},
        content_type="application/json",
        headers=headers,
    )
    assert foreign.status_code == 404
    assert foreign.json()["errors"] == {"resident_id": ["Choose a resident of this community."]}
    duplicate = client.post(
        url(site, "vehicles"),
        {"plate": "新B12345"},
        content_type="application/json",
        headers=headers,
    )
    assert duplicate.status_code == 409
    assert not Vehicle.objects.filter(plate="新B77777").exists()


def test_vehicle_changes_owner(client, site):
    vehicle = Vehicle.objects.get(plate="新B12345")
    response = client.patch(
        f"/api/v1/vehicles/{vehicle.pk}",
        {"resident_id": None, "description": "sold"},
        content_type="application/json",
        headers=bearer(site.manager),
    )
    assert response.status_code == 200
    assert (response.json()["resident_id"], response.json()["description"]) == (None, "sold")


def test_vehicle_list_queries_do_not_grow_with_vehicles(client, site, django_assert_num_queries):
    headers = bearer(site.guard)
    client.get(url(site, "vehicles"), headers=headers)
    with django_assert_num_queries(6) as few:
        client.get(url(site, "vehicles"), headers=headers)
    for n in range(10):
        f.VehicleFactory(
            community=site.community,
            plate=f"新C{n:05d}",
            resident=f.ResidentFactory(community=site.community),
        )
    with django_assert_num_queries(len(few.captured_queries)):
        assert client.get(url(site, "vehicles"), headers=headers).json()["count"] == 12


def test_parking_spaces_show_their_home_and_vehicle(client, site):
    body = client.get(url(site, "parking-spaces"), headers=bearer(site.cashier)).json()
    spaces = {s["number"]: s for s in body["items"]}
    assert spaces["A-001"]["kind"] == "owned"
    assert spaces["A-001"]["unit_label"] == "1-1-101"
    assert spaces["A-001"]["vehicle_plate"] == "新B12345"
    assert (spaces["V-001"]["unit_id"], spaces["V-001"]["vehicle_id"]) == (None, None)
    visitors = client.get(
        url(site, "parking-spaces"), {"kind": "visitor"}, headers=bearer(site.cashier)
    ).json()
    assert [s["number"] for s in visitors["items"]] == ["V-001"]


def test_owner_sees_the_space_of_their_home_only(client, site):
    headers = bearer(site.owner)
    body = client.get(url(site, "parking-spaces"), headers=headers).json()
    assert [s["number"] for s in body["items"]] == ["A-001"]
    visitor = ParkingSpace.objects.get(number="V-001")
    assert client.get(f"/api/v1/parking-spaces/{visitor.pk}", headers=headers).status_code == 404
    assert client.get(url(site, "parking-spaces"), headers=bearer(site.owner2)).json() == {
        "count": 0,
        "items": [],
    }


def test_front_desk_adds_and_rents_out_a_parking_space(client, site):
    headers = bearer(site.frontdesk)
    created = client.post(
        url(site, "parking-spaces"),
        {"number": "B-017", "zone": "B1", "kind": "public"},
        content_type="application/json",
        headers=headers,
    )
    assert created.status_code == 201
    space = created.json()
    vehicle = Vehicle.objects.get(plate="新BD23456")
    rented = client.patch(
        f"/api/v1/parking-spaces/{space['id']}",
        {
            "kind": "rented",
            "unit_id": site.units["owner2_home"].pk,
            "vehicle_id": vehicle.pk,
        },
        content_type="application/json",
        headers=headers,
    )
    assert rented.status_code == 200
    body = rented.json()
    assert (body["kind"], body["unit_label"], body["vehicle_plate"]) == (
        "rented",
        "1-2-502",
        "新BD23456",
    )


def test_parking_space_of_another_communitys_home_is_refused(client, site):
    response = client.post(
        url(site, "parking-spaces"),
        {"number": "B-018", "kind": "rented", "unit_id": site.units["other_home"].pk},
        content_type="application/json",
        headers=bearer(site.admin),
    )
    assert response.status_code == 404
    assert response.json()["errors"] == {"unit_id": ["Choose a home of this community."]}


def test_electrician_may_not_change_parking(client, site):
    response = client.post(
        url(site, "parking-spaces"),
        {"number": "B-019", "kind": "public"},
        content_type="application/json",
        headers=bearer(site.electrician),
    )
    assert response.status_code == 403


def test_parking_list_queries_do_not_grow_with_spaces(client, site, django_assert_num_queries):
    headers = bearer(site.manager)
    client.get(url(site, "parking-spaces"), headers=headers)
    with django_assert_num_queries(6) as few:
        client.get(url(site, "parking-spaces"), headers=headers)
    for n in range(10):
        unit = f.UnitFactory(building=site.buildings[0], number=f"7{n:02d}")
        vehicle = f.VehicleFactory(community=site.community, plate=f"新E{n:05d}")
        f.ParkingSpaceFactory(community=site.community, unit=unit, vehicle=vehicle)
    with django_assert_num_queries(len(few.captured_queries)):
        assert client.get(url(site, "parking-spaces"), headers=headers).json()["count"] == 12
