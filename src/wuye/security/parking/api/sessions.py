"""API: the barrier cameras' events, and the parking sessions with their payments.

A gate device (signed in as a guard or the front desk: `parking.operate`) posts each plate
it reads; the answer is the car's session with what is due, whether the barrier opens and
the texts for its display and loudspeaker. A repeat of an event id answers as the first time.
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Annotated, Literal

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status
from ninja.errors import HttpError

from wuye.billing.models import PaymentMethod
from wuye.core import policy
from wuye.core.api import Body, Id, IdIn, Moment, Page, PageParams, errors, paginate, text_in
from wuye.core.models import Community

from .. import queries, services
from ..models import Gate, ParkingSession

router = Router(tags=["parking"])
OPERATION = "wuye_security_parking_api_"

Money = Annotated[str, Field(description="Yuan, two places, as a decimal string.")]


class SessionOut(Schema):
    id: int
    community_id: int
    plate: str
    plate_colour: str
    vehicle_type: str
    kind: Literal["monthly", "temporary", "visitor"]
    status: Literal["inside", "paid", "left", "exception"]
    exception: str = Field(description="no_entry, unreadable or lost_ticket; blank if none.")
    entered_at: datetime | None
    exited_at: datetime | None
    entry_gate: str | None = Field(description="The entry gate's code.")
    exit_gate: str | None = Field(description="The exit gate's code, once the car was there.")
    fee: Money = Field(description="The stay's fee as last priced (at the exit or a payment).")
    paid: Money
    paid_until: datetime | None = Field(description="It may leave without paying until then.")


class GateEventIn(Body):
    community_id: IdIn
    gate: text_in(30, required=True)
    direction: Literal["in", "out"]
    plate: text_in(20) = Field(description="As the camera read it; blank if unreadable.")
    at: Moment
    event_id: text_in(64, required=True) = Field(description="The device's id of the event.")
    plate_colour: Literal["", "blue", "yellow", "green", "white", "black"] = ""
    camera: text_in(64) = ""
    photo_ref: text_in(200) = ""


class GateEventOut(SessionOut):
    open_barrier: bool
    display: str
    voice: str
    fee_due: Money = Field(description="To pay before the barrier opens.")
    duplicate: bool = Field(description="The event id was already recorded: the first answer.")


class SessionFilters(Schema):
    community_id: Id = None
    open: bool = Field(None, description="true: cars not yet gone; false: stays ended.")


class PayIn(Body):
    amount: Annotated[str, Field(pattern=r"^[0-9]{1,8}(\.[0-9]{1,2})?$")]
    method: PaymentMethod
    reference: text_in(64) = Field(
        "", description="The payment's own reference: the same one is taken once."
    )


class ParkingPaymentOut(Schema):
    id: int
    amount: Money
    method: str
    reference: str
    at: datetime
    session: SessionOut


def _money(value) -> str:
    return f"{Decimal(value):.2f}"


def _session(session: ParkingSession) -> dict:
    return {
        "id": session.pk,
        "community_id": session.community_id,
        "plate": session.plate,
        "plate_colour": session.plate_colour,
        "vehicle_type": session.vehicle_type,
        "kind": session.kind,
        "status": session.status,
        "exception": session.exception,
        "entered_at": session.entered_at,
        "exited_at": session.exited_at,
        "entry_gate": session.entry_gate.code if session.entry_gate_id else None,
        "exit_gate": session.exit_gate.code if session.exit_gate_id else None,
        "fee": _money(session.fee),
        "paid": _money(session.paid),
        "paid_until": session.paid_until,
    }


def _community(user, community_id: int, perm: str) -> Community:
    """The community, when the caller may `perm` there: 404 if they cannot see its gate."""
    if not policy.has_perm(user, "parking.view", community_id) and not policy.has_perm(
        user, perm, community_id
    ):
        raise HttpError(404, _("Not found."))
    policy.require_perm(user, perm, community_id)
    return Community.objects.get(pk=community_id)


@router.post(
    "/gate-events",
    response={200: GateEventOut, 201: GateEventOut, **errors()},
    operation_id=f"{OPERATION}gate_event_create",
    summary="Record a camera's plate at a gate; answers whether the barrier opens",
    description="Idempotent by event_id within the community: a repeat answers 200 with the "
    "first answer and duplicate=true. An unreadable plate, or an exit with no entry, opens a "
    "session marked for the guard (status exception).",
)
def gate_event_create(request, payload: GateEventIn):
    community = _community(request.auth, payload.community_id, "parking.operate")
    if not Gate.objects.filter(community=community, code=payload.gate.strip()).exists():
        raise HttpError(404, _("No gate “%(gate)s” in this community.") % {"gate": payload.gate})
    outcome = services.gate_event_record(
        community=community,
        gate_code=payload.gate.strip(),
        direction=payload.direction,
        plate_read=payload.plate,
        at=payload.at,
        event_id=payload.event_id,
        plate_colour=payload.plate_colour,
        camera=payload.camera,
        photo_ref=payload.photo_ref,
    )
    session = ParkingSession.objects.select_related("entry_gate", "exit_gate").get(
        pk=outcome.session.pk
    )
    body = {
        **_session(session),
        "open_barrier": outcome.open_barrier,
        "display": outcome.display,
        "voice": outcome.voice,
        "fee_due": _money(outcome.fee_due),
        "duplicate": outcome.duplicate,
    }
    return Status(200 if outcome.duplicate else 201, body)


@router.get(
    "/parking-sessions",
    response={200: Page[SessionOut], **errors(401, 422)},
    operation_id=f"{OPERATION}parking_session_list",
    summary="Parking sessions of the communities whose gate the caller sees, newest first",
)
def parking_session_list(request, filters: Query[SessionFilters], paging: Query[PageParams]):
    sessions = queries.session_search(
        queries.sessions_visible_to(request.auth, filters.community_id), open=filters.open
    )
    count, items = paginate(sessions.order_by("-entered_at", "-pk"), paging)
    return {"count": count, "items": [_session(s) for s in items]}


@router.post(
    "/parking-sessions/{session_id}/pay",
    response={200: ParkingPaymentOut, **errors()},
    operation_id=f"{OPERATION}parking_session_pay",
    summary="Take a payment for a stay (never more than is due; once per reference)",
)
def parking_session_pay(request, session_id: Id, payload: PayIn):
    session = get_object_or_404(queries.sessions_visible_to(request.auth), pk=session_id)
    policy.require_perm(request.auth, "parking.operate", session.community_id)
    payment = services.session_pay(
        actor=request.auth,
        session=session,
        amount=Decimal(payload.amount),
        method=payload.method,
        reference=payload.reference,
    )
    session = ParkingSession.objects.select_related("entry_gate", "exit_gate").get(pk=session.pk)
    return {
        "id": payment.pk,
        "amount": _money(payment.amount),
        "method": payment.method,
        "reference": payment.reference,
        "at": payment.at,
        "session": _session(session),
    }
