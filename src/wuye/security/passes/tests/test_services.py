"""The rules of passes: limits, walk-ins and their hosts, ID numbers, the sweep, the plates
parking reads, and what retention deletes."""

from datetime import timedelta

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.utils import timezone

from wuye.core.models import AuditEntry, Notification
from wuye.security.passes import queries, retention, services
from wuye.security.passes.models import AccessEvent, Invitation, PassSettings, PassStatus
from wuye.testing import factories as f

from .fixtures import invite

pytestmark = pytest.mark.django_db


def test_a_home_invites_at_most_the_days_limit(site):
    PassSettings.objects.create(community=site.community, invites_per_home_per_day=2)
    invite(site)
    invite(site, who=site.owner)
    with pytest.raises(ValidationError, match="already invited 2 visitors today"):
        invite(site)
    assert Invitation.objects.count() == 2
    # another home has its own allowance
    invite(site, who=site.owner2, home="owner2_home")


def test_bad_input_is_refused_with_reasons_and_nothing_saved(site):
    with pytest.raises(ValidationError) as refused:
        invite(
            site,
            visitor_name="  ",
            visitor_mobile="12",
            plate="ABC",
            valid_until=timezone.now() - timedelta(hours=1),
        )
    assert set(refused.value.message_dict) >= {"visitor_name", "visitor_mobile", "plate"}
    assert not Invitation.objects.exists()


def test_a_plate_is_kept_in_its_one_written_form(site):
    invitation = invite(site, plate="新a·12345")
    assert invitation.plate == "新A12345"


