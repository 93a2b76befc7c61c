"""The service desk's test kit: work orders of the test community in any state, reached
through the real services, and orders written as they stand for the figures that count them.

Registered as a pytest plugin in the root conftest.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from io import BytesIO
from itertools import count
from zoneinfo import ZoneInfo

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from wuye.servicedesk import services
from wuye.servicedesk.models import DeskSettings, Status, WorkOrder

SHANGHAI = ZoneInfo("Asia/Shanghai")
# A Monday morning in service hours: the test clocks start here.
MONDAY_10 = datetime(2026, 11, 23, 10, 0, tzinfo=SHANGHAI)
# An order of November 2026 for the indicators and the dashboard.
NOV_2 = datetime(2026, 11, 2, 9, 0, tzinfo=SHANGHAI)
numbers = count(1)

# The steps that lead to each state, each taken by the person whose job it is.
PATHS: dict[str, list[str]] = {
    Status.SUBMITTED: [],
    Status.ACCEPTED: ["accept"],
    Status.DISPATCHED: ["accept", "dispatch"],
    Status.IN_PROGRESS: ["accept", "dispatch", "start"],
    Status.ON_HOLD: ["accept", "dispatch", "start", "hold"],
    Status.RESOLVED: ["accept", "dispatch", "start", "resolve"],
    Status.VISITED: ["accept", "dispatch", "start", "resolve", "visit"],
    Status.CLOSED: ["accept", "dispatch", "start", "resolve", "visit", "close"],
    Status.CANCELLED: ["cancel"],
}


def step(site, order: WorkOrder, action: str, at: datetime, people: dict | None = None):
    """Take one action as the person whose job it is, with the fields it needs.

    `people` names them: the office (front desk), the technician, the owner and the person
    a transfer goes to; by default those of Bordeaux Town.
    """
    people = people or home_people(site)
    office, tech, owner = people["office"], people["tech"], people["owner"]
    calls = {
        "accept": lambda: services.work_order_accept(order=order, actor=office, at=at),
        "dispatch": lambda: services.work_order_dispatch(
            order=order, assignee=tech, actor=office, at=at
        ),
        "arrive": lambda: services.work_order_arrive(order=order, actor=tech, at=at),
        "start": lambda: services.work_order_start(order=order, actor=tech, at=at),
        "hold": lambda: services.work_order_hold(
            order=order, reason="Waiting for a valve", actor=tech, at=at
        ),
        "resume": lambda: services.work_order_resume(order=order, actor=tech, at=at),
        "transfer": lambda: services.work_order_transfer(
            order=order,
            assignee=people["transfer_to"],
            reason="Needs a welder",
            actor=tech,
            at=at,
        ),
        "send_back": lambda: services.work_order_send_back(
            order=order, reason="Not a plumbing job", actor=tech, at=at
        ),
        "resolve": lambda: services.work_order_resolve(
            order=order, result="Replaced the washer", actor=tech, at=at
        ),
        "rate": lambda: services.work_order_rate(order=order, score=5, actor=owner, at=at),
        "visit": lambda: services.work_order_visit(
            order=order, satisfied=True, method="phone", actor=office, at=at
        ),
        "close": lambda: services.work_order_close(order=order, actor=office, at=at),
        "reopen": lambda: services.work_order_reopen(
            order=order, reason="Dripping again", actor=owner, at=at
        ),
        "cancel": lambda: services.work_order_cancel(
            order=order, reason="Fixed it myself", actor=owner, at=at
        ),
        "chase": lambda: services.work_order_chase(order=order, actor=owner, at=at),
        "reply": lambda: services.work_order_reply(
            order=order,
            text="We have asked the neighbours to keep it down after ten",
            channel="phone",
            actor=office,
            at=at,
        ),
        "comment": lambda: services.work_order_comment(
            order=order, text="Please ring first", actor=owner, at=at
        ),
        "approve_items": lambda: services.work_order_approve_items(
            order=order, actor=people.get("supervisor", site.engineer), at=at
        ),
    }
    return calls[action]()


def home_people(site) -> dict:
    return {
        "office": site.frontdesk,
        "tech": site.electrician,
        "owner": site.owner,
        "transfer_to": site.engineer,
        "unit": site.units["owner_home"],
        "community": site.community,
    }


def other_people(site) -> dict:
    """The neighbouring community: its manager runs the desk and does the work too."""
    return {
        "office": site.other_manager,
        "tech": site.other_manager,
        "owner": site.residents["other_owner"].user,
        "transfer_to": site.admin,
        "unit": site.units["other_home"],
        "community": site.other,
    }


def submit(site, *, at: datetime = MONDAY_10, people: dict | None = None, **fields) -> WorkOrder:
    """The owner reports a leak in their home through the portal."""
    people = people or home_people(site)
    data = {
        "category": "repair_home",
        "subcategory": "leak",
        "priority": "normal",
        "channel": "portal",
        "description": "Water drips from the kitchen ceiling",
        "unit": people["unit"],
        **fields,
    }
    return services.work_order_submit(
        actor=people["owner"], community=people["community"], at=at, **data
    )


def order_in(
    site, state: str, *, at: datetime = MONDAY_10, people: dict | None = None, **fields
) -> WorkOrder:
    """An order of the owner's home brought to `state`, one step a minute from `at`."""
    order = submit(site, at=at, people=people, **fields)
    for n, action in enumerate(PATHS[state], start=1):
        order = step(site, order, action, at + timedelta(minutes=n), people)
    return order


def order_with_off_list_item(site, people: dict, at: datetime) -> WorkOrder:
    """A paid repair resolved with an item off the price list (the community allows them),
    waiting for a supervisor's approval."""
    DeskSettings.objects.update_or_create(
        community=people["community"], defaults={"off_list_items_allowed": True}
    )
    order = order_in(site, Status.IN_PROGRESS, at=at, people=people)
    pipe = {"name": "Copper pipe", "unit": "m", "unit_price": "30.00", "quantity": "1"}
    return services.work_order_resolve(
        order=order,
        result="Pipe replaced",
        items=[pipe],
        actor=people["tech"],
        at=at + timedelta(minutes=10),
    )


def orders_in_every_state(site, people: dict, at: datetime) -> dict[str, int]:
    """{state: order id}: one order of `people`'s community in each state."""
    return {state: order_in(site, state, at=at, people=people).pk for state in PATHS}


def managers_desk(site) -> dict:
    """Bordeaux Town with the manager doing the office's and the technician's work."""
    return {**home_people(site), "office": site.manager, "tech": site.manager}


def order(site, *, at=NOV_2, unit="owner_home", **fields) -> WorkOrder:
    """An order written as it stands (closed by default), its times given: the figures that
    count orders are checked on numerators and denominators known in advance."""
    data = {
        "community": site.community,
        "number": f"BDX-T-{next(numbers):05d}",
        "unit": site.units[unit] if unit else None,
        "location": "" if unit else "Car park",
        "channel": "hotline",
        "category": "repair_home",
        "subcategory": "plumbing",
        "priority": "normal",
        "description": "Test",
        "status": Status.CLOSED,
        "created_at": at,
        **fields,
    }
    return WorkOrder.objects.create(**data)


def png(name: str = "leak.png") -> SimpleUploadedFile:
    """A small photo as a phone would upload it."""
    buffer = BytesIO()
    Image.new("RGB", (8, 8), (40, 90, 200)).save(buffer, "PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")
