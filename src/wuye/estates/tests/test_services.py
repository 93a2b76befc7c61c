from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from wuye.core.models import AuditEntry
from wuye.estates import services
from wuye.estates.models import Occupancy, Relation, Residency, Resident, Unit
from wuye.testing.factories import valid_id_number


def test_unit_input_is_normalised_and_audited(site):
    unit = services.unit_save(
        actor=site.frontdesk,
        building=site.buildings[0],
        data={
            "entrance": "２",
            "floor": 6,
            "number": " ６０２ ",
            "building_area": Decimal("120.55"),
            "inner_area": Decimal("100.10"),
        },
    )
    assert (unit.entrance, unit.number, unit.label) == ("2", "602", "1-2-602")
    entry = AuditEntry.objects.get(action="unit.create", object_id=str(unit.pk))
    assert entry.actor == site.frontdesk and entry.community == site.community


def test_room_numbers_are_unique_per_building_and_entrance(site):
    with pytest.raises(ValidationError) as err:
        services.unit_save(
            actor=site.frontdesk,
            building=site.buildings[0],
            data={"entrance": "1", "floor": 1, "number": "101", "building_area": Decimal("90")},
        )
    assert "__all__" in err.value.message_dict
    # the same room number in another entrance is a different home
    services.unit_save(
        actor=site.frontdesk,
        building=site.buildings[0],
        data={"entrance": "3", "floor": 1, "number": "101", "building_area": Decimal("90")},
    )


@pytest.mark.parametrize("area", [Decimal("0"), Decimal("-5")])
def test_areas_must_be_positive(site, area):
    with pytest.raises(ValidationError) as err:
        services.unit_save(
            actor=site.frontdesk,
            building=site.buildings[0],
            data={"entrance": "1", "floor": 2, "number": "201", "building_area": area},
        )
    assert "building_area" in err.value.message_dict
    assert not Unit.objects.filter(number="201").exists()


def test_inner_area_cannot_exceed_building_area(site):
    with pytest.raises(ValidationError) as err:
        services.unit_save(
            actor=site.frontdesk,
            building=site.buildings[0],
            data={
                "entrance": "1",
                "floor": 2,
                "number": "201",
                "building_area": Decimal("80"),
                "inner_area": Decimal("81"),
            },
        )
    assert "inner_area" in err.value.message_dict


def test_guard_cannot_change_the_register(site):
    with pytest.raises(PermissionDenied):
        services.building_save(
            actor=site.guard,
            community=site.community,
            data={"number": "9", "kind": "multi_storey", "floors": 6},
        )


def test_id_number_is_encrypted_masked_and_unique(site):
    number = valid_id_number(77, birth="19650315")
    resident = services.resident_save(
        actor=site.frontdesk,
        community=site.community,
        data={"name": "Sun Li", "mobile": "13800001111", "id_number": number.lower()},
    )
    stored = Resident.objects.get(pk=resident.pk)
    assert number not in stored.id_number_cipher
    assert stored.id_number_masked == number[:4] + "*" * 10 + number[-4:]
    # Someone who may read full numbers is told plainly that the number is on file.
    with pytest.raises(ValidationError) as err:
        services.resident_save(
            actor=site.manager,
            community=site.community,
            data={"name": "Someone Else", "id_number": number},
        )
    assert "id_number" in err.value.message_dict


def test_reading_a_full_id_number_is_allowed_to_managers_and_audited(site):
    owner = site.residents["owner"]
    assert services.resident_reveal_id_number(
        actor=site.manager, resident=owner
    ) == valid_id_number(1)
    assert AuditEntry.objects.filter(
        action="resident.id_number_read", actor=site.manager, object_id=str(owner.pk)
    ).exists()
    with pytest.raises(PermissionDenied):
        services.resident_reveal_id_number(actor=site.frontdesk, resident=owner)


