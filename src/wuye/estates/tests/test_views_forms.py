"""Staff pages that change the register: forms, move-in, move-out and reading an ID number."""

from datetime import date, timedelta

import pytest
from django.urls import reverse

from wuye.core.models import AuditEntry
from wuye.estates.models import (
    Building,
    Occupancy,
    ParkingSpace,
    Residency,
    Resident,
    Unit,
    Vehicle,
)
from wuye.testing import factories as f


def url(name, site, *args):
    return reverse(f"estates:{name}", args=[site.community.pk, *args])


def edit_pages(site):
    home = site.units["owner_home"]
    owner = site.residents["owner"]
    return [
        url("building_new", site),
        url("building_edit", site, site.buildings[0].pk),
        url("unit_new", site, site.buildings[0].pk),
        url("unit_edit", site, home.pk),
        url("move_in", site, home.pk),
        url("move_out", site, Residency.objects.get(unit=home, resident=owner).pk),
        url("resident_new", site),
        url("resident_edit", site, owner.pk),
        url("vehicle_new", site, owner.pk),
        url("vehicle_edit", site, owner.vehicles.get().pk),
        url("parking_new", site),
        url("parking_edit", site, ParkingSpace.objects.get(number="A-001").pk),
    ]


@pytest.mark.parametrize("who", ["admin", "manager", "frontdesk"])
def test_office_staff_can_open_every_form(client, site, who):
    client.force_login(getattr(site, who))
    for path in edit_pages(site):
        assert client.get(path).status_code == 200, path


@pytest.mark.parametrize(
    "who", ["guard", "engineer", "cashier", "other_manager", "owner", "nobody"]
)
def test_others_cannot_open_or_post_the_forms(client, site, who):
    client.force_login(getattr(site, who))
    before = AuditEntry.objects.count()
    for path in edit_pages(site):
        assert client.get(path).status_code == 403, path
        assert client.post(path, {"name": "x", "number": "9"}).status_code == 403, path
    assert AuditEntry.objects.count() == before


# ---- buildings and homes ---------------------------------------------------------------


def test_frontdesk_creates_a_building_and_is_taken_to_it(client, site):
    client.force_login(site.frontdesk)
    response = client.post(
        url("building_new", site),
        {"number": "５", "name": "", "kind": "small_high_rise", "floors": "11", "lifts": "2"},
    )
    building = Building.objects.get(community=site.community, number="5")
    assert response["Location"] == url("building", site, building.pk)
    assert AuditEntry.objects.filter(action="building.create", object_id=str(building.pk)).exists()


def test_a_duplicate_building_number_is_refused_and_nothing_is_written(client, site):
    client.force_login(site.frontdesk)
    response = client.post(
        url("building_new", site),
        {"number": "1", "kind": "multi_storey", "floors": "6", "lifts": "0"},
    )
    assert response.status_code == 200
    assert response.context["form"].errors
    assert "already exists" in response.content.decode()
    assert Building.objects.filter(community=site.community).count() == 2


def test_a_building_with_no_floors_gets_a_field_error(client, site):
    client.force_login(site.manager)
    response = client.post(
        url("building_new", site),
        {"number": "7", "kind": "multi_storey", "floors": "0", "lifts": "0"},
    )
    assert "floors" in response.context["form"].errors
    assert not Building.objects.filter(number="7").exists()


def test_editing_a_building_keeps_its_homes(client, site):
    client.force_login(site.manager)
    building = site.buildings[0]
    client.post(
        url("building_edit", site, building.pk),
        {"number": "1", "name": "Vine House", "kind": "multi_storey", "floors": "6", "lifts": "0"},
    )
    building.refresh_from_db()
    assert building.name == "Vine House"
    assert building.units.count() == 2


def test_a_new_home_is_created_in_its_building(client, site):
    client.force_login(site.frontdesk)
    building = site.buildings[0]
    response = client.post(
        url("unit_new", site, building.pk),
        {
            "entrance": "2",
            "floor": "6",
            "number": "６０２",
            "building_area": "101.25",
            "inner_area": "88.10",
            "use": "residential",
            "occupancy": "unsold",
        },
    )
    home = Unit.objects.get(building=building, entrance="2", number="602")
    assert response["Location"] == url("unit", site, home.pk)
    assert home.community_id == site.community.pk


