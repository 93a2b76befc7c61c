"""API: the contract the acceptance checks use — report, list, detail, actions, price list."""

from datetime import timedelta

import pytest
from django.utils import timezone

from wuye.servicedesk.models import DeskSettings, PriceListItem, Status, WorkOrder
from wuye.testing.api import bearer

from .fixtures import order_in

pytestmark = pytest.mark.django_db


def leak(site, **fields) -> dict:
    return {
        "community_id": site.community.pk,
        "unit_id": site.units["owner_home"].pk,
        "category": "repair_home",
        "subcategory": "leak",
        "priority": "normal",
        "channel": "portal",
        "description": "Water drips from the kitchen ceiling",
        **fields,
    }


def act(client, user, order_id, action, body=None):
    return client.post(
        f"/api/v1/work-orders/{order_id}/actions/{action}",
        body or {},
        content_type="application/json",
        headers=bearer(user),
    )


# ---- reporting --------------------------------------------------------------------------


def test_owner_reports_a_leak_and_gets_the_order_with_its_deadlines(client, site):
    response = client.post(
        "/api/v1/work-orders",
        leak(site),
        content_type="application/json",
        headers=bearer(site.owner),
    )
    assert response.status_code == 201, response.content
    body = response.json()
    today = timezone.localdate().strftime("%Y%m%d")
    assert body["number"] == f"BDX-{today}-0001"
    assert body["status"] == "submitted"
    assert (body["category"], body["priority"], body["assignee_id"]) == (
        "repair_home",
        "normal",
        None,
    )
    assert set(body["sla"]) == {
        "response_due_at",
        "arrival_due_at",
        "resolution_due_at",
        "breached",
    }
    assert body["sla"]["response_due_at"] and body["sla"]["resolution_due_at"]
    assert body["sla"]["arrival_due_at"] is None
    assert body["sla"]["breached"] is False
    assert body["contact_name"] == "Wang Fang"
    assert [e["action"] for e in body["events"]] == ["submit"]
    assert body["actions"] == ["cancel", "chase", "comment"]


def test_front_desk_takes_a_call_and_the_order_is_accepted_at_once(client, site):
    caller = site.residents["owner"]
    response = client.post(
        "/api/v1/work-orders",
        leak(site, channel="hotline", reporter_resident_id=caller.pk, priority="emergency"),
        content_type="application/json",
        headers=bearer(site.frontdesk),
    )
    body = response.json()
    assert response.status_code == 201
    assert body["status"] == "accepted"
    assert body["responded_at"] is not None
    assert [e["action"] for e in body["events"]] == ["submit", "accept"]
    assert body["sla"]["arrival_due_at"] is not None  # emergencies: on site within 30 minutes
    # The owner follows the order the front desk took for them.
    mine = client.get(f"/api/v1/work-orders/{body['id']}", headers=bearer(site.owner))
    assert mine.status_code == 200


def test_a_common_area_repair_needs_a_place(client, site):
    body = leak(site, unit_id=None, category="repair_common", channel="patrol")
    response = client.post(
        "/api/v1/work-orders", body, content_type="application/json", headers=bearer(site.guard)
    )
    assert response.status_code == 422
    assert "location" in response.json()["errors"]
    body["location"] = "Lift lobby, building 2"
    response = client.post(
        "/api/v1/work-orders", body, content_type="application/json", headers=bearer(site.guard)
    )
    assert response.status_code == 201
    assert response.json()["location"] == "Lift lobby, building 2"


def test_residents_report_only_for_their_own_homes_through_portal_or_app(client, site):
    headers = bearer(site.owner2)
    response = client.post(
        "/api/v1/work-orders", leak(site), content_type="application/json", headers=headers
    )
    assert response.status_code == 403
    own = leak(site, unit_id=site.units["owner2_home"].pk, channel="hotline")
    response = client.post(
        "/api/v1/work-orders", own, content_type="application/json", headers=headers
    )
    assert response.status_code == 400
    assert "channel" in response.json()["errors"]
    assert not WorkOrder.objects.exists()


