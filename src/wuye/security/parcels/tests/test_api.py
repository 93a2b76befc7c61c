"""The parcel log through the API: residents list theirs, the desk receives and hands over."""

import json

from django.db import connection
from django.test.utils import CaptureQueriesContext

from wuye.core.models import Notification
from wuye.security.parcels.models import Parcel, ParcelStatus
from wuye.testing.api import bearer

from .fixtures import parcel_for


def post(client, url, user, body):
    return client.post(url, json.dumps(body), content_type="application/json", headers=bearer(user))


def test_the_desk_receives_and_the_owner_lists_it_with_the_code(
    client, site, django_capture_on_commit_callbacks
):
    body = {
        "community_id": site.community.pk,
        "unit_id": site.units["owner_home"].pk,
        "carrier": "jd",
        "tracking_number": "JDV001234567890",
        "shelf": "D4",
    }
    with django_capture_on_commit_callbacks(execute=True):
        received = post(client, "/api/v1/parcels", site.guard, body)

    assert received.status_code == 201
    assert received.json()["status"] == "notified" and received.json()["pickup_code"] is None
    assert Notification.objects.filter(recipient=site.owner).exists()
    mine = client.get("/api/v1/parcels", headers=bearer(site.owner)).json()
    assert [p["id"] for p in mine["items"]] == [received.json()["id"]]
    code = Parcel.objects.get().pickup_code
    assert mine["items"][0]["pickup_code"] == code
    neighbour = client.get("/api/v1/parcels", headers=bearer(site.owner2)).json()
    assert neighbour == {"count": 0, "items": []}


def test_pick_up_by_code_and_by_name_through_the_api(client, site):
    first, second = parcel_for(site), parcel_for(site)

    wrong = post(client, f"/api/v1/parcels/{first.pk}/pick-up", site.guard, {"code": "ABC"})
    by_code = post(
        client, f"/api/v1/parcels/{first.pk}/pick-up", site.guard, {"code": first.pickup_code}
    )
    again = post(
        client, f"/api/v1/parcels/{first.pk}/pick-up", site.guard, {"code": first.pickup_code}
    )
    by_name = post(
        client, f"/api/v1/parcels/{second.pk}/pick-up", site.frontdesk, {"picked_up_by": "Li Na"}
    )

    assert wrong.status_code == 409 and "code" in wrong.json()["errors"]
    assert by_code.status_code == 200 and by_code.json()["status"] == "picked_up"
    assert again.status_code == 409
    assert by_name.json()["collected_by"] == "Li Na"
    assert Parcel.objects.get(pk=second.pk).status == ParcelStatus.PICKED_UP


def test_a_resident_cannot_pick_up_through_the_api(client, site):
    parcel = parcel_for(site)

    refused = post(
        client, f"/api/v1/parcels/{parcel.pk}/pick-up", site.owner, {"code": parcel.pickup_code}
    )

    assert refused.status_code == 403
    assert Parcel.objects.get(pk=parcel.pk).status == ParcelStatus.NOTIFIED


def test_a_bad_number_is_a_clear_error(client, site):
    body = {
        "community_id": site.community.pk,
        "unit_id": site.units["other_home"].pk,
        "carrier": "sf",
        "tracking_number": "SF1234567",
    }
    other_home = post(client, "/api/v1/parcels", site.frontdesk, body)
    short = post(
        client,
        "/api/v1/parcels",
        site.frontdesk,
        {**body, "unit_id": site.units["owner_home"].pk, "tracking_number": "12"},
    )

    assert other_home.status_code == 404 and "unit_id" in other_home.json()["errors"]
    assert short.status_code == 422 and "tracking_number" in short.json()["errors"]
    assert not Parcel.objects.exists()


def test_the_list_reads_with_the_same_queries_however_many_parcels(client, site):
    headers = bearer(site.frontdesk)
    url = f"/api/v1/parcels?community_id={site.community.pk}"
    parcel_for(site)

    def count() -> int:
        with CaptureQueriesContext(connection) as done:
            assert client.get(url, headers=headers).status_code == 200
        return len(done)

    count()  # the token's first use is recorded once
    few = count()
    for home in ["owner2_home", "tenant_home", "vacant_home"] * 4:
        parcel_for(site, home)

    assert count() == few