def test_an_inner_area_larger_than_the_building_area_is_refused(client, site):
    client.force_login(site.frontdesk)
    response = client.post(
        url("unit_new", site, site.buildings[0].pk),
        {
            "entrance": "2",
            "floor": "6",
            "number": "601",
            "building_area": "80",
            "inner_area": "95",
            "use": "residential",
            "occupancy": "vacant",
        },
    )
    assert "inner_area" in response.context["form"].errors
    assert not Unit.objects.filter(number="601").exists()


def test_a_negative_area_is_a_field_error(client, site):
    client.force_login(site.frontdesk)
    home = site.units["owner_home"]
    response = client.post(
        url("unit_edit", site, home.pk),
        {
            "entrance": "1",
            "floor": "1",
            "number": "101",
            "building_area": "-3",
            "use": "residential",
            "occupancy": "occupied",
        },
    )
    assert "building_area" in response.context["form"].errors
    home.refresh_from_db()
    assert home.building_area > 0


def test_errors_come_in_the_users_language(client, site):
    client.force_login(site.frontdesk)
    response = client.post(
        url("resident_new", site),
        {"name": "王芳", "mobile": "12345"},
        HTTP_ACCEPT_LANGUAGE="zh-hans",
    )
    assert response.context["form"].errors["mobile"]
    assert response.context["LANGUAGE_CODE"] == "zh-hans"


# ---- residents -------------------------------------------------------------------------


def test_a_new_resident_is_saved_with_normalised_mobile_and_encrypted_id(client, site):
    client.force_login(site.frontdesk)
    number = f.valid_id_number(42)
    response = client.post(
        url("resident_new", site),
        {"name": " 赵  敏 ", "mobile": "１３９ ００００ １１１１", "id_number": number.lower()},
    )
    resident = Resident.objects.get(name="赵 敏")
    assert response["Location"] == url("resident", site, resident.pk)
    assert resident.mobile == "13900001111"
    assert resident.reveal_id_number() == number
    assert number not in resident.id_number_cipher


@pytest.mark.parametrize(
    ("field", "value"),
    [("id_number", "650502198001010011"), ("id_number", "12345"), ("mobile", "1390000111")],
)
def test_bad_resident_input_shows_a_field_error_and_writes_nothing(client, site, field, value):
    client.force_login(site.frontdesk)
    data = {"name": "Bad Input", field: value}
    response = client.post(url("resident_new", site), data)
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert 'class="invalid-feedback d-block"' in response.content.decode()
    assert not Resident.objects.filter(name="Bad Input").exists()


def test_an_id_number_already_on_file_is_refused(client, site):
    client.force_login(site.manager)
    number = site.residents["owner"].reveal_id_number()
    response = client.post(url("resident_new", site), {"name": "Twin", "id_number": number})
    assert "id_number" in response.context["form"].errors
    assert not Resident.objects.filter(name="Twin").exists()


def test_editing_a_resident_with_an_empty_id_box_keeps_the_number(client, site):
    client.force_login(site.frontdesk)
    owner = site.residents["owner"]
    number = owner.reveal_id_number()
    form_page = client.get(url("resident_edit", site, owner.pk)).content.decode()
    assert number not in form_page
    assert owner.id_number_masked in form_page
    client.post(
        url("resident_edit", site, owner.pk),
        {"name": "Wang Fang", "mobile": "13912340009", "id_number": "", "needs_attention": "on"},
    )
    owner.refresh_from_db()
    assert owner.mobile == "13912340009"
    assert owner.needs_attention
    assert owner.reveal_id_number() == number