def test_bad_fields_are_named(client, site):
    body = leak(site, category="fire", description="")
    response = client.post(
        "/api/v1/work-orders", body, content_type="application/json", headers=bearer(site.owner)
    )
    assert response.status_code == 422
    assert "category" in response.json()["errors"]


# ---- reading ----------------------------------------------------------------------------


def test_list_filters_by_status_category_assignee_and_overdue(client, site):
    submitted = order_in(site, "submitted")
    dispatched = order_in(site, "dispatched")
    complaint = order_in(site, "accepted", category="complaint", subcategory="noise")
    headers = bearer(site.frontdesk)

    def ids(**params):
        body = client.get("/api/v1/work-orders", params, headers=headers).json()
        return {item["id"] for item in body["items"]}

    assert ids() == {submitted.pk, dispatched.pk, complaint.pk}
    assert ids(status="dispatched") == {dispatched.pk}
    assert ids(category="complaint") == {complaint.pk}
    assert ids(assignee_id=site.electrician.pk) == {dispatched.pk}
    # The test orders were made on a Monday long past: every open one is overdue now.
    assert ids(overdue="true") == {submitted.pk, dispatched.pk, complaint.pk}
    assert ids(overdue="false") == set()
    body = client.get("/api/v1/work-orders", {"limit": 2}, headers=headers).json()
    assert body["count"] == 3 and len(body["items"]) == 2


def test_owners_see_only_their_homes_orders(client, site):
    mine = order_in(site, "submitted")
    neighbours = order_in(
        site,
        "submitted",
        people={
            "owner": site.owner2,
            "unit": site.units["owner2_home"],
            "community": site.community,
        },
    )
    body = client.get("/api/v1/work-orders", headers=bearer(site.owner)).json()
    assert [item["id"] for item in body["items"]] == [mine.pk]
    response = client.get(f"/api/v1/work-orders/{neighbours.pk}", headers=bearer(site.owner))
    assert response.status_code == 404


def test_the_list_takes_the_same_number_of_queries_for_many_orders(
    client, site, django_assert_max_num_queries
):
    headers = bearer(site.frontdesk)
    order_in(site, "dispatched")
    with django_assert_max_num_queries(12) as few:
        client.get("/api/v1/work-orders", headers=headers)
    for state in ["submitted", "dispatched", "resolved", "closed"] * 3:
        order_in(site, state)
    with django_assert_max_num_queries(len(few.captured_queries)):
        body = client.get("/api/v1/work-orders", headers=headers).json()
    assert body["count"] == 13


def test_detail_shows_the_timeline_in_order(client, site):
    order = order_in(site, "resolved")
    body = client.get(f"/api/v1/work-orders/{order.pk}", headers=bearer(site.frontdesk)).json()
    assert [(e["action"], e["from_status"], e["to_status"]) for e in body["events"]] == [
        ("submit", "", "submitted"),
        ("accept", "submitted", "accepted"),
        ("dispatch", "accepted", "dispatched"),
        ("start", "dispatched", "in_progress"),
        ("resolve", "in_progress", "resolved"),
    ]
    assert body["events"][2]["data"] == {"assignee_id": site.electrician.pk}
    assert body["actions"] == ["visit", "reopen", "comment"]


# ---- actions ----------------------------------------------------------------------------


def test_the_whole_journey_through_the_api(client, site):
    item = PriceListItem.objects.create(
        community=site.community, name="Replace tap washer", unit="piece", price="15.00"
    )
    order_id = client.post(
        "/api/v1/work-orders",
        leak(site),
        content_type="application/json",
        headers=bearer(site.owner),
    ).json()["id"]
    steps = [
        (site.frontdesk, "accept", {}),
        (site.frontdesk, "dispatch", {"assignee_id": site.electrician.pk}),
        (site.electrician, "start", {}),
        (
            site.electrician,
            "resolve",
            {"result": "Washer replaced", "items": [{"price_item_id": item.pk, "quantity": 2}]},
        ),
        (site.owner, "rate", {"score": 5, "comment": "Quick and tidy"}),
        (site.frontdesk, "visit", {"satisfied": True, "method": "phone", "score": 5}),
        (site.frontdesk, "close", {}),
    ]
    for user, action, body in steps:
        response = act(client, user, order_id, action, body)
        assert response.status_code == 200, (action, response.content)
    body = response.json()
    assert body["status"] == "closed"
    assert body["amount_owed"] == "30.00"
    assert body["items"][0]["name"] == "Replace tap washer"
    assert body["owner_score"] == 5


