"""Interest groups with their boards, the manager's reception day (经理接待日), visits to homes
(走访), and an issue raised in either becoming a work order in one click."""

from datetime import date, time, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from wuye.core.models import AuditEntry
from wuye.engagement.community_life import queries, services
from wuye.engagement.models import GroupMembership, ReceptionSlot
from wuye.servicedesk.models import Channel, Status, WorkOrder

# ---- interest groups ------------------------------------------------------------------------


def start_group(site, **data):
    return services.group_create(
        actor=site.manager,
        community=site.community,
        data={"name": "Calligraphy circle", "description": "Tuesdays", **data},
    )


def test_residents_join_and_leave_a_group_and_its_membership_is_kept(site):
    group = start_group(site, organiser=site.residents["owner"])

    services.group_join(actor=site.tenant, group=group)
    services.group_join(actor=site.tenant, group=group)
    services.group_leave(actor=site.tenant, group=group)

    rows = GroupMembership.objects.filter(group=group).order_by("pk")
    assert [(m.resident.name, m.left_at is None) for m in rows] == [
        ("Wang Fang", True),
        ("Liu Yang", False),
    ]
    listed = queries.groups_visible_to(site.owner).get(pk=group.pk)
    assert (listed.member_count, listed.is_member, listed.organiser) == (1, True, site.owner)


def test_only_members_organiser_and_staff_write_on_the_board(site):
    group = start_group(site)

    with pytest.raises(PermissionDenied):
        services.group_post(actor=site.owner2, group=group, body="Hello")
    services.group_join(actor=site.owner2, group=group)
    services.group_post(actor=site.owner2, group=group, body="Hello")
    services.group_post(actor=site.manager, group=group, body="Room booked for Tuesday")
    with pytest.raises(ValidationError) as empty:
        services.group_post(actor=site.owner2, group=group, body="  ")

    assert "body" in empty.value.message_dict
    assert [p.body for p in queries.group_posts(group)] == ["Room booked for Tuesday", "Hello"]


def test_residents_of_another_community_cannot_join(site):
    group = start_group(site)
    with pytest.raises(PermissionDenied):
        services.group_join(actor=site.other_owner, group=group)
    assert not queries.groups_visible_to(site.other_owner).exists()
    with pytest.raises(ValidationError) as twice:
        start_group(site)
    assert "name" in twice.value.message_dict


# ---- reception days -------------------------------------------------------------------------


def open_day(site, day=None, start=time(9), end=time(11), minutes=20):
    day = day or timezone.localdate() + timedelta(days=10)
    return services.reception_slots_generate(
        actor=site.manager,
        community=site.community,
        day=day,
        start=start,
        end=end,
        minutes=minutes,
        place="Service center",
    )


def test_a_reception_day_is_cut_into_slots_and_opening_it_again_adds_none(site):
    slots = open_day(site)

    assert [timezone.localtime(s.starts_at).strftime("%H:%M") for s in slots] == [
        "09:00",
        "09:20",
        "09:40",
        "10:00",
        "10:20",
        "10:40",
    ]
    assert open_day(site) == []
    assert ReceptionSlot.objects.count() == 6
    with pytest.raises(ValidationError) as bad:
        open_day(site, start=time(11), end=time(9), minutes=5)
    assert set(bad.value.message_dict) == {"end", "minutes"}


def test_a_slot_is_booked_once_and_free_again_when_cancelled(site):
    slot = open_day(site)[0]
    booking = services.reception_book(
        actor=site.owner, slot=slot, unit=site.units["owner_home"], topic="Parking at night"
    )

    with pytest.raises(ValidationError) as taken:
        services.reception_book(
            actor=site.owner2, slot=slot, unit=site.units["owner2_home"], topic="Noise"
        )
    assert "slot" in taken.value.message_dict
    assert slot not in queries.free_slots(site.owner2)

    services.reception_booking_cancel(actor=site.owner, booking=booking)
    services.reception_book(
        actor=site.owner2, slot=slot, unit=site.units["owner2_home"], topic="Noise"
    )
    assert booking.resident == site.residents["owner"]


