"""The incident pages and API, for the right people only."""

import io
import json
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from wuye.security.incidents import services
from wuye.security.incidents.models import Incident, IncidentPhoto, IncidentStatus
from wuye.testing.api import bearer

TZ = ZoneInfo("Asia/Shanghai")
NOW = datetime(2026, 6, 15, 10, 0, tzinfo=TZ)


@pytest.fixture(autouse=True)
def _clock():
    with time_machine.travel(NOW, tick=False):
        yield


def logged(site, kind="theft", **data):
    return services.incident_report(
        actor=site.guard,
        community=site.community,
        kind=kind,
        occurred_at=datetime(2026, 6, 14, 22, 0, tzinfo=TZ),
        place=data.pop("place", "Gate 2"),
        description="What happened",
        at=NOW,
        **data,
    )


def url(site, name, *args):
    return reverse(f"security:{name}", args=[site.community.pk, *args])


@pytest.mark.parametrize("who", ["guard", "manager", "admin"])
def test_the_gate_opens_the_log_the_form_and_an_incident(client, site, who):
    incident = logged(site)
    client.force_login(getattr(site, who))

    listed = client.get(url(site, "incidents"))
    form = client.get(url(site, "incident_report"))
    one = client.get(url(site, "incident", incident.pk))

    assert listed.status_code == form.status_code == one.status_code == 200
    assert f'data-incident="{incident.pk}"' in listed.content.decode()
    assert 'data-indicator="incident-rate"' in listed.content.decode()
    assert 'enctype="multipart/form-data"' in form.content.decode()


@pytest.mark.parametrize("who", ["electrician", "cashier", "frontdesk", "owner", "other_manager"])
def test_others_cannot_open_the_log(client, site, who):
    incident = logged(site)
    client.force_login(getattr(site, who))

    for address in (url(site, "incidents"), url(site, "incident", incident.pk)):
        assert client.get(address).status_code in (403, 404)
    assert client.post(url(site, "incident_close", incident.pk), {"outcome": "x"}).status_code in (
        403,
        404,
    )
    assert Incident.objects.get().status == IncidentStatus.OPEN


def test_the_list_filters_by_kind_status_and_month_in_few_queries(
    client, site, django_assert_max_num_queries
):
    theft = logged(site, "theft")
    fight = logged(site, "fight")
    for _ in range(5):
        logged(site, "other")
    client.force_login(site.guard)

    with django_assert_max_num_queries(15):
        page = client.get(url(site, "incidents")).content.decode()
    by_kind = client.get(url(site, "incidents") + "?kind=theft").content.decode()
    other_month = client.get(url(site, "incidents") + "?month=2026-05").content.decode()

    assert page.count("data-incident=") == 7
    assert f'data-incident="{theft.pk}"' in by_kind and f'data-incident="{fight.pk}"' not in by_kind
    assert "data-incident=" not in other_month
    assert client.get(url(site, "incidents") + "?month=2026-99&status=bogus").status_code == 200


def test_a_guard_reports_from_the_phone_with_a_photo_and_follows_up(client, site):
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "blue").save(buffer, "JPEG")
    client.force_login(site.guard)

    response = client.post(
        url(site, "incident_report"),
        {
            "kind": "vehicle_damage",
            "severity": "medium",
            "occurred_at": "2026-06-15T08:30",
            "place": "Car park B1",
            "description": "A mirror broken",
            "photos": [SimpleUploadedFile("a.jpg", buffer.getvalue(), "image/jpeg")],
        },
    )

    incident = Incident.objects.get()
    assert response.status_code == 302 and response.url == url(site, "incident", incident.pk)
    photo = IncidentPhoto.objects.get(incident=incident)
    assert client.get(url(site, "incident_photo", incident.pk, photo.pk)).status_code == 200
    client.post(url(site, "incident_follow_up", incident.pk), {"note": "Owner told"})
    client.post(url(site, "incident_work_order", incident.pk), {"description": ""})
    incident.refresh_from_db()
    assert incident.status == IncidentStatus.FOLLOWING_UP and incident.work_orders.count() == 1
    client.post(url(site, "incident_close", incident.pk), {"outcome": "Paid by the driver"})
    assert Incident.objects.get().status == IncidentStatus.FOLLOWING_UP  # a guard cannot close
    client.force_login(site.manager)
    client.post(url(site, "incident_close", incident.pk), {"outcome": "Paid by the driver"})
    assert Incident.objects.get().status == IncidentStatus.CLOSED


def test_a_bad_photo_is_told_and_nothing_is_kept(client, site):
    client.force_login(site.guard)
    response = client.post(
        url(site, "incident_report"),
        {
            "kind": "theft",
            "severity": "low",
            "occurred_at": "2026-06-15T08:30",
            "place": "Shed",
            "description": "Bicycle",
            "photos": [SimpleUploadedFile("a.jpg", b"not a photo", "image/jpeg")],
        },
    )
    assert response.status_code == 200 and not Incident.objects.exists()


def test_the_api_reports_and_lists(client, site):
    body = {
        "community_id": site.community.pk,
        "kind": "fight",
        "severity": "high",
        "occurred_at": "2026-06-15T01:10:00+08:00",
        "place": "Square",
        "building_id": site.buildings[1].pk,
        "description": "Two men fought",
    }
    made = client.post(
        "/api/v1/incidents",
        json.dumps(body),
        content_type="application/json",
        headers=bearer(site.guard),
    )
    assert made.status_code == 201, made.content
    assert made.json()["status"] == "open" and made.json()["building_id"] == site.buildings[1].pk

    listed = client.get(
        f"/api/v1/incidents?community_id={site.community.pk}&kind=fight&month=2026-06",
        headers=bearer(site.manager),
    ).json()
    assert [i["id"] for i in listed["items"]] == [made.json()["id"]] and listed["count"] == 1
    none = client.get(
        f"/api/v1/incidents?community_id={site.community.pk}&kind=theft",
        headers=bearer(site.manager),
    ).json()
    assert none["count"] == 0
    refused = client.get(
        f"/api/v1/incidents?community_id={site.community.pk}", headers=bearer(site.cashier)
    )
    assert refused.status_code == 403
    other = client.post(
        "/api/v1/incidents",
        json.dumps({**body, "building_id": site.buildings[0].pk, "community_id": site.other.pk}),
        content_type="application/json",
        headers=bearer(site.guard),
    )
    assert other.status_code == 403
    wrong = client.post(
        "/api/v1/incidents",
        json.dumps({**body, "occurred_at": "2026-07-15T01:10:00+08:00"}),
        content_type="application/json",
        headers=bearer(site.guard),
    )
    assert wrong.status_code == 409
    assert Incident.objects.count() == 1
