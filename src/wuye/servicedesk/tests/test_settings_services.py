"""What a manager configures of the customer center: each change validated, refused to those
the policy does not name, written down old → new, and (the price list) never deleted."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from wuye.core.models import AuditEntry
from wuye.servicedesk import cached, queries, services
from wuye.servicedesk.models import (
    DeskSettings,
    PriceListItem,
    SlaPolicy,
    Team,
    TeamMember,
)

from .fixtures import MONDAY_10, order_in


def publish(site, **data) -> PriceListItem:
    fields = {"name": "Replace a tap washer", "unit": "piece", "price": Decimal("15.00")}
    return services.price_item_save(
        actor=site.manager, community=site.community, data=fields | data
    )


def entries(action: str) -> list[AuditEntry]:
    return list(AuditEntry.objects.filter(action=action).order_by("id"))


# ---- the price list -------------------------------------------------------------------------


def test_a_published_item_is_recorded_with_its_price(site):
    item = publish(site)

    (entry,) = entries("price_item.publish")
    assert entry.actor == site.manager and entry.community_id == site.community.pk
    assert entry.changes["price"] == ["", "15.00"]
    assert entry.changes["name"] == ["", "Replace a tap washer"]
    assert list(queries.price_list(site.community.pk)) == [item]


def test_a_price_change_is_recorded_old_to_new(site):
    item = publish(site)

    services.price_item_save(
        actor=site.manager, community=site.community, item=item, data={"price": Decimal("18")}
    )

    (entry,) = entries("price_item.change")
    assert entry.changes == {"price": ["15.00", "18.00"]}
    item.refresh_from_db()
    assert item.price == Decimal("18.00")


def test_an_order_charged_before_a_price_change_keeps_its_price(site):
    item = publish(site)
    order = services.work_order_resolve(
        order=order_in(site, "in_progress"),
        result="Washer replaced",
        items=[{"price_item_id": item.pk, "quantity": 2}],
        actor=site.electrician,
        at=MONDAY_10 + timedelta(hours=2),
    )

    services.price_item_save(
        actor=site.manager, community=site.community, item=item, data={"price": Decimal("99")}
    )

    (charged,) = order.items.all()
    assert (charged.unit_price, charged.amount) == (Decimal("15.00"), Decimal("30.00"))


def test_a_retired_item_stays_for_old_orders_and_is_offered_to_no_new_one(site):
    item = publish(site)
    order = services.work_order_resolve(
        order=order_in(site, "in_progress"),
        result="Washer replaced",
        items=[{"price_item_id": item.pk, "quantity": 1}],
        actor=site.electrician,
        at=MONDAY_10 + timedelta(hours=2),
    )

    services.price_item_retire(actor=site.manager, item=item)

    assert PriceListItem.objects.filter(pk=item.pk, active=False).exists()
    assert order.items.get().price_item_id == item.pk
    assert item not in queries.price_list(site.community.pk)
    with pytest.raises(ValidationError) as refused:
        services.work_order_resolve(
            order=order_in(site, "in_progress"),
            result="Done",
            items=[{"price_item_id": item.pk, "quantity": 1}],
            actor=site.electrician,
        )
    assert "items.0" in refused.value.message_dict
    (entry,) = entries("price_item.retire")
    assert entry.changes == {"active": ["True", "False"]}


def test_retiring_twice_is_refused_and_a_retired_item_may_be_published_again(site):
    item = publish(site)
    services.price_item_retire(actor=site.manager, item=item)
    with pytest.raises(ValidationError) as refused:
        services.price_item_retire(actor=site.manager, item=item)
    assert "already retired" in str(refused.value)

    services.price_item_retire(actor=site.manager, item=item, retired=False)

    assert list(queries.price_list(site.community.pk)) == [item]
    assert len(entries("price_item.retire")) == 1
    assert len(entries("price_item.republish")) == 1


def test_a_second_item_of_the_same_name_is_refused_even_when_the_first_is_retired(site):
    item = publish(site)
    services.price_item_retire(actor=site.manager, item=item)

    with pytest.raises(ValidationError) as refused:
        publish(site, name=" Replace a tap washer ", price=Decimal("20"))

    assert "change that item instead" in str(refused.value.message_dict["name"])
    assert PriceListItem.objects.count() == 1


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"price": Decimal("-1")}, "price"),
        ({"name": "   "}, "name"),
        ({"unit": ""}, "unit"),
    ],
)
def test_a_bad_value_is_refused_naming_its_field_and_changes_nothing(site, data, field):
    with pytest.raises(ValidationError) as refused:
        publish(site, **data)
    assert field in refused.value.message_dict
    assert not PriceListItem.objects.exists()
    assert not AuditEntry.objects.exists()


@pytest.mark.parametrize("who", ["frontdesk", "engineer", "electrician", "other_manager"])
def test_only_the_communitys_managers_keep_the_price_list(site, who):
    item = PriceListItem.objects.create(
        community=site.community, name="Unblock a drain", unit="time", price=50
    )
    with pytest.raises(PermissionDenied):
        services.price_item_save(
            actor=getattr(site, who),
            community=site.community,
            data={"name": "Fuse", "unit": "piece", "price": Decimal("5")},
        )
    with pytest.raises(PermissionDenied):
        services.price_item_retire(actor=getattr(site, who), item=item)
    assert PriceListItem.objects.filter(active=True).count() == 1
    assert not AuditEntry.objects.exists()


# ---- teams and members ----------------------------------------------------------------------


def test_a_team_is_added_and_changed_with_its_history_in_words(site):
    team = services.team_save(
        actor=site.manager,
        community=site.community,
        data={"name": "Engineering", "categories": ["repair_home"], "supervisor": site.engineer},
    )
    services.team_save(
        actor=site.manager,
        community=site.community,
        team=team,
        data={"categories": ["repair_home", "repair_common"], "subcategories": ["lift"]},
    )

    added, changed = entries("team.add") + entries("team.change")
    assert added.changes["name"] == ["", "Engineering"]
    assert changed.changes == {
        "categories": ["Repair in a home", "Repair in a home, Repair of a common area"],
        "subcategories": ["", "Lift"],
    }


def test_a_team_takes_work_of_at_least_one_known_category(site):
    for data, field in (
        ({"name": "Idle", "categories": []}, "categories"),
        ({"name": "Odd", "categories": ["gardening"]}, "categories"),
        ({"name": "Odd", "categories": ["repair_home"], "subcategories": ["x"]}, "subcategories"),
    ):
        with pytest.raises(ValidationError) as refused:
            services.team_save(actor=site.manager, community=site.community, data=data)
        assert field in refused.value.message_dict
    assert not Team.objects.exists()


def test_a_team_supervisor_and_members_are_staff_of_the_community(site):
    for data in (
        {"name": "Security", "categories": ["complaint"], "supervisor": site.other_manager},
        {"name": "Security", "categories": ["complaint"], "supervisor": site.owner},
    ):
        with pytest.raises(ValidationError) as refused:
            services.team_save(actor=site.manager, community=site.community, data=data)
        assert "supervisor" in refused.value.message_dict
    team = Team.objects.create(
        community=site.community, name="Engineering", categories=["repair_common"]
    )
    with pytest.raises(ValidationError):
        services.team_member_save(actor=site.manager, team=team, data={"user": site.owner})
    assert not TeamMember.objects.exists()


def test_a_member_is_added_with_skills_and_stops_taking_work(site):
    team = Team.objects.create(
        community=site.community, name="Engineering", categories=["repair_home"]
    )
    member = services.team_member_save(
        actor=site.manager, team=team, data={"user": site.electrician, "skills": ["leak"]}
    )
    with pytest.raises(ValidationError):
        services.team_member_save(actor=site.manager, team=team, data={"user": site.electrician})

    services.team_member_save(actor=site.manager, team=team, member=member, data={"active": False})

    added, changed = entries("team.member_add") + entries("team.member_change")
    assert added.changes["skills"] == ["", "Leak"]
    assert added.changes["user"] == ["", "Electrician"]
    assert changed.changes == {"active": ["True", "False"]}
    order = order_in(site, "accepted")
    assert site.electrician not in [s.user for s in queries.dispatch_suggestions(order)]


# ---- the desk's settings --------------------------------------------------------------------


def test_desk_settings_are_saved_from_the_defaults_and_read_at_once(site):
    assert cached.configuration(site.community).settings.manager_escalation_minutes == 120

    services.desk_settings_save(
        actor=site.manager,
        community=site.community,
        data={"manager_escalation_minutes": 60, "warn_percent": 75, "callback_scope": "unrated"},
    )

    settings = cached.configuration(site.community).settings
    assert (settings.manager_escalation_minutes, settings.warn_percent) == (60, 75)
    (entry,) = entries("desk_settings.change")
    assert entry.changes == {
        "manager_escalation_minutes": ["120", "60"],
        "warn_percent": ["80", "75"],
        "callback_scope": ["all", "unrated"],
    }


def test_a_warn_percent_outside_1_to_99_is_refused(site):
    with pytest.raises(ValidationError) as refused:
        services.desk_settings_save(
            actor=site.manager, community=site.community, data={"warn_percent": 100}
        )
    assert "warn_percent" in refused.value.message_dict
    assert not DeskSettings.objects.exists()


def test_desk_settings_are_the_managers(site):
    with pytest.raises(PermissionDenied):
        services.desk_settings_save(
            actor=site.frontdesk, community=site.community, data={"max_open_orders": 1}
        )
    assert not DeskSettings.objects.exists()


# ---- SLA policies ---------------------------------------------------------------------------


def seeded(site) -> SlaPolicy:
    services.sla_policies_seed(community=site.community, actor=site.manager)
    return SlaPolicy.objects.get(
        community=site.community, category="repair_home", priority="urgent"
    )


def test_the_defaults_are_written_once_as_policies_with_their_history(site):
    assert services.sla_policies_seed(community=site.community, actor=site.manager) == 28
    assert services.sla_policies_seed(community=site.community, actor=site.manager) == 0
    assert len(entries("sla_policy.seed")) == 28


def test_a_changed_target_counts_for_the_next_order_at_once(site):
    policy = seeded(site)
    before = cached.configuration(site.community).targets[("repair_home", "urgent")]
    assert before["arrival"].amount == 120

    services.sla_policy_save(
        actor=site.manager,
        community=site.community,
        sla_policy=policy,
        data={"arrival_target": 60},
    )

    after = cached.configuration(site.community).targets[("repair_home", "urgent")]
    assert after["arrival"].amount == 60
    (entry,) = entries("sla_policy.change")
    assert entry.changes == {"arrival_target": ["120", "60"]}


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"arrival_target": 0}, "arrival_target"),
        ({"resolution_target": 70, "resolution_clock": "working_days"}, "resolution_target"),
        # on the same clock, on site cannot come before the first response
        ({"response_target": 30, "arrival_target": 20}, "arrival_target"),
    ],
)
def test_a_target_that_cannot_be_met_is_refused_and_explained(site, data, field):
    policy = seeded(site)
    with pytest.raises(ValidationError) as refused:
        services.sla_policy_save(
            actor=site.manager, community=site.community, sla_policy=policy, data=data
        )
    assert field in refused.value.message_dict
    policy.refresh_from_db()
    assert policy.arrival_target == 120
    assert not entries("sla_policy.change")


def test_sla_policies_are_the_managers(site):
    policy = seeded(site)
    with pytest.raises(PermissionDenied):
        services.sla_policy_save(
            actor=site.engineer,
            community=site.community,
            sla_policy=policy,
            data={"arrival_target": 60},
        )
    with pytest.raises(PermissionDenied):
        services.sla_policies_seed(community=site.community, actor=site.frontdesk)
