"""Every action from every state, and every action by every kind of person."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.db import transaction

from wuye.servicedesk import workflow
from wuye.servicedesk.models import Status
from wuye.servicedesk.workflow import InvalidTransition

from .fixtures import MONDAY_10, PATHS, order_in, step

pytestmark = pytest.mark.django_db

S = Status
OPEN = {S.SUBMITTED, S.ACCEPTED, S.DISPATCHED, S.IN_PROGRESS, S.ON_HOLD}

# From which states each action succeeds (taken by the person whose job it is), and the state
# it leads to. Closing a resolved repair needs the call-back first; the owner cancels only
# while the request waits to be accepted.
ALLOWED = {
    "accept": ({S.SUBMITTED}, S.ACCEPTED),
    "dispatch": ({S.SUBMITTED, S.ACCEPTED}, S.DISPATCHED),
    "arrive": ({S.DISPATCHED}, "same"),
    "start": ({S.DISPATCHED}, S.IN_PROGRESS),
    "hold": ({S.DISPATCHED, S.IN_PROGRESS}, S.ON_HOLD),
    "resume": ({S.ON_HOLD}, "before hold"),
    "transfer": ({S.DISPATCHED, S.IN_PROGRESS}, S.DISPATCHED),
    "send_back": ({S.DISPATCHED, S.IN_PROGRESS}, S.ACCEPTED),
    "resolve": ({S.DISPATCHED, S.IN_PROGRESS}, S.RESOLVED),
    "rate": ({S.RESOLVED, S.VISITED, S.CLOSED}, "same"),
    "visit": ({S.RESOLVED}, S.VISITED),
    "close": ({S.VISITED}, S.CLOSED),
    "reopen": ({S.RESOLVED, S.VISITED, S.CLOSED}, S.DISPATCHED),
    "cancel": ({S.SUBMITTED}, S.CANCELLED),
    "chase": (OPEN, "same"),
    "comment": (set(S.values), "same"),
    # On a complaint (`COMPLAINT`): a reply may follow the work too.
    "reply": (set(S.values) - {S.CANCELLED}, "same"),
}
# The actions taken on a complaint rather than on the owner's leak.
COMPLAINT = {"reply": {"category": "complaint", "subcategory": "noise"}}


def test_the_table_covers_every_action_of_the_workflow():
    # Approving items off the price list needs such items: test_repair_charges covers it.
    assert set(ALLOWED) | {"approve_items"} == set(workflow.ACTIONS)


@pytest.mark.parametrize("action", ALLOWED)
def test_action_from_each_state(site, action):
    sources, target = ALLOWED[action]
    at = MONDAY_10 + timedelta(hours=1)
    for state in S.values:
        order = order_in(site, state, **COMPLAINT.get(action, {}))
        if state not in sources:
            with pytest.raises(InvalidTransition):
                step(site, order, action, at)
            order.refresh_from_db()
            assert order.status == state, state
            continue
        events_before = order.events.count()
        after = step(site, order, action, at)
        after.refresh_from_db()
        expected = {"same": state, "before hold": S.IN_PROGRESS}.get(target, target)
        assert after.status == expected, state
        last = after.events.order_by("-id").first()
        assert after.events.count() == events_before + 1
        assert (last.action, last.from_status, last.to_status) == (action, state, expected)


# Who may take each action (on an order in a state that allows it). The order is the
# owner's, assigned to the electrician; the engineering supervisor dispatches repairs.
STAFF_OFFICE = {"admin", "manager", "frontdesk"}
PEOPLE = [
    "admin",
    "manager",
    "frontdesk",
    "engineer",
    "electrician",
    "guard",
    "cashier",
    "owner",
    "owner2",
    "tenant",
    "other_manager",
]
WHO = {
    "accept": (S.SUBMITTED, STAFF_OFFICE),
    "dispatch": (S.ACCEPTED, STAFF_OFFICE | {"engineer"}),
    "arrive": (S.DISPATCHED, {"electrician"}),
    "start": (S.DISPATCHED, {"electrician"}),
    "hold": (S.IN_PROGRESS, {"electrician"}),
    "resume": (S.ON_HOLD, {"electrician"}),
    "transfer": (S.IN_PROGRESS, STAFF_OFFICE | {"engineer", "electrician"}),
    "send_back": (S.IN_PROGRESS, {"electrician"}),
    "resolve": (S.IN_PROGRESS, {"electrician"}),
    "rate": (S.RESOLVED, {"owner"}),
    "visit": (S.RESOLVED, STAFF_OFFICE),
    "close": (S.VISITED, STAFF_OFFICE),
    "reopen": (S.CLOSED, STAFF_OFFICE | {"owner"}),
    "cancel": (S.SUBMITTED, STAFF_OFFICE | {"owner"}),
    "chase": (S.DISPATCHED, {"owner"}),
    "comment": (
        S.DISPATCHED,
        STAFF_OFFICE | {"engineer", "electrician", "guard", "cashier"} | {"owner"},
    ),
    "reply": (S.DISPATCHED, STAFF_OFFICE),
}


def _call_as(site, order, action, person):
    """The action as `person`, with the same fields the person whose job it is would send."""
    from wuye.servicedesk import services

    user = getattr(site, person)
    at = MONDAY_10 + timedelta(hours=1)
    calls = {
        "accept": lambda: services.work_order_accept(order=order, actor=user, at=at),
        "dispatch": lambda: services.work_order_dispatch(
            order=order, assignee=site.electrician, actor=user, at=at
        ),
        "arrive": lambda: services.work_order_arrive(order=order, actor=user, at=at),
        "start": lambda: services.work_order_start(order=order, actor=user, at=at),
        "hold": lambda: services.work_order_hold(order=order, reason="Parts", actor=user, at=at),
        "resume": lambda: services.work_order_resume(order=order, actor=user, at=at),
        "transfer": lambda: services.work_order_transfer(
            order=order, assignee=site.guard, reason="Security matter", actor=user, at=at
        ),
        "send_back": lambda: services.work_order_send_back(
            order=order, reason="Wrong trade", actor=user, at=at
        ),
        "resolve": lambda: services.work_order_resolve(
            order=order, result="Done", actor=user, at=at
        ),
        "rate": lambda: services.work_order_rate(order=order, score=4, actor=user, at=at),
        "visit": lambda: services.work_order_visit(
            order=order, satisfied=True, method="phone", actor=user, at=at
        ),
        "close": lambda: services.work_order_close(order=order, actor=user, at=at),
        "reopen": lambda: services.work_order_reopen(
            order=order, reason="Again", actor=user, at=at
        ),
        "cancel": lambda: services.work_order_cancel(
            order=order, reason="No longer needed", actor=user, at=at
        ),
        "chase": lambda: services.work_order_chase(order=order, actor=user, at=at),
        "comment": lambda: services.work_order_comment(
            order=order, text="A note", actor=user, at=at
        ),
        "reply": lambda: services.work_order_reply(
            order=order, text="Called back", channel="phone", actor=user, at=at
        ),
    }
    return calls[action]()


@pytest.mark.parametrize("action", WHO)
def test_action_by_each_person(site, action):
    state, allowed = WHO[action]
    order = order_in(site, state, **COMPLAINT.get(action, {}))
    for person in PEOPLE:
        with transaction.atomic():
            if person in allowed:
                _call_as(site, order, action, person)
            else:
                with pytest.raises(PermissionDenied):
                    _call_as(site, order, action, person)
                assert order.events.count() == len(PATHS[state]) + 1, person
            transaction.set_rollback(True)


def test_buttons_show_the_actions_the_person_may_take_now(site):
    order = order_in(site, S.IN_PROGRESS)
    assert workflow.allowed_actions(site.electrician, order) == [
        "hold",
        "transfer",
        "send_back",
        "resolve",
        "comment",
    ]
    # The owner cancels only while the request waits to be accepted.
    assert workflow.allowed_actions(site.owner, order) == ["chase", "comment"]
    assert workflow.allowed_actions(site.owner2, order) == []


def test_enquiry_closes_without_a_call_back_but_a_repair_needs_one(site):
    enquiry = order_in(site, S.RESOLVED, category="enquiry", subcategory="fees")
    step(site, enquiry, "close", MONDAY_10 + timedelta(hours=2))
    enquiry.refresh_from_db()
    assert enquiry.status == S.CLOSED
    repair = order_in(site, S.RESOLVED)
    with pytest.raises(InvalidTransition, match="Call the owner back"):
        step(site, repair, "close", MONDAY_10 + timedelta(hours=2))


def test_replies_are_recorded_on_complaints_only(site):
    repair = order_in(site, S.DISPATCHED)
    assert "reply" not in workflow.allowed_actions(site.frontdesk, repair)
    with pytest.raises(InvalidTransition, match="Replies are recorded on complaints"):
        step(site, repair, "reply", MONDAY_10 + timedelta(hours=1))
    complaint = order_in(site, S.DISPATCHED, category="complaint", subcategory="noise")
    assert "reply" in workflow.allowed_actions(site.frontdesk, complaint)
    assert "reply" not in workflow.allowed_actions(site.electrician, complaint)


def test_every_action_says_who_reads_its_timeline_line():
    assert set(workflow.TRANSITIONS) <= set(workflow.VISIBILITY)