def test_a_walk_in_for_a_home_waits_for_the_host(site, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        walk_in = services.walk_in_register(
            actor=site.guard,
            community=site.community,
            unit=site.units["owner_home"],
            data={"visitor_name": "Qian Hua", "purpose": "delivery"},
        )
    assert walk_in.status == PassStatus.PENDING
    assert Notification.objects.filter(
        recipient=site.owner, kind="security.walk_in_waiting"
    ).exists()
    verdict = queries.verdict(site.guard, walk_in.code)
    assert (verdict.result, verdict.reason) == ("unknown", "awaiting_host")
    with pytest.raises(ValidationError):
        services.pass_check_in(actor=site.guard, invitation=walk_in)
    # a neighbour cannot say yes for the owner's home
    with pytest.raises(PermissionDenied):
        services.invitation_confirm(actor=site.owner2, invitation=walk_in)
    services.invitation_confirm(actor=site.owner, invitation=walk_in)
    walk_in.refresh_from_db()
    assert (walk_in.status, walk_in.confirmed_via, walk_in.confirmed_by) == (
        "active",
        "portal",
        site.owner,
    )
    services.pass_check_in(actor=site.guard, invitation=walk_in, gate="North")
    assert AccessEvent.objects.get(invitation=walk_in).guard == site.guard


def test_the_office_records_a_hosts_yes_by_phone(site):
    walk_in = services.walk_in_register(
        actor=site.frontdesk,
        community=site.community,
        unit=site.units["tenant_home"],
        data={"visitor_name": "Qian Hua"},
    )
    services.invitation_confirm(actor=site.guard, invitation=walk_in, by_phone=True)
    walk_in.refresh_from_db()
    assert (walk_in.confirmed_via, walk_in.confirmed_by) == ("phone", site.guard)
    assert AuditEntry.objects.filter(action="pass.confirm", object_id=str(walk_in.pk)).exists()


def test_a_walk_in_for_the_office_is_let_in_at_once(site):
    walk_in = services.walk_in_register(
        actor=site.frontdesk, community=site.community, unit=None, data={"visitor_name": "Zhou"}
    )
    assert walk_in.status == PassStatus.ACTIVE
    assert walk_in.host_staff == site.frontdesk


def test_an_id_number_is_asked_where_required_and_kept_encrypted_and_masked(site):
    PassSettings.objects.create(community=site.community, id_number_required=True)
    with pytest.raises(ValidationError, match="ID number"):
        services.walk_in_register(
            actor=site.guard, community=site.community, unit=None, data={"visitor_name": "Wu"}
        )
    number = f.valid_id_number(7)
    walk_in = services.walk_in_register(
        actor=site.guard,
        community=site.community,
        unit=None,
        data={"visitor_name": "Wu", "id_number": number},
    )
    assert walk_in.id_number_masked == number[:4] + "*" * 10 + number[-4:]
    assert number not in walk_in.id_number_cipher
    assert walk_in.reveal_id_number() == number
    with connection.cursor() as cursor:
        cursor.execute("SELECT id_number_cipher, id_number_masked FROM security_invitation")
        stored = " ".join(cursor.fetchone())
    assert number not in stored


def test_the_sweep_marks_no_shows_and_expired_passes_once(site):
    never = invite(site)
    came = invite(site, entries=2)
    services.pass_check_in(actor=site.guard, invitation=came)
    later = timezone.now() + timedelta(hours=5)
    assert services.passes_close(later) == {"no_show": 1, "expired": 1}
    assert services.passes_close(later) == {"no_show": 0, "expired": 0}
    never.refresh_from_db()
    came.refresh_from_db()
    assert (never.status, came.status) == ("no_show", "expired")


def test_a_visitors_car_is_let_in_for_the_window_of_its_pass(site):
    invitation = invite(site, plate="新A12345", entries=1)
    now = timezone.now()
    assert queries.vehicle_pass_for(site.community.pk, "新a 12345", now) == invitation
    assert queries.vehicle_pass_for(site.community.pk, "新A12345", now + timedelta(hours=5)) is None
    assert queries.vehicle_pass_for(site.other.pk, "新A12345", now) is None
    # used up but still inside: the car may leave
    services.pass_check_in(actor=site.guard, invitation=invitation)
    assert queries.vehicle_pass_for(site.community.pk, "新A12345", now) == invitation
    services.pass_check_out(actor=site.guard, invitation=invitation)
    assert queries.vehicle_pass_for(site.community.pk, "新A12345", now) is None
    services.invitation_revoke(actor=site.owner, invitation=invite(site, plate="新A99999"))
    assert queries.vehicle_pass_for(site.community.pk, "新A99999", now) is None


def test_retention_deletes_visitors_whose_window_ended_and_is_idempotent(site):
    old = invite(site, plate="新A12345")
    services.pass_check_in(actor=site.guard, invitation=old)
    same_window = invite(site)
    with time_machine.travel(timezone.now() + timedelta(days=1)):
        newer = invite(site, visitor_name="Kept Person")
    cutoff = old.valid_until + timedelta(minutes=1)
    assert retention.purge_plates(site.community.pk, cutoff) == 1
    assert retention.purge_visitors(site.community.pk, cutoff) == 2
    assert retention.purge_visitors(site.community.pk, cutoff) == 0
    assert list(Invitation.objects.values_list("pk", flat=True)) == [newer.pk]
    assert not AccessEvent.objects.exists()
    assert not Invitation.objects.filter(pk=same_window.pk).exists()


def test_no_visitor_name_outlives_the_pass_in_the_audit_trail_or_the_inbox(site):
    walk_in = services.walk_in_register(
        actor=site.guard,
        community=site.community,
        unit=site.units["owner_home"],
        data={"visitor_name": "Qian Hua"},
    )
    services.invitation_confirm(actor=site.owner, invitation=walk_in)
    services.pass_check_in(actor=site.guard, invitation=walk_in)
    retention.purge_visitors(site.community.pk, walk_in.valid_until + timedelta(minutes=1))
    assert not AuditEntry.objects.filter(object_repr__contains="Qian").exists()
    assert not AuditEntry.objects.filter(changes__icontains="Qian").exists()
    assert not Notification.objects.filter(body__contains="Qian").exists()
    assert not Notification.objects.filter(subject__contains="Qian").exists()
