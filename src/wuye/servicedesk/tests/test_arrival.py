"""The technician's arrival on site: the time they give, where their phone put them, apart
from starting the work; by the service, the page and the API."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone, translation

from wuye.servicedesk import queries, services
from wuye.servicedesk.models import Status, WorkOrderEvent
from wuye.servicedesk.workflow import InvalidTransition

from .fixtures import MONDAY_10, order_in

pytestmark = pytest.mark.django_db

# order_in takes one step a minute: accepted at 10:01, dispatched at 10:02.
DISPATCHED_AT = MONDAY_10 + timedelta(minutes=2)
NOW = MONDAY_10 + timedelta(minutes=40)


def dispatched(site):
    return order_in(site, Status.DISPATCHED)


def arrive(site, order, **fields):
    return services.work_order_arrive(order=order, actor=site.electrician, at=NOW, **fields)


def unchanged(order) -> bool:
    order.refresh_from_db()
    return (
        order.status == Status.DISPATCHED
        and order.arrived_at is None
        and not order.events.filter(action="arrive").exists()
    )


def test_the_technician_says_when_and_where_he_arrived_and_starts_later(site):
    order = dispatched(site)
    arrive(
        site,
        order,
        arrived_at=MONDAY_10 + timedelta(minutes=25),
        latitude="31.2304161",
        longitude=121.473701,
        accuracy="11.2",
    )
    order.refresh_from_db()
    assert order.status == Status.DISPATCHED
    assert order.arrived_at == MONDAY_10 + timedelta(minutes=25)
    event = order.events.get(action="arrive")
    assert event.at == MONDAY_10 + timedelta(minutes=25)
    assert event.data == {
        "recorded_at": NOW.isoformat(),
        "latitude": "31.230416",
        "longitude": "121.473701",
        "accuracy": 12,
    }
    services.work_order_start(order=order, actor=site.electrician, at=NOW + timedelta(minutes=5))
    order.refresh_from_db()
    assert order.status == Status.IN_PROGRESS
    assert order.arrived_at == MONDAY_10 + timedelta(minutes=25)


def test_without_a_time_the_arrival_is_now_and_the_location_is_optional(site):
    order = dispatched(site)
    arrive(site, order)
    order.refresh_from_db()
    assert order.arrived_at == NOW
    assert "latitude" not in order.events.get(action="arrive").data


def test_the_owner_reads_that_someone_arrived_but_not_where_he_was(site):
    order = dispatched(site)
    arrive(site, order, latitude="31.2", longitude="121.4", accuracy="8")
    line = next(e for e in queries.timeline_of(site.owner, order) if e.action == "arrive")
    assert line.data == {}


@pytest.mark.parametrize(
    "arrived_at, message, chinese",
    [
        (
            NOW + timedelta(minutes=5),
            "The arrival time cannot be in the future.",
            "到场时间不能晚于现在。",
        ),
        (
            DISPATCHED_AT - timedelta(minutes=1),
            "The arrival time cannot be before the order was sent to you or taken off hold "
            "(2026-11-23 10:02).",
            "到场时间不能早于工单派给您或恢复处理的时间（2026-11-23 10:02）。",
        ),
    ],
)
def test_an_arrival_in_the_future_or_before_the_dispatch_is_refused(
    site, arrived_at, message, chinese
):
    order = dispatched(site)
    with pytest.raises(ValidationError) as refused:
        arrive(site, order, arrived_at=arrived_at)
    assert refused.value.message_dict == {"arrived_at": [message]}
    with translation.override("zh-hans"), pytest.raises(ValidationError) as refused:
        arrive(site, order, arrived_at=arrived_at)
    assert refused.value.message_dict == {"arrived_at": [chinese]}
    assert unchanged(order)


def test_an_arrival_typed_to_the_minute_of_the_dispatch_counts_from_the_dispatch(site):
    order = order_in(site, Status.DISPATCHED, at=MONDAY_10 + timedelta(seconds=30))
    arrive(site, order, arrived_at=MONDAY_10 + timedelta(minutes=2))
    order.refresh_from_db()
    assert order.arrived_at == MONDAY_10 + timedelta(minutes=2, seconds=30)


def test_after_rework_the_arrival_counts_from_the_rework(site):
    order = order_in(site, Status.RESOLVED)
    services.work_order_visit(
        order=order, satisfied=False, method="phone", actor=site.frontdesk, at=NOW
    )
    with pytest.raises(ValidationError):
        arrive(site, order, arrived_at=NOW - timedelta(minutes=1))
    services.work_order_arrive(order=order, actor=site.electrician, at=NOW + timedelta(minutes=30))
    order.refresh_from_db()
    assert order.arrived_at == NOW + timedelta(minutes=30)


@pytest.mark.parametrize(
    "place, field",
    [
        ({"latitude": "31.2"}, "longitude"),
        ({"latitude": "91", "longitude": "121"}, "latitude"),
        ({"latitude": "31.2", "longitude": "east"}, "longitude"),
        ({"latitude": "31.2", "longitude": "121", "accuracy": "-3"}, "accuracy"),
        ({"latitude": "NaN", "longitude": "121"}, "latitude"),
    ],
)
def test_a_location_that_is_no_place_is_refused(site, place, field):
    order = dispatched(site)
    with pytest.raises(ValidationError) as refused:
        arrive(site, order, **place)
    assert list(refused.value.message_dict) == [field]
    assert unchanged(order)


def test_an_order_put_on_hold_before_anyone_went_takes_an_arrival_after_it_resumed(site):
    order = dispatched(site)
    services.work_order_hold(
        order=order,
        reason="The owner is away",
        actor=site.electrician,
        at=MONDAY_10 + timedelta(minutes=5),
    )
    services.work_order_resume(
        order=order, actor=site.electrician, at=MONDAY_10 + timedelta(minutes=20)
    )
    with pytest.raises(ValidationError):
        arrive(site, order, arrived_at=MONDAY_10 + timedelta(minutes=10))
    assert unchanged(order)
    arrive(site, order, arrived_at=MONDAY_10 + timedelta(minutes=30))
    states = [(e.from_status, e.to_status) for e in order.events.order_by("at", "id")]
    assert all(a == b for (_, a), (b, _) in zip(states, states[1:], strict=False))


def test_only_the_assignee_records_his_arrival_and_only_once(site):
    order = dispatched(site)
    with pytest.raises(PermissionDenied):
        services.work_order_arrive(order=order, actor=site.frontdesk, at=NOW)
    arrive(site, order)
    with pytest.raises(InvalidTransition):
        arrive(site, order)
    assert order.events.filter(action="arrive").count() == 1


def test_an_order_being_worked_on_takes_no_arrival(site):
    order = order_in(site, Status.IN_PROGRESS)
    with pytest.raises(InvalidTransition):
        arrive(site, order)


# ---- the page and the API ---------------------------------------------------------------


def act_url(site, order):
    return reverse("servicedesk:act", args=[site.community.pk, order.pk, "arrive"])


def test_the_technician_records_his_arrival_from_his_page(client, site):
    order = order_in(site, Status.DISPATCHED, at=timezone.now() - timedelta(hours=1))
    client.force_login(site.electrician)
    mine = reverse("servicedesk:mine", args=[site.community.pk])
    page = client.get(mine).text
    assert 'data-action="arrive"' in page and "data-geolocate" in page
    arrived = timezone.localtime() - timedelta(minutes=10)
    response = client.post(
        act_url(site, order),
        {
            f"o{order.pk}-arrived_at": arrived.strftime("%Y-%m-%dT%H:%M"),
            f"o{order.pk}-latitude": "31.230416",
            f"o{order.pk}-longitude": "121.473701",
            f"o{order.pk}-accuracy": "9",
            "next": mine,
        },
    )
    assert response.status_code == 302
    order.refresh_from_db()
    assert order.arrived_at == arrived.replace(second=0, microsecond=0)
    assert order.status == Status.DISPATCHED
    page = client.get(reverse("servicedesk:order", args=[site.community.pk, order.pk])).text
    assert "located at 31.230416, 121.473701 (±9 m)" in page


def test_a_future_arrival_from_the_page_says_why_in_chinese_and_changes_nothing(client, site):
    order = order_in(site, Status.DISPATCHED, at=timezone.now() - timedelta(hours=1))
    client.force_login(site.electrician)
    later = timezone.localtime() + timedelta(hours=2)
    response = client.post(
        act_url(site, order),
        {f"o{order.pk}-arrived_at": later.strftime("%Y-%m-%dT%H:%M")},
        HTTP_ACCEPT_LANGUAGE="zh-hans",
    )
    assert response.status_code == 400
    assert "到场时间不能晚于现在。" in response.text
    assert unchanged(order)


def test_the_api_records_the_arrival_and_refuses_one_before_the_dispatch(client, site):
    order = order_in(site, Status.DISPATCHED, at=timezone.now() - timedelta(hours=1))
    client.force_login(site.electrician)
    path = f"/api/v1/work-orders/{order.pk}/actions/arrive"
    early = (timezone.now() - timedelta(hours=2)).isoformat()
    refused = client.post(path, {"arrived_at": early}, content_type="application/json")
    assert refused.status_code in (400, 422)
    assert list(refused.json()["errors"]) == ["arrived_at"]
    assert unchanged(order)
    done = client.post(
        path,
        {"latitude": 31.2304, "longitude": 121.4737, "accuracy": 15},
        content_type="application/json",
    )
    assert done.status_code == 200
    assert done.json()["status"] == "dispatched"
    arrival = WorkOrderEvent.objects.get(order=order, action="arrive")
    assert (arrival.data["latitude"], arrival.data["accuracy"]) == ("31.230400", 15)
    assert "start" in done.json()["actions"] and "arrive" not in done.json()["actions"]
