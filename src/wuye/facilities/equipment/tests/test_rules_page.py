"""The compliance rules are data the manager keeps: listed for the register's readers,
changed by the manager alone, validated, audited; the calendar follows at once."""

from datetime import date, timedelta

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from wuye.core.models import AuditEntry
from wuye.facilities.equipment import queries, services
from wuye.facilities.equipment.models import ComplianceRule
from wuye.facilities.equipment.rules import compliance_rules

from .fixtures import lift

TODAY = date(2026, 6, 15)


@pytest.fixture(autouse=True)
def _clock():
    with time_machine.travel(TODAY, tick=False):
        yield


def url(site, name, *args):
    return reverse(f"facilities:{name}", args=[site.community.pk, *args])


def lift_inspection(site) -> ComplianceRule:
    compliance_rules(site.community.pk)
    return ComplianceRule.objects.get(
        community=site.community, kind="lift", obligation="periodic_inspection"
    )


def change(site, rule, actor=None, **data):
    values = {
        "interval_days": None,
        "interval_months": 12,
        "remind_days": "60,30,7",
        "request_lead_days": 30,
        "active": True,
        **data,
    }
    return services.compliance_rule_change(actor=actor or site.manager, rule=rule, data=values)


def test_the_manager_changes_a_rule_and_the_calendar_follows(site):
    item = lift(site, next_due=TODAY + timedelta(days=80))
    rule = lift_inspection(site)

    def state():
        return [e.state for e in queries.equipment_entries(item, TODAY) if e.rule.pk == rule.pk]

    assert state() == ["in_order"]

    changed = change(site, rule, remind_days=" 90, 7 ,30,90", request_lead_days=45)

    assert (changed.remind_days, changed.request_lead_days) == ("90,30,7", 45)
    assert state() == ["due"]
    entry = AuditEntry.objects.get(action="equipment.compliance_rule")
    assert entry.changes["remind_days"] == ["60,30,7", "90,30,7"]
    change(site, rule, active=False)
    assert rule.pk not in {r.pk for r in compliance_rules(site.community.pk)}


@pytest.mark.parametrize(
    "data, field",
    [
        ({"remind_days": "60,0"}, "remind_days"),
        ({"remind_days": "367"}, "remind_days"),
        ({"remind_days": "60;30"}, "remind_days"),
        ({"remind_days": " , "}, "remind_days"),
        ({"interval_days": 15}, "interval_days"),  # both days and months
        ({"interval_months": None}, "interval_days"),  # neither
        ({"interval_months": 0}, "interval_months"),
        ({"request_lead_days": 400}, "request_lead_days"),
        ({"active": "yes"}, "active"),
    ],
)
def test_a_bad_rule_is_refused_and_nothing_changes(site, data, field):
    rule = lift_inspection(site)
    with pytest.raises(ValidationError) as refused:
        change(site, rule, **data)
    assert field in refused.value.message_dict
    rule.refresh_from_db()
    assert (rule.remind_days, rule.interval_months, rule.active) == ("60,30,7", 12, True)
    assert not AuditEntry.objects.filter(action="equipment.compliance_rule").exists()


@pytest.mark.parametrize("who", ["engineer", "electrician", "other_manager"])
def test_only_the_communitys_manager_changes_rules(site, who):
    with pytest.raises(PermissionDenied):
        change(site, lift_inspection(site), actor=getattr(site, who), remind_days="30")


def test_the_pages_list_and_change_rules(client, site, django_assert_max_num_queries):
    rule = lift_inspection(site)
    client.force_login(site.manager)
    with django_assert_max_num_queries(12):
        page = client.get(url(site, "compliance_rules")).content.decode()
    assert (
        page.count("data-rule=") == ComplianceRule.objects.filter(community=site.community).count()
    )
    assert url(site, "compliance_rule", rule.pk) in page

    form = {
        "interval_months": "24",
        "remind_days": "90,30",
        "request_lead_days": "30",
        "active": "on",
    }
    assert client.post(url(site, "compliance_rule", rule.pk), form).status_code == 302
    rule.refresh_from_db()
    assert (rule.interval_months, rule.remind_days) == (24, "90,30")
    refused = client.post(url(site, "compliance_rule", rule.pk), {**form, "remind_days": "90,abc"})
    assert refused.status_code == 200 and "abc" in refused.content.decode()
    rule.refresh_from_db()
    assert rule.remind_days == "90,30"


def test_the_engineer_reads_the_rules_but_cannot_change_them(client, site):
    rule = lift_inspection(site)
    client.force_login(site.engineer)
    page = client.get(url(site, "compliance_rules")).content.decode()
    assert f'data-rule="{rule.pk}"' in page and url(site, "compliance_rule", rule.pk) not in page
    assert client.get(url(site, "compliance_rule", rule.pk)).status_code == 403
    client.force_login(site.other_manager)
    assert client.get(url(site, "compliance_rules")).status_code in (403, 404)
