"""The gate's API: camera events in, the session with its fee out; sessions listed for the
community's gate staff only, in a constant number of queries."""

import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from wuye.testing.api import bearer

from .conftest import at

pytestmark = pytest.mark.django_db


def _post(client, user, url, body):
    return client.post(
        url, data=json.dumps(body), content_type="application/json", headers=bearer(user)
    )


def _event(site, direction, plate, when, event_id):
    return {
        "community_id": site.community.pk,
        "gate": "G1",
        "direction": direction,
        "plate": plate,
        "at": when.isoformat(),
        "event_id": event_id,
    }


def test_a_guard_posts_the_cameras_events_and_takes_the_fee(client, site, gate, tariff):
    entered = _post(
        client, site.guard, "/api/v1/gate-events", _event(site, "in", "新A12345", at(2, 8), "e1")
    )
    assert entered.status_code == 201 and entered.json()["open_barrier"] is True
    out = _post(
        client,
        site.guard,
        "/api/v1/gate-events",
        _event(site, "out", "新A12345", at(2, 10, 30), "e2"),
    )
    body = out.json()
    assert out.status_code == 201 and body["fee"] == "11.00" and body["fee_due"] == "11.00"
    assert body["open_barrier"] is False and body["id"] == entered.json()["id"]
    again = _post(
        client,
        site.guard,
        "/api/v1/gate-events",
        _event(site, "out", "新A12345", at(2, 10, 30), "e2"),
    )
    assert again.status_code == 200 and again.json()["duplicate"] is True
    too_much = _post(
        client,
        site.cashier,
        f"/api/v1/parking-sessions/{body['id']}/pay",
        {"amount": "99999999", "method": "cash"},
    )
    assert too_much.status_code == 400


def test_residents_and_other_communities_reach_nothing(client, site, gate, tariff):
    body = _event(site, "in", "新A12345", at(2, 8), "e1")
    assert _post(client, site.owner, "/api/v1/gate-events", body).status_code == 404
    assert _post(client, site.other_manager, "/api/v1/gate-events", body).status_code == 404
    _post(client, site.guard, "/api/v1/gate-events", body)
    listed = client.get(
        f"/api/v1/parking-sessions?community_id={site.community.pk}&open=true",
        headers=bearer(site.owner),
    )
    assert listed.status_code == 200 and listed.json()["count"] == 0
    # the engineer works in the community but not at the gate
    assert _post(client, site.engineer, "/api/v1/gate-events", body).status_code in (403, 404)


def test_the_list_takes_the_same_queries_for_many_sessions(client, site, gate, tariff, drive):
    url = f"/api/v1/parking-sessions?community_id={site.community.pk}&open=true"
    drive("in", "新A10001", at(2, 8))
    client.get(url, headers=bearer(site.guard))  # the token and permissions are cached
    with CaptureQueriesContext(connection) as few:
        assert client.get(url, headers=bearer(site.guard)).json()["count"] == 1
    for n in range(2, 12):
        drive("in", f"新A1{n:04d}", at(2, 8, n))
    drive("out", "新A10001", at(2, 12))  # still to pay: open
    with CaptureQueriesContext(connection) as many:
        listed = client.get(url, headers=bearer(site.guard)).json()
    assert listed["count"] == 11
    assert len(many) == len(few)
