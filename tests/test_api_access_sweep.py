"""Every API route, called by every demo role, against objects of two communities.

The routes come from the API itself (its OpenAPI schema, cross-checked with its URL
patterns), so a route added by any app is swept as soon as it exists. `EXPECTED` says, for
each route, which roles get a 2xx answer when the route is aimed at an object of
Bordeaux Town (`here`) and at an object of the neighbouring community (`other`). Everyone
else must be refused: 401 when anonymous, 403 or 404 otherwise. Any other answer fails,
and so does any 5xx.

Adding a route? Add its row to `EXPECTED` (with a body if it takes one) and, if its path
names a new kind of object (`{work_order_id}`), say which object in `sweep_objects`.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from urllib.parse import urlencode

import pytest
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from wuye.api import api
from wuye.billing.tests.fixtures import billed_home
from wuye.core.models import Notification
from wuye.core.tokens import token_issue
from wuye.engagement.community_life.tests.fixtures import community_life
from wuye.engagement.notices.services import notice_publish, notice_save
from wuye.engagement.publicity import services as publicity
from wuye.engagement.surveys.services import question_add, survey_publish, survey_save
from wuye.engagement.votes.services import vote_create
from wuye.estates.models import ParkingSpace, Residency, Vehicle
from wuye.facilities.equipment.tests.fixtures import sweep_equipment
from wuye.facilities.maintenance.tests.fixtures import sweep_maintenance
from wuye.facilities.stores.tests.fixtures import sweep_stores
from wuye.security.handover.tests.fixtures import sweep_handover
from wuye.security.parcels.tests.fixtures import parcel_for
from wuye.security.parking.models import Gate, ParkingSession
from wuye.security.parking.services import tariff_create
from wuye.security.passes.services import pass_check_in
from wuye.security.passes.tests.fixtures import invite
from wuye.security.patrols.tests.fixtures import sweep_patrol
from wuye.servicedesk.models import PriceListItem
from wuye.servicedesk.tests.fixtures import (
    home_people,
    order_in,
    order_with_off_list_item,
    orders_in_every_state,
    other_people,
)
from wuye.testing import factories as f
from wuye.testing.api import bearer

ROLES = [
    "anonymous",
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
EVERYONE = frozenset(ROLES)
LOGGED_IN = EVERYONE - {"anonymous"}
NOBODY: frozenset[str] = frozenset()

# Bordeaux Town ("here"): its staff, its office (register and residents changes), its people.
STAFF = frozenset({"admin", "manager", "frontdesk", "engineer", "electrician", "guard", "cashier"})
OFFICE = frozenset({"admin", "manager", "frontdesk"})
RESIDENTS = frozenset({"owner", "owner2", "tenant"})
# The other community: the company admin and its own manager.
OTHER_STAFF = frozenset({"admin", "other_manager"})
# Billing: who reads bills, who takes money, who runs bills.
BILLING_STAFF = frozenset({"admin", "manager", "frontdesk", "cashier"})
CASHIERS = frozenset({"admin", "manager", "cashier"})
MANAGEMENT = frozenset({"admin", "manager"})
# Owners' votes: managers put questions; owners (not tenants) see and vote.
MANAGERS = frozenset({"admin", "manager"})
OWNERS = frozenset({"owner", "owner2"})
# The gate: the office and the guard.
GATE = frozenset({"admin", "manager", "frontdesk", "guard"})
# Parking: the office, the managers, the gate and the cashier see tariffs, quote fees and
# read the sessions; the gate and the cashier record cars and take their fees.
PARKING_VIEW = frozenset({"admin", "manager", "frontdesk", "guard", "cashier"})
PARKING_OPERATORS = frozenset({"admin", "manager", "guard", "cashier"})
PARKING_VIEWERS = PARKING_VIEW
# Parcels: the front desk, the guards and the manager keep the parcel shelf.
PARCEL_DESK = frozenset({"admin", "manager", "frontdesk", "guard"})
# Incidents: the guards, their supervisor and the managers log them.
INCIDENT_DESK = frozenset({"admin", "manager", "guard"})
CONTRACTOR_KEEPERS = frozenset({"admin", "manager", "engineer"})
# Equipment: engineering and the managers see the register; the supervisor and the manager keep it.
EQUIPMENT_VIEW = frozenset({"admin", "manager", "engineer", "electrician"})
EQUIPMENT_KEEPERS = frozenset({"manager", "engineer"})


@dataclass(frozen=True)
class Access:
    """Who gets a 2xx answer, aiming at an object of Bordeaux Town and of the other community.

    `listing` marks a list whose path names no object: everyone logged in gets 2xx, and
    `here`/`other` say who finds the community's object (by that key) among the items.
    """

    here: frozenset[str]
    other: frozenset[str]
    body: Callable[[dict], dict] | None = None
    listing: str | None = None
    # The path's parameters from the objects, where they are not the objects themselves.
    params: Callable[[dict], dict] | None = None
    # The query string, where the route takes its object from it (`?community_id=`).
    query: Callable[[dict], dict] | None = None
    # A multipart upload instead of a JSON body: its fields and files, made afresh each call.
    files: Callable[[dict], dict] | None = None


def same(roles: frozenset[str], body: Callable[[dict], dict] | None = None) -> Access:
    return Access(roles, roles, body)


EXPECTED: dict[tuple[str, str], Access] = {
    # ---- core: tokens and who am I
    ("POST", "/api/v1/auth/token"): same(
        EVERYONE, body=lambda o: {"username": "frontdesk", "password": "wuye-demo"}
    ),
    ("GET", "/api/v1/me"): same(LOGGED_IN),
    # a person's own tokens: the object is a token of the manager (here) or of the other
    # community's manager; only its owner lists or revokes it
    ("GET", "/api/v1/auth/tokens"): same(LOGGED_IN),
    ("DELETE", "/api/v1/auth/tokens/{token_id}"): Access(
        frozenset({"manager"}), frozenset({"other_manager"})
    ),
    # ---- core: the caller's messages (the object is a message to the electrician here, to
    # the other community's manager there): only its recipient lists or marks it
    ("GET", "/api/v1/notifications"): Access(
        frozenset({"electrician"}), frozenset({"other_manager"}), listing="notification_id"
    ),
    ("POST", "/api/v1/notifications/{notification_id}/read"): Access(
        frozenset({"electrician"}), frozenset({"other_manager"})
    ),
    ("POST", "/api/v1/notifications/read-all"): same(LOGGED_IN),
    # ---- estates: communities
    ("GET", "/api/v1/communities"): Access(STAFF | RESIDENTS, OTHER_STAFF, listing="community_id"),
    ("GET", "/api/v1/communities/{community_id}"): Access(STAFF | RESIDENTS, OTHER_STAFF),
    # ---- estates: buildings (the owners' homes are both in building 1)
    ("GET", "/api/v1/communities/{community_id}/buildings"): Access(STAFF | RESIDENTS, OTHER_STAFF),
    ("POST", "/api/v1/communities/{community_id}/buildings"): Access(
        OFFICE,
        OTHER_STAFF,
        body=lambda o: {"number": "S9", "kind": "multi_storey", "floors": 6},
    ),
    ("GET", "/api/v1/buildings/{building_id}"): Access(STAFF | {"owner", "owner2"}, OTHER_STAFF),
    ("PATCH", "/api/v1/buildings/{building_id}"): Access(
        OFFICE, OTHER_STAFF, body=lambda o: {"lifts": 2}
    ),
    # ---- estates: homes (the object is the owner's home)
    ("GET", "/api/v1/communities/{community_id}/units"): Access(STAFF | RESIDENTS, OTHER_STAFF),
    ("POST", "/api/v1/communities/{community_id}/units"): Access(
        OFFICE,
        OTHER_STAFF,
        body=lambda o: {
            "building_id": o["building_id"],
            "entrance": "9",
            "floor": 9,
            "number": "901",
            "building_area": "88.00",
        },
    ),
    ("GET", "/api/v1/units/{unit_id}"): Access(STAFF | {"owner"}, OTHER_STAFF),
    ("PATCH", "/api/v1/units/{unit_id}"): Access(
        OFFICE, OTHER_STAFF, body=lambda o: {"occupancy": "renovating"}
    ),
    ("POST", "/api/v1/units/{unit_id}/move-in"): Access(
        OFFICE, OTHER_STAFF, body=lambda o: {"resident_id": o["newcomer_id"], "relation": "family"}
    ),
    ("POST", "/api/v1/residencies/{residency_id}/move-out"): Access(
        OFFICE, OTHER_STAFF, body=lambda o: {}
    ),
    # ---- estates: residents (the object is the owner, who may change their own contact)
    ("GET", "/api/v1/communities/{community_id}/residents"): Access(STAFF | RESIDENTS, OTHER_STAFF),
    ("POST", "/api/v1/communities/{community_id}/residents"): Access(
        OFFICE, OTHER_STAFF, body=lambda o: {"name": "Sweep Person", "mobile": "13800000000"}
    ),
    ("GET", "/api/v1/residents/{resident_id}"): Access(STAFF | {"owner"}, OTHER_STAFF),
    ("PATCH", "/api/v1/residents/{resident_id}"): Access(
        OFFICE | {"owner"}, OTHER_STAFF, body=lambda o: {"mobile": "13700000000"}
    ),
    # ---- estates: vehicles (the owner's car) and parking (the owner's space)
    ("GET", "/api/v1/communities/{community_id}/vehicles"): Access(STAFF | RESIDENTS, OTHER_STAFF),
    ("POST", "/api/v1/communities/{community_id}/vehicles"): Access(
        OFFICE, OTHER_STAFF, body=lambda o: {"plate": "新A88888"}
    ),
    ("GET", "/api/v1/vehicles/{vehicle_id}"): Access(STAFF | {"owner"}, OTHER_STAFF),
    ("PATCH", "/api/v1/vehicles/{vehicle_id}"): Access(
        OFFICE, OTHER_STAFF, body=lambda o: {"description": "white"}
    ),
    ("GET", "/api/v1/communities/{community_id}/parking-spaces"): Access(
        STAFF | RESIDENTS, OTHER_STAFF
    ),
    ("POST", "/api/v1/communities/{community_id}/parking-spaces"): Access(
        OFFICE, OTHER_STAFF, body=lambda o: {"number": "Z-9", "kind": "public"}
    ),
    ("GET", "/api/v1/parking-spaces/{space_id}"): Access(STAFF | {"owner"}, OTHER_STAFF),
    ("PATCH", "/api/v1/parking-spaces/{space_id}"): Access(
        OFFICE, OTHER_STAFF, body=lambda o: {"zone": "B2"}
    ),
    # ---- billing (the home is the owner's; the payment is 20.00 on its January charge)
    ("GET", "/api/v1/fee-items"): Access(
        BILLING_STAFF | RESIDENTS, OTHER_STAFF, listing="fee_item_id"
    ),
    # Fees are set by those who configure billing (here the manager; the accountant too).
    ("POST", "/api/v1/fee-items"): Access(
        MANAGEMENT,
        OTHER_STAFF,
        body=lambda o: {
            "community_id": o["community_id"],
            "code": "SWEEP",
            "kind": "garbage",
            "method": "fixed",
            "unit_price": "10.00",
            "start_date": "2026-03-01",
        },
    ),
    ("PATCH", "/api/v1/fee-items/{fee_item_id}"): Access(
        MANAGEMENT, OTHER_STAFF, body=lambda o: {"unit_price": "1.00", "effective_from": "2026-03"}
    ),
    ("POST", "/api/v1/bill-runs"): Access(
        MANAGEMENT,
        OTHER_STAFF,
        body=lambda o: {"community_id": o["community_id"], "period": "2026-02"},
    ),
    ("GET", "/api/v1/bill-runs/{run_id}"): Access(BILLING_STAFF, OTHER_STAFF),
    ("GET", "/api/v1/units/{unit_id}/statement"): Access(BILLING_STAFF | {"owner"}, OTHER_STAFF),
    ("POST", "/api/v1/payments"): Access(
        CASHIERS,
        OTHER_STAFF,
        body=lambda o: {"unit_id": o["unit_id"], "amount": "10.00", "method": "cash"},
    ),
    ("POST", "/api/v1/payments/{payment_id}/void"): Access(
        CASHIERS, OTHER_STAFF, body=lambda o: {"reason": "Entered twice"}
    ),
    # Without a community: the collection of every community the caller sees bills of.
    ("GET", "/api/v1/reports/collection"): same(BILLING_STAFF | {"other_manager"}),
    # The management service report: the office reads today's figures of a month; residents
    # only a published report, and none is published here.
    ("GET", "/api/v1/reports/service"): Access(
        OFFICE,
        OTHER_STAFF,
        query=lambda o: {"community_id": o["community_id"], "period": "2026-01"},
    ),
    # ---- security: parking at the gate (a gate "SWEEP" in each community; the session is a
    # lost ticket with ¥20 to pay): the gate's staff post events and take fees, the office and
    # the accounts read the sessions, residents reach none of it
    ("POST", "/api/v1/gate-events"): Access(
        PARKING_OPERATORS,
        OTHER_STAFF,
        body=lambda o: {
            "community_id": o["community_id"],
            "gate": "SWEEP",
            "direction": "in",
            "plate": "新A12345",
            "at": "2026-03-02T08:00:00+08:00",
            "event_id": "sweep-1",
        },
    ),
    ("GET", "/api/v1/parking-sessions"): Access(
        PARKING_VIEWERS,
        OTHER_STAFF,
        listing="session_id",
    ),
    ("POST", "/api/v1/parking-sessions/{session_id}/pay"): Access(
        PARKING_OPERATORS, OTHER_STAFF, body=lambda o: {"amount": "5.00", "method": "cash"}
    ),
    # ---- engagement: owners' votes (the object is an open vote; the home is the owner's)
    ("GET", "/api/v1/votes"): Access(OFFICE | OWNERS, OTHER_STAFF, listing="vote_id"),
    ("POST", "/api/v1/votes"): Access(
        MANAGERS,
        OTHER_STAFF,
        body=lambda o: {
            "community_id": o["community_id"],
            "title": "Sweep vote",
            "matter": "ordinary",
            "opens_at": "2030-01-01T09:00:00+08:00",
            "closes_at": "2030-01-08T18:00:00+08:00",
        },
    ),
    ("GET", "/api/v1/votes/{vote_id}"): Access(OFFICE | OWNERS, OTHER_STAFF),
    ("POST", "/api/v1/votes/{vote_id}/ballots"): Access(
        OFFICE | {"owner"}, OTHER_STAFF, body=lambda o: {"unit_id": o["unit_id"], "choice": "for"}
    ),
    ("GET", "/api/v1/votes/{vote_id}/result"): Access(OFFICE, OTHER_STAFF),
    # ---- engagement: notices (the object is a notice published to the whole community)
    ("GET", "/api/v1/notices"): Access(STAFF | RESIDENTS, OTHER_STAFF, listing="notice_id"),
    ("POST", "/api/v1/notices"): Access(
        OFFICE,
        OTHER_STAFF,
        body=lambda o: {"community_id": o["community_id"], "title": "Sweep", "body": "Text"},
    ),
    ("GET", "/api/v1/notices/{notice_id}"): Access(STAFF | RESIDENTS, OTHER_STAFF),
    ("POST", "/api/v1/notices/{notice_id}/publish"): Access(MANAGERS, OTHER_STAFF),
    ("POST", "/api/v1/notices/{notice_id}/withdraw"): Access(
        MANAGERS, OTHER_STAFF, body=lambda o: {"reason": "Posted by mistake"}
    ),
    # ---- engagement: satisfaction surveys (the object is an open survey for the whole
    # community; the home is the owner's). Owners and household members answer, not tenants.
    ("GET", "/api/v1/surveys"): Access(OFFICE | OWNERS, OTHER_STAFF, listing="survey_id"),
    ("GET", "/api/v1/surveys/{survey_id}"): Access(OFFICE | OWNERS, OTHER_STAFF),
    ("POST", "/api/v1/surveys/{survey_id}/responses"): Access(
        OFFICE | {"owner"},
        OTHER_STAFF,
        body=lambda o: {
            "unit_id": o["unit_id"],
            "answers": [{"question_id": o["survey_question_id"], "rating": 5}],
        },
    ),
    ("GET", "/api/v1/surveys/{survey_id}/results"): Access(OFFICE, OTHER_STAFF),
    # ---- engagement: community life. The event is for the whole community; the sign-up to
    # cancel is the owner's, for another event; the slot is free; the booking is the owner's.
    ("GET", "/api/v1/events"): Access(STAFF | RESIDENTS, OTHER_STAFF, listing="event_id"),
    ("GET", "/api/v1/events/{event_id}"): Access(STAFF | RESIDENTS, OTHER_STAFF),
    ("POST", "/api/v1/events/{event_id}/signups"): Access(
        OFFICE | {"owner"}, OTHER_STAFF, body=lambda o: {"unit_id": o["unit_id"], "people": 2}
    ),
    ("POST", "/api/v1/event-signups/{signup_id}/cancel"): Access(OFFICE | {"owner"}, OTHER_STAFF),
    ("GET", "/api/v1/reception-slots"): Access(OFFICE | RESIDENTS, OTHER_STAFF, listing="slot_id"),
    ("POST", "/api/v1/reception-slots/{slot_id}/bookings"): Access(
        OFFICE | {"owner"},
        OTHER_STAFF,
        body=lambda o: {"unit_id": o["unit_id"], "topic": "Parking at night"},
    ),
    ("POST", "/api/v1/reception-bookings/{booking_id}/cancel"): Access(
        OFFICE | {"owner"}, OTHER_STAFF
    ),
    # ---- security: visitors' passes. The invitation is the owner's (here) and the other
    # community's owner's; the pass to check out is one whose visitor is inside. The gate's
    # staff check any code: a pass of a community they do not serve answers "unknown".
    ("POST", "/api/v1/invitations"): Access(
        GATE | {"owner"},
        OTHER_STAFF,
        body=lambda o: {
            "community_id": o["community_id"],
            "unit_id": o["unit_id"],
            "visitor_name": "Sweep Visitor",
        },
    ),
    ("GET", "/api/v1/invitations"): Access(GATE | {"owner"}, OTHER_STAFF, listing="invitation_id"),
    ("GET", "/api/v1/invitations/{invitation_id}/qr.svg"): Access(GATE | {"owner"}, OTHER_STAFF),
    ("POST", "/api/v1/invitations/{invitation_id}/revoke"): Access(GATE | {"owner"}, OTHER_STAFF),
    ("POST", "/api/v1/passes/verify"): same(
        GATE | {"other_manager"}, body=lambda o: {"code": o["pass_code"], "gate": "North"}
    ),
    ("POST", "/api/v1/passes/{invitation_id}/check-in"): Access(
        GATE, OTHER_STAFF, body=lambda o: {"gate": "North"}
    ),
    ("POST", "/api/v1/passes/{invitation_id}/check-out"): Access(
        GATE,
        OTHER_STAFF,
        body=lambda o: {"gate": "North"},
        params=lambda o: {"invitation_id": o["inside_invitation_id"]},
    ),
    ("GET", "/api/v1/passes/public-key"): same(EVERYONE),
    # ---- engagement: fund-usage publicity (the object is a published period): the office,
    # the cashier and every resident of the community read it.
    ("GET", "/api/v1/publicity"): Access(
        BILLING_STAFF | RESIDENTS, OTHER_STAFF, listing="period_id"
    ),
    ("GET", "/api/v1/publicity/{period_id}"): Access(BILLING_STAFF | RESIDENTS, OTHER_STAFF),
    # ---- security: parcels. The parcel waits for the owner's home (the other community's
    # for its owner's): the desk (front desk, guards, the manager) receives and hands over,
    # the owner sees it in the list.
    ("GET", "/api/v1/parcels"): Access(PARCEL_DESK | {"owner"}, OTHER_STAFF, listing="parcel_id"),
    # ---- facilities: contractors and their quality inspections, kept by the engineering
    # supervisor and the manager.
    ("GET", "/api/v1/contractors"): Access(
        CONTRACTOR_KEEPERS, OTHER_STAFF, query=lambda o: {"community_id": o["community_id"]}
    ),
    ("GET", "/api/v1/contractor-inspections"): Access(
        CONTRACTOR_KEEPERS,
        OTHER_STAFF,
        query=lambda o: {"community_id": o["community_id"], "month": "2026-06"},
    ),
    # ---- security: incidents, logged and listed by the guards and the managers.
    ("GET", "/api/v1/incidents"): Access(
        INCIDENT_DESK, OTHER_STAFF, query=lambda o: {"community_id": o["community_id"]}
    ),
    ("POST", "/api/v1/incidents"): Access(
        INCIDENT_DESK,
        OTHER_STAFF,
        body=lambda o: {
            "community_id": o["community_id"],
            "kind": "theft",
            "occurred_at": (timezone.now() - timedelta(hours=1)).isoformat(),
            "place": "Bicycle shed",
            "description": "A bicycle taken",
        },
    ),
    # ---- facilities: the equipment register and its compliance calendar.
    ("GET", "/api/v1/equipment"): Access(
        EQUIPMENT_VIEW, OTHER_STAFF, query=lambda o: {"community_id": o["community_id"]}
    ),
    ("POST", "/api/v1/equipment"): Access(
        EQUIPMENT_KEEPERS,
        frozenset({"other_manager"}),
        body=lambda o: {
            "community_id": o["community_id"],
            "code": "PUMP-9",
            "name": "Booster pump",
            "kind": "water_pump",
        },
    ),
    ("GET", "/api/v1/equipment/{equipment_id}"): Access(EQUIPMENT_VIEW, OTHER_STAFF),
    ("GET", "/api/v1/compliance"): Access(
        EQUIPMENT_VIEW, OTHER_STAFF, query=lambda o: {"community_id": o["community_id"]}
    ),
    # ---- security: the shift handover. The guards of the post write it and the guard of the
    # next shift confirms it (`guard`, rostered on the control centre's middle shift); nobody of
    # the other community's.
    ("POST", "/api/v1/handovers"): Access(
        frozenset({"guard"}), NOBODY, body=lambda o: o["handover_body"]
    ),
    ("POST", "/api/v1/handovers/{handover_id}/confirm"): Access(
        frozenset({"guard"}), NOBODY, body=lambda o: {"counts": o["handover_body"]["counts"]}
    ),
    # ---- staff: the organisation (supervisors and the manager)
    ("GET", "/api/v1/staff"): Access(
        frozenset({"admin", "manager", "engineer"}),
        OTHER_STAFF,
        query=lambda o: {"community_id": o["community_id"]},
    ),
    ("POST", "/api/v1/parcels"): Access(
        PARCEL_DESK,
        OTHER_STAFF,
        body=lambda o: {
            "community_id": o["community_id"],
            "unit_id": o["unit_id"],
            "carrier": "zto",
            "tracking_number": "ZT7700112233",
            "shelf": "B2",
        },
    ),
    # ---- security: patrols. A task of today on each community's pedestrian gate: the
    # supervisors and the managers see every task, a guard (an empty list unless rostered on
    # the post) walks it; the scan's answer says whether the proof was accepted.
    ("GET", "/api/v1/patrol-tasks"): Access(
        frozenset({"admin", "manager", "guard"}),
        OTHER_STAFF,
        query=lambda o: {"community_id": o["community_id"]},
    ),
    ("POST", "/api/v1/patrol-tasks/{patrol_task_id}/scans"): Access(
        frozenset({"guard"}),
        NOBODY,
        body=lambda o: {"checkpoint_id": o["checkpoint_id"], "proof": "04A23B1C5D80"},
    ),
    ("POST", "/api/v1/patrol-tasks/{patrol_task_id}/photos"): Access(
        frozenset({"guard"}), NOBODY, files=lambda o: {"file": png_upload()}
    ),
    # ---- facilities: maintenance. An open task of each community's pump plan: the
    # engineering supervisor and the managers see every task, the electrician his team's; the
    # team and its supervisor complete it (again with the same answers: the same result).
    ("GET", "/api/v1/maintenance-tasks"): Access(
        frozenset({"admin", "manager", "engineer", "electrician"}),
        OTHER_STAFF,
        query=lambda o: {"community_id": o["community_id"]},
    ),
    ("POST", "/api/v1/maintenance-tasks/{task_id}/complete"): Access(
        frozenset({"engineer", "electrician"}),
        NOBODY,
        body=lambda o: {"answers": o["maintenance_answers"]},
        params=lambda o: {"task_id": o["maintenance_task_id"]},
    ),
    # ---- facilities: spare parts. Engineering and the managers see the store; the
    # technicians, their supervisor and the manager issue a part to an order of the community
    # (again with the same key: the same movement).
    ("GET", "/api/v1/spare-parts"): Access(
        EQUIPMENT_VIEW, OTHER_STAFF, query=lambda o: {"community_id": o["community_id"]}
    ),
    ("POST", "/api/v1/spare-parts/{part_id}/issues"): Access(
        frozenset({"manager", "engineer", "electrician"}),
        frozenset({"other_manager"}),
        body=lambda o: {
            "quantity": "1",
            "work_order_id": o["stores_work_order_id"],
            "key": "sweep-issue",
        },
    ),
    # A counter reading of the pump, by the technicians and their supervisor (the same value
    # each time: a counter that has not moved is not lower than the last reading).
    ("POST", "/api/v1/equipment/{equipment_id}/readings"): Access(
        frozenset({"engineer", "electrician"}),
        NOBODY,
        body=lambda o: {"counter": "运行小时", "value": 100},
        params=lambda o: {"equipment_id": o["maintenance_equipment_id"]},
    ),
    # ---- security: the post board, for the guards, their supervisor and the managers.
    ("GET", "/api/v1/security-posts/board"): Access(
        frozenset({"admin", "manager", "guard"}),
        OTHER_STAFF,
        query=lambda o: {"community_id": o["community_id"]},
    ),
    ("POST", "/api/v1/parcels/{parcel_id}/pick-up"): Access(
        PARCEL_DESK, OTHER_STAFF, body=lambda o: {"picked_up_by": "Li Na"}
    ),
    # ---- staff: every member of staff clocks in (the other community's at theirs); the
    # supervisors list the certificates.
    ("POST", "/api/v1/attendance/clock"): Access(
        STAFF, OTHER_STAFF, body=lambda o: {"community_id": o["community_id"], "kind": "in"}
    ),
    ("GET", "/api/v1/certificates"): Access(
        frozenset({"admin", "manager", "engineer"}),
        OTHER_STAFF,
        query=lambda o: {"community_id": o["community_id"]},
    ),
    # ---- security: temporary-parking tariffs (one for every car in each community) and
    # what a stay costs; the managers set tariffs.
    # ---- staff: rosters and who is on duty, read by every member of staff of the community.
    ("GET", "/api/v1/rosters"): Access(
        STAFF,
        OTHER_STAFF,
        query=lambda o: {"community_id": o["community_id"], "week": "2026-W51"},
    ),
    ("GET", "/api/v1/on-duty"): Access(
        STAFF, OTHER_STAFF, query=lambda o: {"community_id": o["community_id"]}
    ),
    ("GET", "/api/v1/parking-tariffs"): Access(
        PARKING_VIEW, OTHER_STAFF, query=lambda o: {"community_id": o["community_id"]}
    ),
    ("POST", "/api/v1/parking-tariffs"): Access(
        MANAGEMENT,
        OTHER_STAFF,
        body=lambda o: {
            "community_id": o["community_id"],
            "name": "Sweep tariff",
            "first_minutes": 60,
            "first_price": "5.00",
            "cap_per_day": "7.5",
            "vehicle_types": ["large"],
        },
    ),
    ("POST", "/api/v1/parking-fees/quote"): Access(
        PARKING_VIEW,
        OTHER_STAFF,
        body=lambda o: {
            "community_id": o["community_id"],
            "plate": "新A12345",
            "entered_at": (timezone.now() - timedelta(minutes=90)).isoformat(),
            "exited_at": timezone.now().isoformat(),
            "vehicle_type": "car",
        },
    ),
    # ---- servicedesk: work orders. Each action is aimed at an order in a state that allows
    # it (`orders`): Bordeaux Town's is the owner's leak, worked by the electrician; the other
    # community's is its owner's, worked by its manager.
    ("GET", "/api/v1/work-orders"): Access(STAFF | {"owner"}, OTHER_STAFF, listing="work_order_id"),
    ("POST", "/api/v1/work-orders"): Access(
        STAFF | {"owner"},
        OTHER_STAFF,
        body=lambda o: {
            "community_id": o["community_id"],
            "unit_id": o["unit_id"],
            "category": "repair_home",
            "priority": "normal",
            "channel": "portal",
            "description": "Sweep: the tap drips",
        },
    ),
    ("GET", "/api/v1/work-orders/{work_order_id}"): Access(STAFF | {"owner"}, OTHER_STAFF),
    ("GET", "/api/v1/work-orders/{work_order_id}/suggestions"): Access(
        OFFICE | {"engineer"}, OTHER_STAFF
    ),
    ("GET", "/api/v1/communities/{community_id}/price-list"): Access(
        STAFF | RESIDENTS, OTHER_STAFF
    ),
    # The price list is kept by the managers (the object: a published item of each community).
    ("POST", "/api/v1/communities/{community_id}/price-list"): Access(
        MANAGEMENT,
        OTHER_STAFF,
        body=lambda o: {"name": "Sweep: replace a fuse", "unit": "piece", "price": "20.00"},
    ),
    ("PATCH", "/api/v1/price-list/{price_item_id}"): Access(
        MANAGEMENT, OTHER_STAFF, body=lambda o: {"price": "18.50"}
    ),
    ("POST", "/api/v1/price-list/{price_item_id}/retire"): Access(MANAGEMENT, OTHER_STAFF),
    # Indicators: managers and supervisors (here the engineering supervisor).
    ("GET", "/api/v1/communities/{community_id}/service-indicators"): Access(
        MANAGEMENT | {"engineer"}, OTHER_STAFF
    ),
    **{
        ("POST", f"/api/v1/work-orders/{{work_order_id}}/actions/{action}"): Access(
            here,
            other,
            body=body,
            params=lambda o, state=state: {**o, "work_order_id": o["orders"][state]},
        )
        for action, state, here, other, body in [
            ("accept", "submitted", OFFICE, OTHER_STAFF, lambda o: {}),
            (
                "dispatch",
                "accepted",
                OFFICE | {"engineer"},
                OTHER_STAFF,
                lambda o: {"assignee_id": o["assignee_id"]},
            ),
            ("arrive", "dispatched", {"electrician"}, {"other_manager"}, lambda o: {}),
            ("start", "dispatched", {"electrician"}, {"other_manager"}, lambda o: {}),
            ("hold", "in_progress", {"electrician"}, {"other_manager"}, lambda o: {"reason": "P"}),
            ("resume", "on_hold", {"electrician"}, {"other_manager"}, lambda o: {}),
            (
                "transfer",
                "in_progress",
                OFFICE | {"engineer", "electrician"},
                OTHER_STAFF,
                lambda o: {"assignee_id": o["transfer_to_id"], "reason": "Sweep"},
            ),
            (
                "send_back",
                "in_progress",
                {"electrician"},
                {"other_manager"},
                lambda o: {"reason": "S"},
            ),
            (
                "resolve",
                "in_progress",
                {"electrician"},
                {"other_manager"},
                lambda o: {"result": "R"},
            ),
            ("rate", "resolved", {"owner"}, NOBODY, lambda o: {"score": 5}),
            ("visit", "resolved", OFFICE, OTHER_STAFF, lambda o: {"satisfied": True}),
            ("close", "visited", OFFICE, OTHER_STAFF, lambda o: {}),
            ("reopen", "closed", OFFICE | {"owner"}, OTHER_STAFF, lambda o: {"reason": "Again"}),
            ("cancel", "submitted", OFFICE | {"owner"}, OTHER_STAFF, lambda o: {"reason": "Gone"}),
            ("chase", "dispatched", {"owner"}, NOBODY, lambda o: {}),
            ("comment", "dispatched", STAFF | {"owner"}, OTHER_STAFF, lambda o: {"text": "Hi"}),
            # an order resolved with an item off the price list, waiting for approval
            ("approve_items", "off_list", MANAGEMENT | {"engineer"}, OTHER_STAFF, lambda o: {}),
            # Replies to complainants: the office, on the owner's complaint.
            (
                "reply",
                "complaint",
                OFFICE,
                OTHER_STAFF,
                lambda o: {"channel": "phone", "text": "Called back"},
            ),
        ]
    },
    # The daily register of replies to complaints: the office.
    ("GET", "/api/v1/communities/{community_id}/complaint-register"): Access(OFFICE, OTHER_STAFF),
}


def api_routes() -> list[tuple[str, str]]:
    """Every (method, path) the API serves, from its own schema."""
    paths = api.get_openapi_schema()["paths"]
    return sorted(
        (method.upper(), path)
        for path, operations in paths.items()
        for method in operations
        if method in {"get", "post", "put", "patch", "delete"}
    )


ROUTES = api_routes()


def test_every_url_of_the_api_is_in_its_schema_and_so_is_swept():
    prefix = reverse("api-v1:openapi-json").removesuffix("openapi.json")
    documented = {path for _, path in ROUTES}
    served = {
        prefix + str(pattern.pattern).replace("<", "{").replace(">", "}")
        for pattern in api.urls[0]
        if pattern.name not in ("api-root", "openapi-json", "openapi-view", "unknown-address")
    }
    assert served <= documented, (
        f"Routes hidden from the schema escape the sweep: {served - documented}"
    )


def test_every_expectation_names_a_route_that_exists():
    stale = set(EXPECTED) - set(ROUTES)
    assert not stale, f"Rows of EXPECTED for routes that no longer exist: {sorted(stale)}"


@pytest.fixture
def sweep_objects(site) -> dict[str, dict[str, int]]:
    """The object each path parameter names, in Bordeaux Town and in the other community."""
    hour_ago = timezone.now() - timedelta(hours=1)
    orders = {
        "here": orders_in_every_state(site, home_people(site), hour_ago),
        "other": orders_in_every_state(site, other_people(site), hour_ago),
    }
    for target, people in (("here", home_people(site)), ("other", other_people(site))):
        orders[target]["off_list"] = order_with_off_list_item(site, people, hour_ago).pk
        complaint = order_in(
            site,
            "dispatched",
            at=hour_ago,
            people=people,
            category="complaint",
            subcategory="noise",
        )
        orders[target]["complaint"] = complaint.pk
    owner, other_owner = site.residents["owner"], site.residents["other_owner"]
    other_vehicle = f.VehicleFactory(community=site.other, plate="新C10001", resident=other_owner)
    votes = {
        target: vote_create(
            actor=manager,
            community=community,
            data={
                "title": "Sweep",
                "matter": "ordinary",
                "opens_at": timezone.now(),
                "closes_at": timezone.now() + timedelta(days=7),
            },
        ).pk
        for target, manager, community in (
            ("here", site.manager, site.community),
            ("other", site.other_manager, site.other),
        )
    }
    notices = {
        target: notice_publish(
            actor=manager,
            notice=notice_save(
                actor=manager,
                community=community,
                data={"title": "Sweep notice", "body": "For everyone."},
            ),
        ).pk
        for target, manager, community in (
            ("here", site.manager, site.community),
            ("other", site.other_manager, site.other),
        )
    }
    surveys = {}
    for target, manager, community in (
        ("here", site.manager, site.community),
        ("other", site.other_manager, site.other),
    ):
        survey = survey_save(
            actor=manager,
            community=community,
            data={
                "title": "Sweep survey",
                "opens_at": timezone.now(),
                "closes_at": timezone.now() + timedelta(days=14),
            },
        )
        question = question_add(
            actor=manager,
            survey=survey,
            data={"kind": "rating", "dimension": "overall", "text": "Satisfied?"},
        )
        surveys[target] = (survey_publish(actor=manager, survey=survey).pk, question.pk)
    life = community_life(site)
    passes = {
        target: (invite(site, who=who, home=home, community=community), who)
        for target, who, home, community in (
            ("here", site.owner, "owner_home", site.community),
            ("other", site.other_owner, "other_home", site.other),
        )
    }
    inside = {
        target: pass_check_in(
            actor=guard, invitation=invite(site, who=who, home=home, community=community)
        ).invitation_id
        for target, guard, who, home, community in (
            ("here", site.guard, site.owner, "owner_home", site.community),
            ("other", site.other_manager, site.other_owner, "other_home", site.other),
        )
    }
    for manager, community in ((site.manager, site.community), (site.other_manager, site.other)):
        tariff_create(
            actor=manager,
            community=community,
            name="Sweep",
            rule={"first_minutes": 60, "first_price": "5"},
            effective_from=hour_ago - timedelta(days=1),
        )
    periods = {
        target: published_period(manager, community)
        for target, manager, community in (
            ("here", site.manager, site.community),
            ("other", site.other_manager, site.other),
        )
    }
    return {
        "here": {
            "community_id": site.community.pk,
            "building_id": site.buildings[0].pk,
            "unit_id": site.units["owner_home"].pk,
            "resident_id": owner.pk,
            "vehicle_id": Vehicle.objects.get(resident=owner).pk,
            "space_id": ParkingSpace.objects.get(unit=site.units["owner_home"]).pk,
            "residency_id": Residency.objects.get(resident=site.residents["owner_spouse"]).pk,
            "newcomer_id": f.ResidentFactory(community=site.community).pk,
            "orders": orders["here"],
            "work_order_id": orders["here"]["dispatched"],
            "assignee_id": site.electrician.pk,
            "transfer_to_id": site.engineer.pk,
            **billed_home(site.units["owner_home"], site.admin),
            "vote_id": votes["here"],
            "token_id": token_issue(user=site.manager, device="sweep")[0].pk,
            "notification_id": Notification.objects.create(
                recipient=site.electrician, community=site.community, subject="S", body="B"
            ).pk,
            "notice_id": notices["here"],
            "survey_id": surveys["here"][0],
            "survey_question_id": surveys["here"][1],
            **life["here"],
            "invitation_id": passes["here"][0].pk,
            "pass_code": passes["here"][0].code,
            "inside_invitation_id": inside["here"],
            "period_id": periods["here"],
            "parcel_id": parcel_for(site, "owner_home").pk,
            "price_item_id": PriceListItem.objects.create(
                community=site.community, name="Unblock a drain", unit="time", price=50
            ).pk,
            "session_id": lost_ticket(site.community),
            **sweep_patrol(site),
            **sweep_maintenance(site),
            **sweep_stores(site),
            **sweep_handover(site),
            **sweep_equipment(site),
        },
        "other": {
            "community_id": site.other.pk,
            "building_id": site.units["other_home"].building_id,
            "unit_id": site.units["other_home"].pk,
            "resident_id": other_owner.pk,
            "vehicle_id": other_vehicle.pk,
            "space_id": f.ParkingSpaceFactory(
                community=site.other, unit=site.units["other_home"]
            ).pk,
            "residency_id": Residency.objects.get(resident=other_owner).pk,
            "newcomer_id": f.ResidentFactory(community=site.other).pk,
            "orders": orders["other"],
            "work_order_id": orders["other"]["dispatched"],
            "assignee_id": site.other_manager.pk,
            "transfer_to_id": site.admin.pk,
            **billed_home(site.units["other_home"], site.admin),
            "vote_id": votes["other"],
            "token_id": token_issue(user=site.other_manager, device="sweep")[0].pk,
            "notification_id": Notification.objects.create(
                recipient=site.other_manager, community=site.other, subject="S", body="B"
            ).pk,
            "notice_id": notices["other"],
            "survey_id": surveys["other"][0],
            "survey_question_id": surveys["other"][1],
            **life["other"],
            "invitation_id": passes["other"][0].pk,
            "pass_code": passes["other"][0].code,
            "inside_invitation_id": inside["other"],
            "period_id": periods["other"],
            "parcel_id": parcel_for(site, "other_home", by="other_manager").pk,
            "price_item_id": PriceListItem.objects.create(
                community=site.other, name="Unblock a drain", unit="time", price=40
            ).pk,
            "session_id": lost_ticket(site.other),
            **sweep_patrol(site, site.other, manager=site.other_manager, guard=site.other_manager),
            **sweep_maintenance(site, site.other, technician=site.other_manager),
            **sweep_stores(site, site.other, keeper=site.other_manager),
            **sweep_handover(site, site.other),
            **sweep_equipment(site, site.other, keeper=site.other_manager),
        },
    }


def lost_ticket(community) -> int:
    """A gate of the community and a stay whose ticket was lost, with ¥20 to pay."""
    gate = Gate.objects.create(community=community, code="SWEEP", name="Sweep gate")
    return ParkingSession.objects.create(
        community=community,
        plate="新A54321",
        kind="temporary",
        status="exception",
        exception="lost_ticket",
        entered_at=timezone.now() - timedelta(hours=3),
        entry_gate=gate,
        fee=20,
    ).pk


def published_period(manager, community) -> int:
    period = publicity.fund_period_create(
        actor=manager, community=community, kind="quarter", start=date(2026, 7, 1)
    )
    publicity.fund_line_add(
        actor=manager, period=period, category="parking", description="Parking", amount="10"
    )
    return publicity.fund_period_publish(actor=manager, period=period).pk


def _call(client, method: str, url: str, headers: dict, body: dict | None, files=None):
    """One request whose changes are rolled back, so every call meets the same data."""
    with transaction.atomic():
        if files is not None:
            response = client.post(url, data=files, headers=headers)
        else:
            response = client.generic(
                method,
                url,
                data=None if body is None else json.dumps(body),
                content_type="application/json",
                headers=headers,
            )
        transaction.set_rollback(True)
    return response


def png_upload():
    from io import BytesIO

    from django.core.files.uploadedfile import SimpleUploadedFile
    from PIL import Image

    buffer = BytesIO()
    Image.new("RGB", (4, 4), "red").save(buffer, "PNG")
    return SimpleUploadedFile("photo.png", buffer.getvalue(), content_type="image/png")


@pytest.mark.parametrize(("method", "path"), ROUTES, ids=[f"{m} {p}" for m, p in ROUTES])
def test_route_answers_each_role_as_expected(client, site, sweep_objects, method, path):
    access = EXPECTED.get((method, path))
    assert access is not None, (
        f"{method} {path} has no row in EXPECTED of tests/test_api_access_sweep.py: "
        "say which roles may use it, so that the sweep can catch a leak."
    )
    headers = {role: {} if role == "anonymous" else bearer(getattr(site, role)) for role in ROLES}
    problems = []
    for target, allowed in (("here", access.here), ("other", access.other)):
        objects = sweep_objects[target]
        try:
            url = path.format(**(access.params(objects) if access.params else objects))
        except KeyError as missing:
            pytest.fail(f"{path}: add the object for {missing} to sweep_objects")
        if access.query:
            url += "?" + urlencode(access.query(objects))
        body = access.body(objects) if access.body else None
        for role in ROLES:
            files = access.files(objects) if access.files else None
            response = _call(client, method, url, headers[role], body, files)
            status = response.status_code
            if access.listing and 200 <= status < 300:
                listed = {item["id"] for item in response.json()["items"]}
                sees = objects[access.listing] in listed
                if sees != (role in allowed):
                    problems.append(f"{target:5} {role:13} sees it: {sees}")
                continue
            ok = role in (LOGGED_IN if access.listing else allowed)
            if status >= 500:
                problems.append(f"{target:5} {role:13} {status} server error")
            elif ok and not 200 <= status < 300:
                problems.append(f"{target:5} {role:13} {status}, expected 2xx: {response.content}")
            elif not ok:
                refused = {401} if role == "anonymous" else {403, 404}
                if status not in refused:
                    problems.append(
                        f"{target:5} {role:13} {status}, expected {sorted(refused)}"
                        f"{' (LEAK)' if 200 <= status < 300 else ''}"
                    )
    assert not problems, f"{method} {path}:\n" + "\n".join(problems)