def test_wrong_state_is_409_wrong_person_403_unseen_order_404(client, site):
    order = order_in(site, "submitted")
    response = act(client, site.electrician, order.pk, "start")
    assert response.status_code == 409
    assert "cannot be started now" in response.json()["detail"]
    response = act(client, site.guard, order.pk, "accept")
    assert response.status_code == 403
    response = act(client, site.owner2, order.pk, "comment", {"text": "Hello"})
    assert response.status_code == 404
    response = act(client, site.other_manager, order.pk, "accept")
    assert response.status_code == 404


def test_dispatch_needs_a_staff_member_of_the_community(client, site):
    order = order_in(site, "accepted")
    for someone in (site.owner, site.other_manager):
        response = act(client, site.frontdesk, order.pk, "dispatch", {"assignee_id": someone.pk})
        assert response.status_code == 404
        assert "assignee_id" in response.json()["errors"]


def test_resolve_needs_a_result_and_valid_items(client, site):
    order = order_in(site, "in_progress")
    response = act(client, site.electrician, order.pk, "resolve", {"result": "  "})
    assert response.status_code == 422
    assert "result" in response.json()["errors"]
    body = {"result": "Done", "items": [{"name": "Pipe", "unit": "m", "quantity": "1.5"}]}
    body["items"][0]["unit_price"] = "12.30"
    # an item off the published price list: refused unless the community allows them
    response = act(client, site.electrician, order.pk, "resolve", body)
    assert response.status_code == 409
    assert "price list" in response.json()["errors"]["items.0"][0]
    DeskSettings.objects.create(community=site.community, off_list_items_allowed=True)
    del body["items"][0]["unit_price"]
    response = act(client, site.electrician, order.pk, "resolve", body)
    assert response.status_code == 400
    assert "items.0" in response.json()["errors"]
    body["items"][0]["unit_price"] = "12.30"
    response = act(client, site.electrician, order.pk, "resolve", body)
    assert response.json()["amount_owed"] == "18.45"
    assert response.json()["items"][0]["off_list"] is True
    assert response.json()["items"][0]["approved_at"] is None


def test_owner_chases_once_per_interval(client, site):
    order = order_in(site, "dispatched", at=timezone.now() - timedelta(hours=1))
    assert act(client, site.owner, order.pk, "chase").status_code == 200
    again = act(client, site.owner, order.pk, "chase")
    assert again.status_code == 409
    assert "chase again after" in again.json()["detail"]
    order.refresh_from_db()
    assert order.chase_count == 1


def test_unsatisfied_call_back_sends_the_order_back_as_rework(client, site):
    order = order_in(site, "resolved")
    body = act(
        client, site.frontdesk, order.pk, "visit", {"satisfied": False, "note": "Still drips"}
    ).json()
    assert body["status"] == Status.DISPATCHED
    assert body["rework_count"] == 1
    assert body["assignee_id"] == site.electrician.pk


def test_price_list_is_published_to_owners(client, site):
    PriceListItem.objects.create(
        community=site.community, name="Unblock a drain", unit="time", price="50.00"
    )
    PriceListItem.objects.create(
        community=site.community, name="Old item", unit="time", price="1.00", active=False
    )
    url = f"/api/v1/communities/{site.community.pk}/price-list"
    body = client.get(url, headers=bearer(site.owner)).json()
    assert [(i["name"], i["unit"], i["price"]) for i in body] == [
        ("Unblock a drain", "time", "50.00")
    ]
    assert client.get(url, headers=bearer(site.other_owner)).status_code == 404
