"""Writing, submitting and confirming a shift handover, and its discrepancies."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from wuye.core.models import AuditEntry, Notification
from wuye.security.handover import services
from wuye.security.handover.models import HandoverStatus
from wuye.security.incidents import services as incident_services
from wuye.security.incidents.models import Incident, IncidentStatus

from .fixtures import ITEMS, handover_site, submitted

DAY = date(2026, 12, 14)


def test_a_handover_written_by_the_outgoing_and_confirmed_by_the_incoming_closes(site):
    handover = submitted(site, DAY)
    assert handover.status == HandoverStatus.AWAITING_INCOMING
    incoming = site.users["guard2"]

    done = services.handover_confirm(actor=incoming, handover=handover, counts=dict(ITEMS))

    assert (done.status, done.incoming, done.discrepancy) == (
        HandoverStatus.CONFIRMED,
        incoming,
        False,
    )
    assert done.confirmed_at is not None
    assert [c.incoming_count for c in done.counts.all()] == [12, 4, 3]
    actions = set(
        AuditEntry.objects.filter(object_id=str(done.pk)).values_list("action", flat=True)
    )
    assert {"handover.start", "handover.submit", "handover.confirm"} <= actions


def test_the_outgoing_guard_cannot_confirm_their_own_handover(site):
    handover = submitted(site, DAY)

    with pytest.raises(ValidationError) as refused:
        services.handover_confirm(actor=site.guard, handover=handover, counts=dict(ITEMS))

    assert "incoming guard" in str(refused.value)
    handover.refresh_from_db()
    assert handover.status == HandoverStatus.AWAITING_INCOMING and handover.incoming is None


def test_a_key_count_that_differs_flags_a_discrepancy_and_tells_the_supervisor_once(
    site, django_capture_on_commit_callbacks
):
    handover = submitted(site, DAY)
    found = {**dict(ITEMS), "Keys": 11}

    with django_capture_on_commit_callbacks(execute=True):
        done = services.handover_confirm(
            actor=site.users["guard2"], handover=handover, counts=found
        )
    with pytest.raises(ValidationError), django_capture_on_commit_callbacks(execute=True):
        services.handover_confirm(actor=site.users["guard2"], handover=done, counts=found)

    assert done.discrepancy is True
    told = Notification.objects.filter(kind="security.handover_discrepancy")
    assert [n.recipient for n in told] == [site.users["security"]]
    assert "Keys" in told.get().body and "11" in told.get().body


def test_an_outgoing_count_off_the_list_is_a_discrepancy_even_if_both_agree(site):
    handover = submitted(site, DAY, counts={**dict(ITEMS), "Radios": 3})

    done = services.handover_confirm(
        actor=site.users["guard2"], handover=handover, counts={**dict(ITEMS), "Radios": 3}
    )

    assert done.discrepancy is True


def test_a_guard_not_on_duty_on_the_post_cannot_confirm_but_the_supervisor_can(site):
    handover = submitted(site, DAY)
    off_duty = site.users["guard3"]

    with pytest.raises(PermissionDenied) as refused:
        services.handover_confirm(actor=off_duty, handover=handover, counts=dict(ITEMS))
    assert "on duty" in str(refused.value)

    done = services.handover_confirm(
        actor=site.users["security"], handover=handover, counts=dict(ITEMS)
    )
    assert done.status == HandoverStatus.CONFIRMED and done.incoming == site.users["security"]


def test_a_handover_is_submitted_only_with_every_item_counted(site):
    gate = handover_site(site, DAY)
    handover = services.handover_start(
        actor=site.guard, community=site.community, post=gate["post"], ends_at=gate["ends_at"]
    )
    services.handover_count(actor=site.guard, handover=handover, counts={"Keys": 12})

    with pytest.raises(ValidationError) as refused:
        services.handover_submit(actor=site.guard, handover=handover)

    assert "Radios" in str(refused.value)
    handover.refresh_from_db()
    assert handover.status == HandoverStatus.DRAFT


def test_the_incoming_guard_counts_every_item(site):
    handover = submitted(site, DAY)

    with pytest.raises(ValidationError):
        services.handover_confirm(
            actor=site.users["guard2"], handover=handover, counts={"Keys": 12}
        )
    handover.refresh_from_db()
    assert handover.status == HandoverStatus.AWAITING_INCOMING


def test_only_a_guard_on_duty_on_the_post_or_the_supervisor_starts_its_handover(site):
    gate = handover_site(site, DAY)

    with pytest.raises(PermissionDenied):
        services.handover_start(
            actor=site.users["guard3"],
            community=site.community,
            post=gate["post"],
            ends_at=gate["ends_at"],
        )
    by_supervisor = services.handover_start(
        actor=site.users["security"],
        community=site.community,
        post=gate["post"],
        ends_at=gate["ends_at"],
    )

    assert by_supervisor.outgoing == site.users["security"]


def test_the_incidents_open_when_handing_over_are_recorded_with_it(site):
    gate = handover_site(site, DAY)
    at = gate["ends_at"]
    open_one, closed_one = (
        incident_services.incident_report(
            actor=site.guard,
            community=site.community,
            kind="theft",
            occurred_at=at - timedelta(hours=2),
            place=place,
            description="A bicycle taken",
            at=at,
        )
        for place in ("Bicycle shed", "Gate 2")
    )
    Incident.objects.filter(pk=closed_one.pk).update(status=IncidentStatus.CLOSED)

    handover = submitted(site, DAY)

    assert list(handover.incidents.all()) == [open_one]
