"""The store's API: the parts (the low ones with `low=true`), and an issue recorded once per
key, refused with a 409 naming what is on hand."""

import json

from wuye.facilities.stores import services
from wuye.testing.api import bearer

from .fixtures import bearing, repair_order


def _issue(client, part, body, user):
    return client.post(
        f"/api/v1/spare-parts/{part.pk}/issues",
        json.dumps(body),
        content_type="application/json",
        headers=bearer(user),
    )


def test_the_parts_are_listed_and_the_low_ones_filtered(client, site):
    full = bearing(site, code="A-1")
    services.stock_receive(actor=site.engineer, item=full, quantity="10", unit_cost="30")
    empty = bearing(site, code="B-2")
    headers = bearer(site.electrician)
    every = client.get("/api/v1/spare-parts", {"community_id": site.community.pk}, headers=headers)
    assert [p["code"] for p in every.json()] == ["A-1", "B-2"]
    assert every.json()[0]["value"] == "300.00"
    low = client.get(
        "/api/v1/spare-parts", {"community_id": site.community.pk, "low": "true"}, headers=headers
    )
    assert [p["id"] for p in low.json()] == [empty.pk]
    bad = client.get("/api/v1/spare-parts", {"community_id": "1\x00"}, headers=headers)
    assert bad.status_code == 422


def test_an_issue_is_recorded_once_and_refused_beyond_the_stock(client, site):
    part = bearing(site)
    services.stock_receive(actor=site.engineer, item=part, quantity="5", unit_cost="30")
    order = repair_order(site)
    body = {"quantity": "2", "work_order_id": order.pk, "key": "app-7"}
    first = _issue(client, part, body, site.electrician)
    assert first.status_code == 200, first.json()
    assert first.json()["on_hand"] == "3.00"
    assert first.json()["movement"]["value"] == "60.00"
    again = _issue(client, part, body, site.electrician)
    assert again.json()["movement"]["id"] == first.json()["movement"]["id"]
    assert again.json()["on_hand"] == "3.00"
    short = _issue(
        client, part, {"quantity": "4", "work_order_id": order.pk, "key": "app-8"}, site.electrician
    )
    assert short.status_code == 409
    assert "3.00" in json.dumps(short.json(), ensure_ascii=False)


def test_an_issue_names_an_order_of_the_community(client, site):
    part = bearing(site)
    services.stock_receive(actor=site.engineer, item=part, quantity="5", unit_cost="30")
    theirs = repair_order(site, site.other, actor=site.other_manager)
    answer = _issue(client, part, {"quantity": "1", "work_order_id": theirs.pk}, site.engineer)
    assert answer.status_code == 404
    neither = _issue(client, part, {"quantity": "1"}, site.engineer)
    assert neither.status_code == 400
    assert _issue(client, part, {"quantity": "1"}, site.guard).status_code == 403
