"""Clocking in and out: the sequence is kept, the office records with a reason."""

from datetime import date

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError

from wuye.core.models import AuditEntry
from wuye.staff.attendance import services
from wuye.staff.attendance.models import ClockEvent, ClockSource

from .fixtures import moment

DAY = date(2026, 3, 10)


def test_a_clock_in_then_out_is_written_with_the_position(site):
    with time_machine.travel(moment(DAY, 7, 55), tick=False):
        event = services.clock(
            site.guard,
            site.community,
            "in",
            latitude=43.8256123,
            longitude="87.6168",
            accuracy=12.4,
        )
    assert (event.kind, event.source, event.accuracy_m) == ("in", ClockSource.PHONE, 12)
    assert str(event.latitude) == "43.825612"
    out = services.clock(site.guard, site.community, "out", at=moment(DAY, 16, 2))
    assert out.latitude is None
    assert AuditEntry.objects.filter(action="attendance.clock").count() == 2


def test_a_second_clock_in_and_a_lone_clock_out_are_refused(site):
    with pytest.raises(ValidationError, match="no clock-in to clock out"):
        services.clock(site.guard, site.community, "out", at=moment(DAY, 8))
    services.clock(site.guard, site.community, "in", at=moment(DAY, 8))
    with pytest.raises(ValidationError, match="have not clocked out"):
        services.clock(site.guard, site.community, "in", at=moment(DAY, 9))
    assert ClockEvent.objects.count() == 1


def test_clock_events_are_append_only(site):
    event = services.clock(site.guard, site.community, "in", at=moment(DAY, 8))
    with pytest.raises(PermissionError):
        event.delete()
    with pytest.raises(PermissionError):
        ClockEvent.objects.filter(pk=event.pk).update(note="x")


def test_only_staff_of_the_community_clock(site):
    with pytest.raises(PermissionDenied):
        services.clock(site.owner, site.community, "in", at=moment(DAY, 8))
    with pytest.raises(PermissionDenied):
        services.clock(site.guard, site.other, "in", at=moment(DAY, 8))


def test_the_office_records_with_a_reason(site):
    with time_machine.travel(moment(DAY, 12), tick=False):
        with pytest.raises(ValidationError, match="Say why"):
            services.record_for(site.manager, site.community, site.guard, "in", moment(DAY, 8))
        with pytest.raises(PermissionDenied):
            services.record_for(site.guard, site.community, site.guard, "in", moment(DAY, 8), "x")
        with pytest.raises(ValidationError, match="ahead of time"):
            services.record_for(
                site.manager, site.community, site.guard, "in", moment(DAY, 13), "phone dead"
            )
        event = services.record_for(
            site.manager, site.community, site.guard, "in", moment(DAY, 8), "phone dead"
        )
    assert (event.source, event.recorded_by, event.user) == ("office", site.manager, site.guard)
    assert AuditEntry.objects.filter(action="attendance.record").exists()


def test_the_office_cannot_record_an_event_that_breaks_the_sequence(site):
    services.clock(site.guard, site.community, "in", at=moment(DAY, 8))
    services.clock(site.guard, site.community, "out", at=moment(DAY, 16))
    with time_machine.travel(moment(DAY, 20), tick=False):
        with pytest.raises(ValidationError, match="in-and-out sequence"):
            services.record_for(
                site.manager, site.community, site.guard, "out", moment(DAY, 12), "typo"
            )
        services.record_for(
            site.manager, site.community, site.guard, "in", moment(DAY, 17), "overtime"
        )
    assert ClockEvent.objects.count() == 3
