"""Random sequences of actions keep the workflow's promises.

Whatever the people do, in whatever order and at whatever pace: the timeline explains the
state, a closed or cancelled order moves again only by a reopen, deadlines never move
backwards, the clock stops exactly while the order is on hold, and every rework is on the
timeline.
"""

import contextlib
from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from wuye.servicedesk import services, workflow
from wuye.servicedesk.models import OPEN_STATES, Status, WorkOrder
from wuye.servicedesk.workflow import InvalidTransition

from .fixtures import MONDAY_10, step, submit

pytestmark = pytest.mark.django_db

MOVES = [*workflow.ACTIONS, "visit_unsatisfied"]
DEADLINES = ("response_due_at", "arrival_due_at", "resolution_due_at")


def take(site, order: WorkOrder, move: str, at):
    """The move, by whoever's job it is now (the technician is the current assignee)."""
    tech = order.assignee or site.electrician
    if move == "visit_unsatisfied":
        return services.work_order_visit(
            order=order, satisfied=False, method="phone", actor=site.frontdesk, at=at
        )
    if move in ("arrive", "start", "hold", "resume", "send_back", "resolve", "transfer"):
        other = site.engineer if tech == site.electrician else site.electrician
        people = {
            "office": site.frontdesk,
            "tech": tech,
            "owner": site.owner,
            "transfer_to": other,
        }
        return step(site, order, move, at, people)
    return step(site, order, move, at)


def check_invariants(order: WorkOrder, deadlines_before: dict) -> None:
    events = list(order.events.order_by("at", "id"))
    # The timeline explains the state: each event starts where the previous one ended.
    state = ""
    for event in events:
        assert event.from_status == state, (event.action, event.from_status, state)
        if state in (Status.CLOSED, Status.CANCELLED) and event.to_status != state:
            assert event.action == "reopen", event.action
        assert not (state == Status.CANCELLED and event.to_status != state)
        state = event.to_status
    assert state == order.status
    # Rework is on the timeline: reopens and unsatisfied call-backs.
    reworks = [
        e
        for e in events
        if e.action == "reopen" or (e.action == "visit" and e.data.get("satisfied") is False)
    ]
    assert order.rework_count == len(reworks)
    # The clock stops exactly while on hold.
    assert (order.status == Status.ON_HOLD) == (order.hold_started_at is not None)
    if order.status not in OPEN_STATES or order.status == Status.ON_HOLD:
        assert order.next_due_at is None
    # Deadlines never move backwards.
    for field in DEADLINES:
        before, now = deadlines_before[field], getattr(order, field)
        if before is not None:
            assert now is not None and now >= before, field


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    moves=st.lists(
        st.tuples(st.sampled_from(MOVES), st.integers(min_value=1, max_value=24 * 60)),
        max_size=14,
    ),
    category=st.sampled_from(["repair_home", "complaint", "enquiry"]),
    priority=st.sampled_from(["emergency", "normal"]),
)
def test_random_actions_keep_the_workflow_promises(site, moves, category, priority):
    with transaction.atomic():
        at = MONDAY_10
        order = submit(site, at=at, category=category, priority=priority)
        for move, minutes in moves:
            at += timedelta(minutes=minutes)
            before = {field: getattr(order, field) for field in DEADLINES}
            with contextlib.suppress(InvalidTransition, PermissionDenied, ValidationError):
                order = take(site, order, move, at)
            order = WorkOrder.objects.get(pk=order.pk)
            check_invariants(order, before)
        transaction.set_rollback(True)