def test_owners_book_only_for_their_own_homes_and_slots_to_come(site):
    past = open_day(site, day=timezone.localdate() - timedelta(days=3))[0]
    slot = open_day(site)[0]

    with pytest.raises(PermissionDenied):
        services.reception_book(
            actor=site.owner2, slot=slot, unit=site.units["owner_home"], topic="x"
        )
    with pytest.raises(ValidationError, match="passed"):
        services.reception_book(
            actor=site.owner, slot=past, unit=site.units["owner_home"], topic="x"
        )
    with pytest.raises(ValidationError) as no_topic:
        services.reception_book(
            actor=site.owner, slot=slot, unit=site.units["owner_home"], topic=""
        )
    assert "topic" in no_topic.value.message_dict


def test_staff_record_the_outcome_of_a_meeting(site):
    slot = open_day(site)[0]
    booking = services.reception_book(
        actor=site.owner, slot=slot, unit=site.units["owner_home"], topic="Parking"
    )

    services.reception_outcome_record(
        actor=site.frontdesk, booking=booking, outcome="Will patrol at night", follow_up=True
    )

    booking.refresh_from_db()
    assert (booking.outcome, booking.follow_up, booking.outcome_by) == (
        "Will patrol at night",
        True,
        site.frontdesk,
    )
    with pytest.raises(PermissionDenied):
        services.reception_outcome_record(
            actor=site.owner, booking=booking, outcome="I decide", follow_up=False
        )
    with pytest.raises(ValidationError, match="taken place"):
        services.reception_booking_cancel(actor=site.owner, booking=booking)


# ---- visits and work orders ---------------------------------------------------------------


def visit(site, **data):
    return services.visit_record(
        actor=site.frontdesk,
        community=site.community,
        data={
            "unit": site.units["owner_home"],
            "visited_on": timezone.localdate(),
            "people_met": "Owner and spouse",
            "findings": "Window seal leaking in the living room.",
            "follow_up": True,
            **data,
        },
    )


def test_a_visit_records_whom_we_met_and_what_we_found(site):
    done = visit(site)

    assert done.visitor == site.frontdesk
    assert done.resident == site.residents["owner"], "the owner is the one to call back"
    assert list(queries.visits_visible_to(site.manager).filter(unit=site.units["owner_home"])) == [
        done
    ]
    assert not queries.visits_visible_to(site.guard).exists()
    with pytest.raises(ValidationError) as bad:
        visit(site, visited_on=date(2100, 1, 1), findings="", unit=site.units["other_home"])
    assert set(bad.value.message_dict) == {"visited_on", "findings", "unit"}
    with pytest.raises(PermissionDenied):
        services.visit_record(actor=site.guard, community=site.community, data={})


def test_a_visit_finding_becomes_one_work_order_for_its_home_and_owner(site):
    found = visit(site)

    order = services.visit_raise_work_order(actor=site.frontdesk, visit=found)
    again = services.visit_raise_work_order(actor=site.manager, visit=found)

    assert again == order
    assert WorkOrder.objects.count() == 1
    assert (order.channel, order.unit, order.reporter_resident) == (
        Channel.VISIT,
        site.units["owner_home"],
        site.residents["owner"],
    )
    assert order.description == "Window seal leaking in the living room."
    assert order.status == Status.ACCEPTED
    found.refresh_from_db()
    assert found.work_order == order
    assert AuditEntry.objects.filter(action="work_order.raise", object_id=str(found.pk)).exists()


def test_a_reception_issue_becomes_one_work_order_from_the_reception_day(site):
    slot = open_day(site)[0]
    booking = services.reception_book(
        actor=site.owner, slot=slot, unit=site.units["owner_home"], topic="Car on the fire lane"
    )
    services.reception_outcome_record(
        actor=site.manager, booking=booking, outcome="Security will act", follow_up=True
    )

    order = services.booking_raise_work_order(
        actor=site.manager, booking=booking, category="complaint"
    )

    assert services.booking_raise_work_order(actor=site.manager, booking=booking) == order
    assert (order.channel, order.category, order.reporter_resident) == (
        Channel.RECEPTION_DAY,
        "complaint",
        site.residents["owner"],
    )
    assert "Car on the fire lane" in order.description
    assert "Security will act" in order.description
    with pytest.raises(PermissionDenied):
        services.booking_raise_work_order(actor=site.owner, booking=booking)
