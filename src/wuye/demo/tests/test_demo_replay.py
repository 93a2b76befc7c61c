"""The demo's work orders are what the service desk writes.

A year of orders is loaded for a community with settings, an SLA policy and a holiday of
its own; then one order of each path through the workflow is replayed on a fresh order
through the services themselves — the same actions by the same people at the same times,
the sweep run before and after each of them and at the present moment — and its timeline,
call-backs, priced items, spot checks, bill and final fields must be the demo's.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from types import SimpleNamespace
from zoneinfo import ZoneInfo

import pytest
from django.contrib.auth import get_user_model
from django.db import transaction

from wuye.billing.models import RepairBill
from wuye.core.models import CalendarDay, CalendarDayKind
from wuye.demo.servicedesk import servicedesk_demo_load
from wuye.servicedesk import services
from wuye.servicedesk.models import (
    REPAIRS,
    RESIDENT_CHANNELS,
    Category,
    DeskSettings,
    PriceListItem,
    SlaPolicy,
    Status,
    TargetClock,
    WorkOrder,
    WorkOrderEvent,
)
from wuye.testing.people import build_site

SHANGHAI = ZoneInfo("Asia/Shanghai")
# The present moment of the demo's year: a Wednesday afternoon.
NOW = datetime(2026, 6, 10, 15, 30, tzinfo=SHANGHAI)
# A day off of the community's own (a weekday), inside the year.
OWN_HOLIDAY = date(2026, 3, 4)
SKIPPED_FIELDS = {"id", "number", "updated_at"}


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """The year, loaded once for the module with the community's own settings; rolled back
    after the module."""
    with django_db_blocker.unblock(), transaction.atomic():
        site = build_site()
        community = site.community
        DeskSettings.objects.create(
            community=community, warn_percent=70, manager_escalation_minutes=90
        )
        SlaPolicy.objects.create(
            community=community,
            category=Category.REPAIR_HOME,
            priority="normal",
            response_target=45,
            response_clock=TargetClock.SERVICE,
            resolution_target=12 * 60,
            resolution_clock=TargetClock.ROUND_THE_CLOCK,
        )
        CalendarDay.objects.create(
            community=community, date=OWN_HOLIDAY, kind=CalendarDayKind.HOLIDAY, name="厂休"
        )
        servicedesk_demo_load(community, now=NOW)
        yield SimpleNamespace(site=site, sample=_sample(community))
        transaction.set_rollback(True)


def _sample(community) -> dict[str, int]:
    """One order of each path (the first received), by the name of its path."""
    orders = {
        o.pk: o for o in WorkOrder.objects.filter(community=community).prefetch_related("items")
    }
    events: dict[int, list[WorkOrderEvent]] = {pk: [] for pk in orders}
    for event in WorkOrderEvent.objects.filter(order__community=community).order_by("at", "pk"):
        events[event.order_id].append(event)

    def did(pk, action, **data):
        return any(
            e.action == action and all(e.data.get(k) == v for k, v in data.items())
            for e in events[pk]
        )

    paths = {
        "closed after the owner's rating": lambda o: (
            o.status == Status.CLOSED and o.owner_score is not None
        ),
        "reworked after an unsatisfied call-back": lambda o: (
            o.status == Status.CLOSED and did(o.pk, "visit", satisfied=False)
        ),
        "closed without a call-back": lambda o: (
            o.status == Status.CLOSED and o.category not in REPAIRS | {Category.COMPLAINT}
        ),
        "cancelled by its reporter": lambda o: (
            o.status == Status.CANCELLED and o.channel in RESIDENT_CHANNELS
        ),
        "cancelled by the office": lambda o: (
            o.status == Status.CANCELLED and o.channel not in RESIDENT_CHANNELS
        ),
        "escalated to the manager": lambda o: did(o.pk, "escalate", level=2),
        "warned of a deadline near": lambda o: did(o.pk, "warn"),
        "held for parts and resumed": lambda o: did(o.pk, "resume"),
        "a paid repair, posted": lambda o: o.status == Status.CLOSED and bool(o.items.all()),
        "a paid repair, awaiting acceptance": lambda o: (
            o.status == Status.RESOLVED and bool(o.items.all())
        ),
        "a complaint answered day by day": lambda o: (
            sum(e.action == "reply" for e in events[o.pk]) >= 3
        ),
        "reported on patrol": lambda o: o.channel == "patrol",
        "spot-checked": lambda o: did(o.pk, "spot_check"),
        **{
            f"still {status} at the present moment": lambda o, status=status: o.status == status
            for status in (
                Status.SUBMITTED,
                Status.ACCEPTED,
                Status.DISPATCHED,
                Status.IN_PROGRESS,
                Status.ON_HOLD,
                Status.RESOLVED,
                Status.VISITED,
            )
        },
    }
    found = {}
    for name, fits in paths.items():
        found[name] = next((pk for pk, o in sorted(orders.items()) if fits(o)), None)
    return found


PATHS = [
    "closed after the owner's rating",
    "reworked after an unsatisfied call-back",
    "closed without a call-back",
    "cancelled by its reporter",
    "cancelled by the office",
    "escalated to the manager",
    "warned of a deadline near",
    "held for parts and resumed",
    "a paid repair, posted",
    "a paid repair, awaiting acceptance",
    "a complaint answered day by day",
    "reported on patrol",
    "spot-checked",
    *(
        f"still {status} at the present moment"
        for status in (
            "submitted",
            "accepted",
            "dispatched",
            "in_progress",
            "on_hold",
            "resolved",
            "visited",
        )
    ),
]


# ---- replaying -------------------------------------------------------------------------------


def _user(pk):
    return get_user_model().objects.get(pk=pk)


def _priced_items(order: WorkOrder, listed: list[dict]) -> list[dict]:
    prices = {p.name: p.pk for p in PriceListItem.objects.filter(community=order.community_id)}
    return [{"price_item_id": prices[i["name"]], "quantity": i["quantity"]} for i in listed]


# What each event of a timeline asks of the services (which read the order afresh).
ACTIONS = {
    "accept": lambda o, e: services.work_order_accept(order=o, actor=e.actor, note=e.note, at=e.at),
    "dispatch": lambda o, e: services.work_order_dispatch(
        order=o, assignee=_user(e.data["assignee_id"]), actor=e.actor, note=e.note, at=e.at
    ),
    "start": lambda o, e: services.work_order_start(order=o, actor=e.actor, note=e.note, at=e.at),
    "hold": lambda o, e: services.work_order_hold(order=o, reason=e.note, actor=e.actor, at=e.at),
    "resume": lambda o, e: services.work_order_resume(order=o, actor=e.actor, note=e.note, at=e.at),
    "resolve": lambda o, e: services.work_order_resolve(
        order=o,
        result=e.note,
        items=_priced_items(o, e.data["items"]),
        actor=e.actor,
        at=e.at,
    ),
    "rate": lambda o, e: services.work_order_rate(
        order=o, score=e.data["score"], comment=e.note, actor=e.actor, at=e.at
    ),
    "visit": lambda o, e: services.work_order_visit(
        order=o,
        satisfied=e.data["satisfied"],
        method=e.data["method"],
        score=e.data["score"],
        note=e.note,
        actor=e.actor,
        at=e.at,
    ),
    "close": lambda o, e: services.work_order_close(order=o, actor=e.actor, note=e.note, at=e.at),
    "cancel": lambda o, e: services.work_order_cancel(
        order=o, reason=e.note, actor=e.actor, at=e.at
    ),
    "reply": lambda o, e: services.work_order_reply(
        order=o,
        text=e.note,
        channel=e.data["channel"],
        replied_by=_user(e.data["replied_by_id"]),
        replied_at=e.at,
        actor=e.actor,
        at=datetime.fromisoformat(e.data["recorded_at"]),
    ),
    "spot_check": lambda o, e: services.spot_check_record(
        order=o, passed=e.data["passed"], finding=e.note, actor=e.actor, at=e.at
    ),
}
SWEEP = {"warn", "escalate"}


def _sweep(moment: datetime) -> None:
    """The sweep at `moment`, run until it has nothing left to do."""
    while any(services.sla_sweep(now=moment).values()):
        pass


def _replay(demo: WorkOrder) -> WorkOrder:
    """A fresh order that goes through the services as `demo` went, event by event."""
    timeline = list(demo.events.select_related("actor").order_by("at", "pk"))
    received = timeline[0]
    _sweep(received.at)
    order = services.work_order_submit(
        actor=received.actor,
        community=demo.community,
        category=demo.category,
        channel=demo.channel,
        description=demo.description,
        priority=demo.priority,
        subcategory=demo.subcategory,
        unit=demo.unit,
        location=demo.location,
        reporter_resident=demo.reporter_resident,
        contact_name=demo.contact_name,
        contact_phone=demo.contact_phone,
        complainant_type=demo.complainant_type,
        at=received.at,
    )
    _sweep(received.at)
    for n, event in enumerate(timeline):
        # Written already: by the receipt (accepted at once) or by the sweep.
        if n < order.events.count():
            continue
        _sweep(event.at)
        if n < order.events.count() or event.action in SWEEP:
            continue
        ACTIONS[event.action](order, event)
        _sweep(event.at)
    _sweep(NOW)
    return order


# ---- comparing -------------------------------------------------------------------------------


def _written(order: WorkOrder) -> dict:
    """Everything written for the order, as the people who read it see it."""
    order = WorkOrder.objects.get(pk=order.pk)
    bill = RepairBill.objects.filter(work_order_id=order.pk).first()
    return {
        "timeline": [
            (e.action, e.actor_id, e.visibility, e.from_status, e.to_status, e.at, e.note, e.data)
            for e in order.events.order_by("at", "pk")
        ],
        "order": {
            f.attname: getattr(order, f.attname)
            for f in WorkOrder._meta.concrete_fields
            if f.attname not in SKIPPED_FIELDS
        },
        "call-backs": list(
            order.callbacks.order_by("at", "pk").values_list(
                "at", "by_id", "satisfied", "score", "method", "note"
            )
        ),
        "priced items": list(
            order.items.order_by("pk").values_list(
                "price_item_id",
                "name",
                "unit",
                "quantity",
                "unit_price",
                "amount",
                "removed_at",
                "approved_at",
            )
        ),
        "spot checks": list(
            order.spot_checks.order_by("at", "pk").values_list("at", "by_id", "passed", "finding")
        ),
        "bill": bill
        and (
            bill.unit_id,
            bill.amount,
            bill.waiting_for,
            bill.updated_at,
            list(
                bill.postings.order_by("seq").values_list(
                    "seq",
                    "amount",
                    "at",
                    "actor_id",
                    "charge__amount",
                    "charge__created_at",
                    "charge__due_date",
                    "charge__period",
                )
            ),
        ),
    }


def test_the_sample_covers_every_path(demo, db):
    missing = [path for path in PATHS if demo.sample[path] is None]

    assert missing == []
    assert set(demo.sample) == set(PATHS)


@pytest.mark.parametrize("path", PATHS)
def test_a_demo_order_is_what_the_services_write(demo, db, path):
    order = WorkOrder.objects.get(pk=demo.sample[path])

    replayed = _replay(order)

    assert replayed.pk != order.pk
    wrote, replay = _written(order), _written(replayed)
    for part in wrote:
        assert wrote[part] == replay[part], f"{path}: {part} of {order.number}"


def test_the_sweep_has_nothing_left_to_do_at_the_present_moment(demo, db):
    """The demo's sweep ran up to the present moment on every order, as the real one would."""
    assert services.sla_sweep(now=NOW) == {"warned": 0, "escalated": 0}


def test_the_year_follows_the_communitys_settings_policy_and_calendar(demo, db):
    community = demo.site.community
    escalations = WorkOrderEvent.objects.filter(
        order__community=community, action="escalate", data__level=2
    )
    late = [e.at - datetime.fromisoformat(e.data["due_at"]) for e in escalations]
    normal_home_repairs = WorkOrder.objects.filter(
        community=community, category=Category.REPAIR_HOME, priority="normal"
    )
    repair = normal_home_repairs.exclude(resolution_due_at=None).order_by("pk").first()
    around_the_holiday = normal_home_repairs.filter(
        created_at__date__in=[OWN_HOLIDAY - timedelta(days=1), OWN_HOLIDAY]
    )

    assert min(late) == timedelta(minutes=90)
    assert repair.sla_clocks == {
        "response": TargetClock.SERVICE,
        "resolution": TargetClock.ROUND_THE_CLOCK,
    }
    assert repair.resolution_due_at - repair.sla_started_at == timedelta(hours=12)
    assert around_the_holiday.exists()
    assert not around_the_holiday.filter(response_due_at__date=OWN_HOLIDAY).exists()
