"""The API of community life for apps: events and sign-ups, reception slots and bookings."""

import json

from django.db import connection
from django.test.utils import CaptureQueriesContext

from wuye.engagement.community_life import services
from wuye.testing.api import bearer

from .fixtures import event_in, slots_in


def post(client, url, user, body=None):
    return client.post(
        url, json.dumps(body or {}), content_type="application/json", headers=bearer(user)
    )


def test_an_owner_signs_up_waits_and_moves_up_through_the_api(client, site):
    event = event_in(site.manager, site.community, "Lantern riddles")
    url = f"/api/v1/events/{event.pk}/signups"

    first = post(client, url, site.owner2, {"unit_id": site.units["owner2_home"].pk, "people": 3})
    waiting = post(client, url, site.owner, {"unit_id": site.units["owner_home"].pk, "people": 2})

    assert first.status_code == 201 and first.json()["status"] == "confirmed"
    assert waiting.status_code == 201
    assert (waiting.json()["status"], waiting.json()["waiting_position"]) == ("waiting", 1)
    listed = client.get("/api/v1/events", headers=bearer(site.owner)).json()["items"]
    assert listed[0]["my_signups"][0]["waiting_position"] == 1
    assert (listed[0]["confirmed_people"], listed[0]["waiting_households"]) == (3, 1)

    cancelled = post(client, f"/api/v1/event-signups/{first.json()['id']}/cancel", site.owner2)

    assert cancelled.json()["status"] == "cancelled"
    mine = client.get(f"/api/v1/events/{event.pk}", headers=bearer(site.owner)).json()
    assert mine["my_signups"][0]["status"] == "confirmed"


def test_sign_up_errors_name_the_field(client, site):
    event = event_in(site.manager, site.community, "Lantern riddles")
    url = f"/api/v1/events/{event.pk}/signups"

    other_home = post(client, url, site.owner, {"unit_id": site.units["other_home"].pk})
    too_many = post(client, url, site.owner, {"unit_id": site.units["owner_home"].pk, "people": 99})
    post(client, url, site.owner, {"unit_id": site.units["owner_home"].pk})
    twice = post(client, url, site.owner, {"unit_id": site.units["owner_home"].pk})

    assert other_home.status_code == 404 and "unit_id" in other_home.json()["errors"]
    assert too_many.status_code == 422
    assert twice.status_code == 409 and "unit_id" in twice.json()["errors"]


def test_an_owner_books_a_free_slot_once(client, site):
    free, other = slots_in(site.manager, site.community)
    listed = client.get("/api/v1/reception-slots?free=true", headers=bearer(site.owner2)).json()
    assert [s["id"] for s in listed["items"]] == [free.pk, other.pk]

    booked = post(
        client,
        f"/api/v1/reception-slots/{free.pk}/bookings",
        site.owner,
        {"unit_id": site.units["owner_home"].pk, "topic": "Parking at night"},
    )
    again = post(
        client,
        f"/api/v1/reception-slots/{free.pk}/bookings",
        site.owner2,
        {"unit_id": site.units["owner2_home"].pk, "topic": "Noise"},
    )

    assert booked.status_code == 201 and booked.json()["topic"] == "Parking at night"
    assert again.status_code == 400 and "slot" in again.json()["errors"]
    listed = client.get("/api/v1/reception-slots?free=true", headers=bearer(site.owner2)).json()
    assert [s["id"] for s in listed["items"]] == [other.pk]
    gone = post(client, f"/api/v1/reception-bookings/{booked.json()['id']}/cancel", site.owner)
    assert gone.json()["cancelled"] is True


def test_the_event_list_costs_the_same_queries_for_more_events(client, site):
    def count():
        with CaptureQueriesContext(connection) as done:
            assert client.get("/api/v1/events", headers=bearer(site.owner)).status_code == 200
        return len(done)

    event = event_in(site.manager, site.community, "First")
    services.signup_create(actor=site.owner, event=event, unit=site.units["owner_home"], people=1)
    before = count()
    for n in range(4):
        more = event_in(site.manager, site.community, f"More {n}")
        services.signup_create(
            actor=site.owner, event=more, unit=site.units["owner_home"], people=1
        )
    assert count() == before
