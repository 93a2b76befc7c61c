"""Reporting, following up and closing incidents, work orders raised, and the incident rate."""

import io
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from PIL import Image

from wuye.core.models import AuditEntry, Role
from wuye.estates.models import Unit
from wuye.security.incidents import queries, services
from wuye.security.incidents.models import Incident, IncidentPhoto, IncidentStatus
from wuye.testing import factories as f

TZ = ZoneInfo("Asia/Shanghai")
NOW = datetime(2026, 6, 15, 10, 0, tzinfo=TZ)


def png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "red").save(buffer, "PNG")
    return buffer.getvalue()


def supervisor(site):
    user = f.UserFactory(username="secsup")
    f.MembershipFactory(user=user, community=site.community, role=Role.SECURITY_SUPERVISOR)
    return user


def report(site, by=None, **data):
    values = {
        "kind": "theft",
        "occurred_at": datetime(2026, 6, 14, 22, 30, tzinfo=TZ),
        "place": "Bicycle shed of building 1",
        "description": "An electric bicycle was taken.",
        "severity": "medium",
    }
    values.update(data)
    return services.incident_report(
        actor=by or site.guard, community=site.community, at=NOW, **values
    )


@pytest.fixture(autouse=True)
def _clock():
    with time_machine.travel(NOW, tick=False):
        yield


def test_a_guard_reports_a_theft_with_a_photo_and_the_supervisor_closes_it(site):
    incident = report(site, building=site.buildings[0], photos=[png()])

    assert incident.status == IncidentStatus.OPEN and incident.reported_by == site.guard
    assert IncidentPhoto.objects.filter(incident=incident, image_format="PNG").count() == 1
    assert AuditEntry.objects.filter(action="incident.report", object_id=str(incident.pk)).exists()

    services.incident_update(
        actor=site.guard, incident=incident, note="Police called", police_report_number="110-7"
    )
    incident.refresh_from_db()
    assert incident.status == IncidentStatus.FOLLOWING_UP
    assert "Police called" in incident.follow_up and incident.police_report_number == "110-7"

    with pytest.raises(PermissionDenied):
        services.incident_close(actor=site.guard, incident=incident, outcome="Found")
    closed = services.incident_close(
        actor=supervisor(site), incident=incident, outcome="Bicycle found"
    )
    assert closed.status == IncidentStatus.CLOSED and closed.closed_at == NOW
    with pytest.raises(ValidationError):
        services.incident_update(actor=site.guard, incident=closed, note="more")


def test_a_refused_report_keeps_nothing(site):
    with pytest.raises(ValidationError) as refused:
        report(site, place=" ", building=f.BuildingFactory(community=site.other, number="9"))
    assert set(refused.value.message_dict) == {"place", "building"}
    with pytest.raises(ValidationError) as refused:
        report(site, photos=[png(), b"not an image"])
    assert "photos" in refused.value.message_dict
    with pytest.raises(ValidationError):
        report(site, occurred_at=datetime(2026, 6, 16, 9, 0, tzinfo=TZ))
    assert not Incident.objects.exists() and not IncidentPhoto.objects.exists()
    with pytest.raises(PermissionDenied):
        report(site, by=site.cashier)


def test_a_work_order_raised_is_linked_and_urgent_for_a_high_severity(site):
    incident = report(site, kind="flooding", severity="high", place="Basement of building 2")

    order = services.incident_raise_work_order(actor=site.guard, incident=incident)

    assert list(incident.work_orders.all()) == [order]
    assert order.priority == "urgent" and order.channel == "patrol"
    assert "Basement of building 2" in order.location


def test_the_rate_counts_the_standard_s_kinds_per_thousand_homes(site):
    report(site, kind="theft")
    report(site, kind="fight")
    report(site, kind="injury")  # not counted
    report(site, kind="suspicious_person")  # not counted

    rate = queries.incident_rate(site.community.pk, date(2025, 7, 1), date(2026, 7, 1))

    homes = Unit.objects.filter(community=site.community).count()
    assert rate.counted == 2 and rate.homes == homes and rate.homes > 0
    assert rate.per_mille == round(2 * 1000 / rate.homes * 365 / 365, 2)
    assert rate.met is False
    empty = queries.incident_rate(site.other.pk, date(2025, 7, 1), date(2026, 7, 1))
    assert empty.counted == 0
