"""Two people, or two workers, acting on one order at the same moment.

These need real concurrent transactions, so they run on PostgreSQL only (SQLite serialises
every write by itself), outside the per-test transaction, with one thread per actor.
"""

import json
from datetime import timedelta

from django.test import Client

from wuye.core.models import Role
from wuye.servicedesk import services
from wuye.servicedesk.models import WorkOrder, WorkOrderEvent
from wuye.testing import factories as f
from wuye.testing.api import bearer
from wuye.testing.concurrency import POSTGRES_CONCURRENCY, at_once

from .fixtures import MONDAY_10, step, submit

pytestmark = POSTGRES_CONCURRENCY


def test_two_dispatchers_at_once_one_wins_the_other_gets_409(site):
    second_desk = f.UserFactory(username="frontdesk2")
    f.MembershipFactory(user=second_desk, community=site.community, role=Role.FRONT_DESK)
    order = step(site, submit(site), "accept", MONDAY_10 + timedelta(minutes=1))
    url = f"/api/v1/work-orders/{order.pk}/actions/dispatch"

    def dispatcher(user, assignee):
        headers = bearer(user)
        return lambda: Client().post(
            url,
            json.dumps({"assignee_id": assignee.pk}),
            content_type="application/json",
            headers=headers,
        )

    answers = at_once(
        dispatcher(site.frontdesk, site.electrician), dispatcher(second_desk, site.engineer)
    )
    assert sorted(a.status_code for a in answers) == [200, 409]
    order.refresh_from_db()
    winner = answers[0] if answers[0].status_code == 200 else answers[1]
    assert order.assignee_id == winner.json()["assignee_id"]
    assert WorkOrderEvent.objects.filter(order=order, action="dispatch").count() == 1


def test_two_sweepers_at_once_escalate_each_order_once(site):
    for _ in range(5):
        step(site, submit(site), "dispatch", MONDAY_10)
    # Resolution was due at 10:00 the next day: half an hour late, the supervisor hears.
    late = MONDAY_10 + timedelta(hours=24, minutes=30)
    results = at_once(*[lambda: services.sla_sweep(now=late)] * 3)
    assert sum(r["escalated"] for r in results) == 5
    assert WorkOrderEvent.objects.filter(action="escalate").count() == 5
    assert set(WorkOrder.objects.values_list("escalation_level", flat=True)) == {1}


def test_orders_submitted_at_once_get_consecutive_numbers(site):
    results = at_once(*[lambda: submit(site, at=MONDAY_10)] * 6)
    numbers = sorted(r.number for r in results)
    assert numbers == [f"BDX-20261123-{n:04d}" for n in range(1, 7)]


def test_owner_and_office_accepting_at_once_post_the_repair_once(site):
    """The owner rates the work while the office records a satisfied call-back: both accept
    it, and the home is charged once."""
    from wuye.billing.models import Charge, RepairPosting
    from wuye.servicedesk.models import PriceListItem

    tap = PriceListItem.objects.create(
        community=site.community, name="Replace a tap", unit="each", price="45.00"
    )
    order = submit(site)
    for n, action in enumerate(["accept", "dispatch", "start"], start=1):
        order = step(site, order, action, MONDAY_10 + timedelta(minutes=n))
    services.work_order_resolve(
        order=order,
        result="Replaced",
        items=[{"price_item_id": tap.pk}],
        actor=site.electrician,
        at=MONDAY_10 + timedelta(hours=1),
    )
    later = MONDAY_10 + timedelta(hours=2)
    results = at_once(
        lambda: step(site, order, "rate", later), lambda: step(site, order, "visit", later)
    )
    assert not any(isinstance(r, Exception) for r in results), results
    assert [c.amount for c in Charge.objects.filter(unit=order.unit)] == [45]
    assert RepairPosting.objects.count() == 1
