"""The register's changes: added, changed, retired, never deleted; codes unique per
community; the statutory profile kept; each change audited."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from wuye.core.models import AuditEntry
from wuye.core.validators import CONFLICT
from wuye.facilities.equipment import rules, services
from wuye.facilities.equipment.models import ComplianceRule, Equipment, parse_remind_days

from .fixtures import lift


def pump(site, community=None, actor=None, **data):
    return services.equipment_add(
        actor=actor or site.engineer,
        community=community or site.community,
        data={"code": "PUMP-1", "name": "Domestic water pump", "kind": "water_pump", **data},
    )


def test_the_supervisor_registers_an_item_and_it_is_audited(site):
    item = pump(site, code=" pump-1 ", importance="A", building=site.buildings[0])

    assert (item.code, item.status, item.importance) == ("PUMP-1", "in_service", "A")
    entry = AuditEntry.objects.get(action="equipment.add")
    assert entry.object_id == str(item.pk) and entry.actor == site.engineer


def test_a_code_is_unique_in_its_community_only(site):
    pump(site)
    with pytest.raises(ValidationError) as refused:
        pump(site, code="Pump-1")
    assert refused.value.error_dict["code"][0].code == CONFLICT
    assert pump(site, community=site.other, actor=site.other_manager).code == "PUMP-1"
    assert Equipment.objects.filter(community=site.community).count() == 1


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"name": "  "}, "name"),
        ({"kind": "rocket"}, "kind"),
        ({"importance": "Z"}, "importance"),
        ({"installed_on": date(2025, 1, 2), "warranty_until": date(2024, 1, 2)}, "warranty_until"),
    ],
)
def test_bad_particulars_are_refused_and_nothing_is_kept(site, data, field):
    with pytest.raises(ValidationError) as refused:
        pump(site, **data)
    assert field in refused.value.error_dict
    assert not Equipment.objects.exists()


def test_a_building_of_another_community_is_refused(site):
    other_building = site.units["other_home"].building
    with pytest.raises(ValidationError) as refused:
        pump(site, building=other_building)
    assert "building" in refused.value.error_dict


@pytest.mark.parametrize("who", ["electrician", "frontdesk", "other_manager"])
def test_only_the_supervisor_and_the_manager_keep_the_register(site, who):
    with pytest.raises(PermissionDenied):
        pump(site, actor=getattr(site, who))


def test_a_change_is_audited_with_what_changed(site):
    item = pump(site)
    services.equipment_change(
        actor=site.manager,
        equipment=item,
        data={"code": "PUMP-1", "name": "Fire pump", "kind": "water_pump", "make": "Grundfos"},
    )
    entry = AuditEntry.objects.get(action="equipment.change")
    assert entry.changes["name"] == ["Domestic water pump", "Fire pump"]
    assert entry.changes["make"] == ["", "Grundfos"]


def test_a_retired_item_stays_in_the_register_and_cannot_be_changed(site):
    item = pump(site)
    with pytest.raises(ValidationError):
        services.equipment_retire(actor=site.engineer, equipment=item, reason=" ")
    services.equipment_retire(actor=site.engineer, equipment=item, reason="Scrapped")

    item.refresh_from_db()
    assert item.status == "retired"
    with pytest.raises(ValidationError):
        services.equipment_change(
            actor=site.engineer, equipment=item, data={"code": "P", "name": "x", "kind": "lift"}
        )
    with pytest.raises(ValidationError):
        services.equipment_retire(actor=site.engineer, equipment=item, reason="Again")


def test_the_statutory_profile_is_kept_and_checked(site):
    item = lift(site, next_due=date(2026, 6, 19))
    assert item.statutory.use_certificate_number == "梯11粤B00001(12)"
    assert item.statutory.last_result == "pass"
    with pytest.raises(ValidationError) as refused:
        services.statutory_profile_save(
            actor=site.engineer,
            equipment=item,
            data={"last_inspected_on": date(2026, 6, 1), "next_inspection_due": date(2026, 5, 1)},
        )
    assert "next_inspection_due" in refused.value.error_dict
    item.statutory.refresh_from_db()
    assert item.statutory.next_inspection_due == date(2026, 6, 19)
    assert AuditEntry.objects.filter(action="equipment.statutory_profile").count() == 1


def test_the_default_rules_are_written_once_on_first_use(site):
    first = rules.compliance_rules(site.community.pk)
    again = rules.compliance_rules(site.community.pk)

    assert len(first) == len(again) == ComplianceRule.objects.count() == 6
    lift_rules = {r.obligation: r for r in first if r.kind == "lift"}
    assert lift_rules["maintenance"].interval_days == 15
    assert lift_rules["periodic_inspection"].interval_months == 12
    assert lift_rules["periodic_inspection"].reminders == [60, 30, 7]
    assert lift_rules["periodic_inspection"].request_lead_days == 30
    fire = [r for r in first if r.obligation == "comprehensive_test"]
    assert {r.kind for r in fire} == {"fire_alarm_panel", "sprinklers", "hydrants", "extinguishers"}


def test_reminder_days_read_only_whole_days():
    assert parse_remind_days("7, 60,30,x,²,0") == [60, 30, 7]