def test_bad_mobile_names_the_field_and_writes_nothing(site):
    before = Resident.objects.count()
    with pytest.raises(ValidationError) as err:
        services.resident_save(
            actor=site.frontdesk,
            community=site.community,
            data={"name": "Sun Li", "mobile": "12345"},
        )
    assert list(err.value.message_dict) == ["mobile"]
    assert Resident.objects.count() == before


def test_owner_updates_own_contact_details_but_not_their_name(site):
    owner = site.residents["owner"]
    services.resident_update_contact(
        actor=site.owner, resident=owner, data={"mobile": "１３７００００２２２２"}
    )
    owner.refresh_from_db()
    assert owner.mobile == "13700002222"
    with pytest.raises(ValidationError):
        services.resident_update_contact(actor=site.owner, resident=owner, data={"name": "X"})
    with pytest.raises(PermissionDenied):
        services.resident_update_contact(
            actor=site.owner, resident=site.residents["owner2"], data={"mobile": "13700003333"}
        )


def test_move_in_and_out_keep_history_and_occupancy(site):
    home = site.units["vacant_home"]
    newcomer = services.resident_save(
        actor=site.frontdesk,
        community=site.community,
        data={"name": "Zhou Min", "mobile": "13600001234"},
    )
    residency = services.residency_move_in(
        actor=site.frontdesk, unit=home, resident=newcomer, relation=Relation.TENANT
    )
    home.refresh_from_db()
    assert home.occupancy == Occupancy.RENTED
    with pytest.raises(ValidationError):
        services.residency_move_in(
            actor=site.frontdesk, unit=home, resident=newcomer, relation=Relation.TENANT
        )
    services.residency_move_out(actor=site.frontdesk, residency=residency, end_date=date.today())
    home.refresh_from_db()
    assert home.occupancy == Occupancy.VACANT
    assert Residency.objects.filter(pk=residency.pk, end_date=date.today()).exists()
    assert not Residency.objects.current().filter(unit=home).exists()
    with pytest.raises(ValidationError):
        services.residency_move_out(actor=site.frontdesk, residency=residency)


def test_move_out_cannot_precede_move_in(site):
    residency = Residency.objects.get(resident=site.residents["tenant"])
    with pytest.raises(ValidationError) as err:
        services.residency_move_out(
            actor=site.frontdesk,
            residency=residency,
            end_date=residency.start_date - timedelta(days=1),
        )
    assert "end_date" in err.value.message_dict


def test_residents_cannot_move_into_another_communitys_home(site):
    with pytest.raises(ValidationError):
        services.residency_move_in(
            actor=site.admin,
            unit=site.units["other_home"],
            resident=site.residents["owner"],
            relation=Relation.OWNER,
        )


def test_plates_are_normalised_and_unique(site):
    vehicle = services.vehicle_save(
        actor=site.frontdesk, community=site.community, data={"plate": "新l 88 888"}
    )
    assert vehicle.plate == "新L88888"
    with pytest.raises(ValidationError):
        services.vehicle_save(
            actor=site.frontdesk, community=site.community, data={"plate": "新L88888"}
        )


def test_a_duplicate_written_between_check_and_save_is_a_validation_error(site, monkeypatch):
    # Simulate a concurrent writer: the uniqueness check passes, then the database refuses.
    monkeypatch.setattr(Unit, "validate_constraints", lambda self, exclude=None: None)
    monkeypatch.setattr(Unit, "validate_unique", lambda self, exclude=None: None)
    with pytest.raises(ValidationError):
        services.unit_save(
            actor=site.frontdesk,
            building=site.buildings[0],
            data={"entrance": "1", "floor": 1, "number": "101", "building_area": Decimal("90")},
        )
    assert Unit.objects.filter(building=site.buildings[0], number="101", entrance="1").count() == 1


def test_residents_see_their_own_mobile_in_full(site):
    from wuye.core import policy

    assert policy.can(site.owner, "view_mobile", site.residents["owner"])
    assert not policy.can(site.owner, "view_mobile", site.residents["owner_spouse"])