def test_manager_reads_a_full_id_number_and_the_read_is_audited(client, site):
    client.force_login(site.manager)
    owner = site.residents["owner"]
    response = client.post(url("resident_id_number", site, owner.pk), HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert owner.reveal_id_number() in response.content.decode()
    assert "<html" not in response.content.decode()
    entry = AuditEntry.objects.get(action="resident.id_number_read")
    assert entry.actor == site.manager and entry.object_id == str(owner.pk)


def test_reading_an_id_number_without_htmx_shows_a_page(client, site):
    client.force_login(site.manager)
    owner = site.residents["owner"]
    response = client.post(url("resident_id_number", site, owner.pk))
    assert owner.reveal_id_number() in response.content.decode()
    assert "audit trail" in response.content.decode()


@pytest.mark.parametrize("who", ["frontdesk", "guard", "other_manager", "owner"])
def test_others_cannot_read_a_full_id_number(client, site, who):
    client.force_login(getattr(site, who))
    owner = site.residents["owner"]
    response = client.post(url("resident_id_number", site, owner.pk), HTTP_HX_REQUEST="true")
    assert response.status_code == 403
    assert not AuditEntry.objects.filter(action="resident.id_number_read").exists()


def test_an_id_number_is_not_read_by_a_get(client, site):
    client.force_login(site.manager)
    response = client.get(url("resident_id_number", site, site.residents["owner"].pk))
    assert response.status_code == 405


# ---- vehicles and parking --------------------------------------------------------------


def test_a_vehicle_is_added_from_its_owners_page(client, site):
    client.force_login(site.frontdesk)
    owner2 = site.residents["owner2"]
    response = client.post(
        url("vehicle_new", site, owner2.pk), {"plate": "新b 54321", "description": "白色 大众"}
    )
    assert response["Location"] == url("resident", site, owner2.pk)
    assert Vehicle.objects.get(plate="新B54321").resident == owner2


def test_a_bad_plate_is_a_field_error(client, site):
    client.force_login(site.frontdesk)
    response = client.post(url("vehicle_new", site, site.residents["owner2"].pk), {"plate": "AB"})
    assert "plate" in response.context["form"].errors
    assert Vehicle.objects.filter(community=site.community).count() == 2


def test_a_parking_space_links_a_home_and_a_vehicle_as_staff_type_them(client, site):
    client.force_login(site.frontdesk)
    response = client.post(
        url("parking_new", site),
        {
            "number": "B-017",
            "zone": "B1",
            "kind": "rented",
            "unit": "1-2-502",
            "vehicle": "新BD23456",
        },
    )
    assert response["Location"] == url("parking", site)
    space = ParkingSpace.objects.get(number="B-017")
    assert space.unit == site.units["owner2_home"]
    assert space.vehicle.plate == "新BD23456"


def test_an_ambiguous_or_unknown_home_on_a_parking_space_is_a_field_error(client, site):
    f.UnitFactory(building=site.buildings[1], entrance="1", number="502")
    client.force_login(site.frontdesk)
    response = client.post(
        url("parking_new", site),
        {"number": "B-018", "kind": "rented", "unit": "502", "vehicle": "新B99999"},
    )
    errors = response.context["form"].errors
    assert "Several homes" in errors["unit"][0]
    assert "vehicle" in errors
    response = client.post(
        url("parking_new", site), {"number": "B-018", "kind": "rented", "unit": "9-9-909"}
    )
    assert "No home" in response.context["form"].errors["unit"][0]
    assert not ParkingSpace.objects.filter(number="B-018").exists()


# ---- move-in and move-out --------------------------------------------------------------


def test_move_in_of_a_new_resident_creates_both_and_fills_the_home(client, site):
    client.force_login(site.frontdesk)
    home = site.units["vacant_home"]
    response = client.post(
        url("move_in", site, home.pk),
        {
            "who": "new",
            "name": "孙丽",
            "mobile": "13800001234",
            "id_number": f.valid_id_number(7),
            "relation": "owner",
            "start_date": "2025-03-01",
        },
    )
    assert response["Location"] == url("unit", site, home.pk)
    residency = Residency.objects.get(unit=home)
    assert residency.resident.name == "孙丽"
    assert residency.start_date == date(2025, 3, 1)
    home.refresh_from_db()
    assert home.occupancy == Occupancy.OCCUPIED


def test_move_in_with_a_bad_id_number_writes_nothing(client, site):
    client.force_login(site.frontdesk)
    home = site.units["vacant_home"]
    response = client.post(
        url("move_in", site, home.pk),
        {
            "who": "new",
            "name": "孙丽",
            "id_number": "650502198001010011",
            "relation": "owner",
            "start_date": "2025-03-01",
        },
    )
    assert "id_number" in response.context["form"].errors
    assert not Resident.objects.filter(name="孙丽").exists()
    assert not Residency.objects.filter(unit=home).exists()


def test_an_existing_resident_is_found_and_moves_in_as_tenant(client, site):
    client.force_login(site.manager)
    home = site.units["vacant_home"]
    newcomer = f.ResidentFactory(community=site.community, name="Ma Chao")
    page = client.get(url("move_in", site, home.pk) + "?find=Ma Chao")
    assert [r.name for r in page.context["candidates"]] == ["Ma Chao"]
    client.post(
        url("move_in", site, home.pk) + "?find=Ma Chao",
        {
            "who": "existing",
            "resident": newcomer.pk,
            "relation": "tenant",
            "start_date": date.today().isoformat(),
        },
    )
    home.refresh_from_db()
    assert home.occupancy == Occupancy.RENTED
    assert Residency.objects.get(unit=home).resident == newcomer


def test_moving_in_someone_who_already_lives_there_is_refused(client, site):
    client.force_login(site.manager)
    home = site.units["owner_home"]
    response = client.post(
        url("move_in", site, home.pk),
        {
            "who": "existing",
            "resident": site.residents["owner"].pk,
            "relation": "owner",
            "start_date": "2025-01-01",
        },
    )
    assert "already lives" in str(response.context["form"].errors["resident"])
    assert Residency.objects.filter(unit=home).count() == 2


def test_choosing_a_resident_of_another_community_is_refused(client, site):
    client.force_login(site.admin)
    home = site.units["vacant_home"]
    response = client.post(
        url("move_in", site, home.pk),
        {
            "who": "existing",
            "resident": site.residents["other_owner"].pk,
            "relation": "owner",
            "start_date": "2025-01-01",
        },
    )
    assert "resident" in response.context["form"].errors
    assert not Residency.objects.filter(unit=home).exists()


def test_move_out_keeps_the_history_and_empties_the_home(client, site):
    client.force_login(site.frontdesk)
    home = site.units["tenant_home"]
    for residency in Residency.objects.filter(unit=home):
        response = client.post(
            url("move_out", site, residency.pk), {"end_date": date.today().isoformat()}
        )
        assert response["Location"] == url("unit", site, home.pk)
    home.refresh_from_db()
    assert home.occupancy == Occupancy.VACANT
    assert Residency.objects.filter(unit=home).count() == 2
    page = client.get(url("unit", site, home.pk))
    assert page.context["home"].current_residencies == []
    assert sorted(r.resident.name for r in page.context["history"]) == ["Chen Jing", "Liu Yang"]


def test_a_tenant_moving_out_leaves_the_home_occupied_by_its_owner(client, site):
    client.force_login(site.frontdesk)
    home = site.units["tenant_home"]
    tenancy = Residency.objects.get(unit=home, relation="tenant")
    client.post(url("move_out", site, tenancy.pk), {"end_date": date.today().isoformat()})
    home.refresh_from_db()
    assert home.occupancy == Occupancy.OCCUPIED


def test_a_move_out_before_the_move_in_is_a_field_error(client, site):
    client.force_login(site.frontdesk)
    residency = Residency.objects.get(unit=site.units["owner2_home"])
    too_early = residency.start_date - timedelta(days=1)
    response = client.post(url("move_out", site, residency.pk), {"end_date": too_early})
    assert "end_date" in response.context["form"].errors
    residency.refresh_from_db()
    assert residency.end_date is None


def test_a_past_residency_cannot_be_ended_again(client, site):
    client.force_login(site.frontdesk)
    residency = Residency.objects.get(unit=site.units["owner2_home"])
    client.post(url("move_out", site, residency.pk), {"end_date": date.today().isoformat()})
    assert client.get(url("move_out", site, residency.pk)).status_code == 404
