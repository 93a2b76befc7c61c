"""API: work orders — report, list, follow the timeline, act on them — and the price list.

Every route starts from `queries.work_orders_visible_to`, so an order the caller may not see
is a 404. Actions go through `services`: not this person's to take → 403, not from the
order's current state → 409, a bad field → 400 naming it. Each action has its own route
(`/work-orders/{id}/actions/<action>`) with the fields it takes.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status
from ninja.errors import HttpError

from wuye.core import policy
from wuye.core.api import (
    Body,
    BoolIn,
    DecimalIn,
    Id,
    IdIn,
    LongText,
    Page,
    PageParams,
    SmallIntIn,
    Text,
    errors,
    paginate,
)
from wuye.core.validators import mask_mobile
from wuye.estates.models import Unit
from wuye.estates.queries import communities_visible_to, residents_visible_to

from . import queries, services, workflow
from .indicators.api import router as indicators_router
from .models import (
    COMPLAINANT_HINTS,
    CallbackMethod,
    Category,
    Channel,
    ComplainantType,
    Priority,
    ReplyChannel,
    Subcategory,
    Visibility,
    WorkOrder,
    WorkOrderEvent,
)
from .models import (
    Status as OrderStatus,
)
from .workflow import InvalidTransition

router = Router(tags=["work orders"])
router.add_router("", indicators_router)
ACTION_ERRORS = errors(400, 401, 403, 404, 409, 422)


# ---- shapes -----------------------------------------------------------------------------


class SlaOut(Schema):
    response_due_at: datetime | None
    arrival_due_at: datetime | None
    resolution_due_at: datetime | None
    breached: bool = Field(description="A deadline was missed, or has passed while unmet.")


class WorkOrderOut(Schema):
    id: int
    number: str = Field(description="Community code, date and sequence: BDX-20261127-0007.")
    community_id: int
    unit_id: int | None
    unit_label: str | None
    location: str
    category: Category
    subcategory: Subcategory
    priority: Priority
    channel: Channel
    status: OrderStatus
    description: str
    contact_name: str
    contact_phone: str = Field(description="Masked for roles that do not call residents.")
    preferred_from: datetime | None
    preferred_to: datetime | None
    assignee_id: int | None
    assignee_name: str | None
    team_id: int | None
    created_at: datetime
    updated_at: datetime
    responded_at: datetime | None
    arrived_at: datetime | None
    resolved_at: datetime | None
    closed_at: datetime | None
    rework_count: int
    escalation_level: int = Field(description="Staff only: 0 for residents.")
    amount_owed: Decimal
    owner_score: int | None
    chase_count: int
    complainant_type: ComplainantType | None = Field(description="Staff only: null for residents.")
    reply_promised_at: datetime | None
    responder_id: int | None
    sla: SlaOut


class EventOut(Schema):
    id: int
    at: datetime
    actor_id: int | None
    actor_name: str | None
    action: str
    from_status: str
    to_status: str
    note: str = Field(description="Residents read only the notes written to them.")
    visibility: Visibility = Field(
        description="Who reads the line: staff only (`internal`), the owner without its note "
        "(`progress`) or with it (`owner`). Residents get only the last two."
    )
    data: dict[str, Any]


class ItemOut(Schema):
    id: int
    price_item_id: int | None
    name: str
    unit: str
    quantity: Decimal
    unit_price: Decimal
    amount: Decimal
    off_list: bool = Field(description="Charged off the published price list.")
    approved_at: datetime | None = Field(description="Off the list: when a supervisor approved.")
    withdrawn_at: datetime | None = Field(description="Taken back by rework: no longer charged.")


class WorkOrderDetailOut(WorkOrderOut):
    result: str
    owner_comment: str
    on_hold_seconds: int
    complaint_steps: list[int] = Field(description="Staff only: empty for residents.")
    complainant_hint: str | None = Field(description="Staff only: null for residents.")
    actions: list[str] = Field(description="The actions the caller may take now.")
    items: list[ItemOut]
    events: list[EventOut] = Field(
        description="The timeline: all of it for staff; for residents the replies and the "
        "progress of their request."
    )


class WorkOrderIn(Body):
    community_id: IdIn
    unit_id: IdIn | None = Field(None, description="The home; or give `location`.")
    location: Text = ""
    category: Category
    subcategory: Subcategory = Subcategory.OTHER
    priority: Priority = Priority.NORMAL
    channel: Channel
    description: LongText
    reporter_resident_id: IdIn | None = Field(None, description="Staff: the calling resident.")
    contact_name: Text = ""
    contact_phone: Text = ""
    preferred_from: datetime | None = None
    preferred_to: datetime | None = None
    complainant_type: ComplainantType | None = None


class WorkOrderFilters(Schema):
    community_id: Id = None
    status: OrderStatus = None
    category: Category = None
    priority: Priority = None
    assignee_id: Id = None
    overdue: bool = Field(None, description="Open orders past a deadline (or not).")
    q: Text = Field(None, description="Part of the number or description.")


class ItemIn(Body):
    price_item_id: IdIn | None = Field(None, description="An item of the published price list.")
    name: Text | None = None
    unit: Text | None = None
    unit_price: DecimalIn | None = None
    quantity: DecimalIn = Decimal("1")


TO_OWNER = Field(
    False,
    description="Staff: the note is a reply the owner reads (accept, dispatch, start, hold, "
    "resume, close, reopen, cancel, comment); otherwise only staff read it.",
)


class NoteIn(Body):
    note: LongText = ""
    to_owner: BoolIn = TO_OWNER


class AssignIn(Body):
    assignee_id: IdIn = Field(description="The staff member's user id (as /api/v1/me gives it).")
    note: LongText = ""
    to_owner: BoolIn = TO_OWNER


class TransferIn(Body):
    assignee_id: IdIn
    reason: LongText


class ReasonIn(Body):
    reason: LongText
    to_owner: BoolIn = TO_OWNER


class ResolveIn(Body):
    result: LongText
    items: list[ItemIn] = Field(default_factory=list, max_length=50)
    withdraw_item_ids: list[IdIn] = Field(
        default_factory=list,
        max_length=50,
        description="Rework: the order's priced items no longer charged.",
    )


class RateIn(Body):
    score: SmallIntIn = Field(description="1 to 5.")
    comment: LongText = ""


class VisitIn(Body):
    satisfied: BoolIn
    method: CallbackMethod = CallbackMethod.PHONE
    score: SmallIntIn | None = None
    note: LongText = ""


class CommentIn(Body):
    text: LongText
    to_owner: BoolIn = TO_OWNER


class ReplyIn(Body):
    channel: ReplyChannel = Field(description="How the reply reached the complainant.")
    text: LongText = Field(description="What was said.")
    replied_by_id: IdIn | None = Field(
        None, description="The staff member who replied (default: the caller)."
    )
    replied_at: datetime | None = Field(None, description="When it was given (default: now).")


class RegisterParams(Schema):
    day: str | None = Field(
        None, pattern=r"^\d{4}-\d{2}-\d{2}$", description="The day (YYYY-MM-DD); default today."
    )


class RegisterReplyOut(Schema):
    at: datetime
    channel: ReplyChannel
    replied_by: str
    text: str


class RegisterRowOut(Schema):
    work_order_id: int
    number: str
    unit_label: str | None
    location: str
    contact_name: str
    received_at: datetime
    status: OrderStatus = Field(description="The order's state now.")
    responder_id: int | None
    responder_name: str | None
    reply_promised_at: datetime | None
    answered: bool = Field(description="A reply was recorded for that day.")
    replies: list[RegisterReplyOut]


class RegisterOut(Schema):
    community_id: int
    day: date
    open: int
    answered: int
    rows: list[RegisterRowOut]


class SuggestionOut(Schema):
    user_id: int
    name: str
    team: str
    open_orders: int
    skilled: bool
    on_duty: bool


class PriceItemOut(Schema):
    id: int
    name: str
    unit: str
    price: Decimal


# ---- helpers ----------------------------------------------------------------------------


def _name(user) -> str | None:
    return None if user is None else (user.get_full_name() or user.get_username())


def _order_out(order: WorkOrder, user, now: datetime) -> dict:
    """The order as `user` reads it: a resident does not read what staff keep for
    themselves (the complainant's type, escalations; with the detail: the ten steps and
    the handling hint)."""
    owner = workflow.reads_as_owner(user, order)
    phone = order.contact_phone
    if not (
        policy.has_perm(user, "resident.view_mobile", order.community_id)
        or workflow.is_reporter(user, order)
    ):
        phone = mask_mobile(phone)
    return {
        "id": order.pk,
        "number": order.number,
        "community_id": order.community_id,
        "unit_id": order.unit_id,
        "unit_label": order.unit.label if order.unit_id else None,
        "location": order.location,
        "category": order.category,
        "subcategory": order.subcategory,
        "priority": order.priority,
        "channel": order.channel,
        "status": order.status,
        "description": order.description,
        "contact_name": order.contact_name,
        "contact_phone": phone,
        "preferred_from": order.preferred_from,
        "preferred_to": order.preferred_to,
        "assignee_id": order.assignee_id,
        "assignee_name": _name(order.assignee) if order.assignee_id else None,
        "team_id": order.team_id,
        "created_at": order.created_at,
        "updated_at": order.updated_at,
        "responded_at": order.responded_at,
        "arrived_at": order.arrived_at,
        "resolved_at": order.resolved_at,
        "closed_at": order.closed_at,
        "rework_count": order.rework_count,
        "escalation_level": 0 if owner else order.escalation_level,
        "amount_owed": order.amount_owed,
        "owner_score": order.owner_score,
        "chase_count": order.chase_count,
        "complainant_type": None if owner else order.complainant_type or None,
        "reply_promised_at": order.reply_promised_at,
        "responder_id": order.responder_id,
        "sla": {
            "response_due_at": order.response_due_at,
            "arrival_due_at": order.arrival_due_at,
            "resolution_due_at": order.resolution_due_at,
            "breached": order.breached(now),
        },
    }


def _event_out(event: WorkOrderEvent) -> dict:
    return {
        "id": event.pk,
        "at": event.at,
        "actor_id": event.actor_id,
        "actor_name": _name(event.actor),
        "action": event.action,
        "from_status": event.from_status,
        "to_status": event.to_status,
        "note": event.note,
        "visibility": event.visibility,
        "data": event.data,
    }


def _detail_out(user, order_id: int) -> dict:
    try:
        order = queries.work_order_detail(user, order_id)
    except WorkOrder.DoesNotExist:
        raise HttpError(404, _("Not found.")) from None
    owner = workflow.reads_as_owner(user, order)
    hint = None if owner else COMPLAINANT_HINTS.get(order.complainant_type)
    return {
        **_order_out(order, user, timezone.now()),
        "result": order.result,
        "owner_comment": order.owner_comment,
        "on_hold_seconds": order.on_hold_seconds,
        "complaint_steps": [] if owner else order.complaint_steps,
        "complainant_hint": str(hint) if hint else None,
        "actions": workflow.allowed_actions(user, order),
        "items": [
            {
                "id": i.pk,
                "price_item_id": i.price_item_id,
                "name": i.name,
                "unit": i.unit,
                "quantity": i.quantity,
                "unit_price": i.unit_price,
                "amount": i.amount,
                "off_list": i.off_list,
                "approved_at": i.approved_at,
                "withdrawn_at": i.removed_at,
            }
            for i in order.items.all()
        ],
        "events": [_event_out(e) for e in queries.timeline_of(user, order)],
    }


def _visible_order(user, order_id: int) -> WorkOrder:
    return get_object_or_404(queries.work_orders_visible_to(user), pk=order_id)


def _aware(value: datetime | None, field: str) -> datetime | None:
    if value is None:
        return None
    if not 2000 <= value.year <= 2100:
        raise ValidationError({field: [_("Choose a time within the coming year.")]})
    return timezone.make_aware(value) if timezone.is_naive(value) else value


def _staff_user(order: WorkOrder, user_id: int, field: str = "assignee_id"):
    """The staff member a user id names, among the staff of the order's community."""
    found = get_user_model().objects.filter(pk=user_id, is_active=True).first()
    if found is None or not policy.roles_in(found, order.community_id):
        raise ValidationError({field: [_("Choose a staff member of this community.")]})
    return found


# Services name model fields (`assignee`, `unit`); the API's clients send ids.
FIELD_NAMES = {
    "assignee": "assignee_id",
    "unit": "unit_id",
    "reporter_resident": "reporter_resident_id",
    "replied_by": "replied_by_id",
}


@contextmanager
def answered() -> Iterator[None]:
    """A wrong state is a 409; field errors are reported under the names the client sent."""
    try:
        yield
    except InvalidTransition as exc:
        raise HttpError(409, str(exc)) from exc
    except ValidationError as exc:
        if not hasattr(exc, "error_dict"):
            raise
        raise ValidationError(
            {FIELD_NAMES.get(f, f): messages for f, messages in exc.error_dict.items()}
        ) from exc


# ---- reading ----------------------------------------------------------------------------


@router.get(
    "/work-orders",
    response={200: Page[WorkOrderOut], **errors()},
    summary="Work orders the caller may see: filter by status, category, assignee, overdue",
)
def work_order_list(request, filters: Query[WorkOrderFilters], paging: Query[PageParams]):
    user = request.auth
    params = filters.model_dump(exclude_none=True)
    count, rows = paginate(queries.work_order_list(user, params), paging)
    now = timezone.now()
    return {"count": count, "items": [_order_out(o, user, now) for o in rows]}


@router.get(
    "/work-orders/{work_order_id}",
    response={200: WorkOrderDetailOut, **errors()},
    summary="A work order with its timeline, priced items and the caller's possible actions",
)
def work_order_detail(request, work_order_id: Id):
    return _detail_out(request.auth, work_order_id)


@router.get(
    "/work-orders/{work_order_id}/suggestions",
    response={200: list[SuggestionOut], **errors()},
    summary="Who to dispatch to: by team, skill, open load and night duty",
)
def work_order_suggestions(request, work_order_id: Id):
    user = request.auth
    order = _visible_order(user, work_order_id)
    if not workflow.may_dispatch(user, order):
        raise HttpError(403, _("You may not do this."))
    return [
        {
            "user_id": s.user.pk,
            "name": _name(s.user),
            "team": s.team_name,
            "open_orders": s.open_orders,
            "skilled": s.skilled,
            "on_duty": s.on_duty,
        }
        for s in queries.dispatch_suggestions(order)
    ]


@router.get(
    "/communities/{community_id}/price-list",
    response={200: list[PriceItemOut], **errors()},
    summary="The published repair prices (收费公示) of a community",
)
def price_list(request, community_id: Id):
    community = get_object_or_404(communities_visible_to(request.auth), pk=community_id)
    return [
        {"id": p.pk, "name": p.name, "unit": p.unit, "price": p.price}
        for p in queries.price_list(community.pk)
    ]


# ---- reporting --------------------------------------------------------------------------


@router.post(
    "/work-orders",
    response={201: WorkOrderDetailOut, **errors()},
    summary="Report a request: staff for anyone, a resident for their own home (portal/app)",
)
def work_order_create(request, payload: WorkOrderIn):
    user = request.auth
    community = get_object_or_404(communities_visible_to(user), pk=payload.community_id)
    with answered():
        unit = resident = None
        if payload.unit_id is not None:
            # Among the community's homes: the service refuses a resident someone else's.
            unit = Unit.objects.filter(community=community, pk=payload.unit_id).first()
            if unit is None:
                raise ValidationError({"unit_id": [_("Choose a home of this community.")]})
        if payload.reporter_resident_id is not None:
            resident = (
                residents_visible_to(user, community.pk)
                .filter(pk=payload.reporter_resident_id)
                .first()
            )
            if resident is None:
                raise ValidationError(
                    {"reporter_resident_id": [_("Choose a resident of this community.")]}
                )
        order = services.work_order_submit(
            actor=user,
            community=community,
            unit=unit,
            location=payload.location,
            category=payload.category,
            subcategory=payload.subcategory,
            priority=payload.priority,
            channel=payload.channel,
            description=payload.description,
            reporter_resident=resident,
            contact_name=payload.contact_name,
            contact_phone=payload.contact_phone,
            preferred_from=_aware(payload.preferred_from, "preferred_from"),
            preferred_to=_aware(payload.preferred_to, "preferred_to"),
            complainant_type=payload.complainant_type or "",
        )
    return Status(201, _detail_out(user, order.pk))


# ---- actions ----------------------------------------------------------------------------


def _act(request, work_order_id: int, function, **fields) -> dict:
    user = request.auth
    order = _visible_order(user, work_order_id)
    with answered():
        function(order=order, actor=user, **fields)
    return _detail_out(user, order.pk)


def _action(action: str, summary: str):
    return router.post(
        f"/work-orders/{{work_order_id}}/actions/{action}",
        response={200: WorkOrderDetailOut, **ACTION_ERRORS},
        summary=summary,
        operation_id=f"work_order_{action}",
    )


@_action("accept", "Accept a submitted request (受理)")
def accept(request, work_order_id: Id, payload: NoteIn):
    return _act(
        request,
        work_order_id,
        services.work_order_accept,
        note=payload.note,
        to_owner=payload.to_owner,
    )


@_action("dispatch", "Dispatch to a staff member (派单)")
def dispatch(request, work_order_id: Id, payload: AssignIn):
    user = request.auth
    order = _visible_order(user, work_order_id)
    with answered():
        assignee = _staff_user(order, payload.assignee_id)
    return _act(
        request,
        work_order_id,
        services.work_order_dispatch,
        assignee=assignee,
        note=payload.note,
        to_owner=payload.to_owner,
    )


@_action("start", "The assignee starts on site")
def start(request, work_order_id: Id, payload: NoteIn):
    return _act(
        request,
        work_order_id,
        services.work_order_start,
        note=payload.note,
        to_owner=payload.to_owner,
    )


@_action("hold", "Put on hold: waiting for parts or for the owner (挂起)")
def hold(request, work_order_id: Id, payload: ReasonIn):
    return _act(
        request,
        work_order_id,
        services.work_order_hold,
        reason=payload.reason,
        to_owner=payload.to_owner,
    )


@_action("resume", "Resume from hold")
def resume(request, work_order_id: Id, payload: NoteIn):
    return _act(
        request,
        work_order_id,
        services.work_order_resume,
        note=payload.note,
        to_owner=payload.to_owner,
    )


@_action("transfer", "Transfer to another staff member, with the reason (转单)")
def transfer(request, work_order_id: Id, payload: TransferIn):
    user = request.auth
    order = _visible_order(user, work_order_id)
    with answered():
        assignee = _staff_user(order, payload.assignee_id)
    return _act(
        request,
        work_order_id,
        services.work_order_transfer,
        assignee=assignee,
        reason=payload.reason,
    )


@_action("send_back", "The assignee sends the order back for re-dispatch (退单)")
def send_back(request, work_order_id: Id, payload: ReasonIn):
    return _act(request, work_order_id, services.work_order_send_back, reason=payload.reason)


@_action("resolve", "Resolve with a result note and priced items (完工)")
def resolve(request, work_order_id: Id, payload: ResolveIn):
    items = [item.model_dump(exclude_none=True) for item in payload.items]
    return _act(
        request,
        work_order_id,
        services.work_order_resolve,
        result=payload.result,
        items=items,
        withdraw_item_ids=payload.withdraw_item_ids,
    )


@_action("rate", "The owner rates the work (1–5)")
def rate(request, work_order_id: Id, payload: RateIn):
    return _act(
        request,
        work_order_id,
        services.work_order_rate,
        score=payload.score,
        comment=payload.comment,
    )


@_action("approve_items", "A supervisor approves the items charged off the price list")
def approve_items(request, work_order_id: Id, payload: NoteIn):
    return _act(request, work_order_id, services.work_order_approve_items, note=payload.note)


@_action("visit", "Record the call-back (回访)")
def visit(request, work_order_id: Id, payload: VisitIn):
    return _act(
        request,
        work_order_id,
        services.work_order_visit,
        satisfied=payload.satisfied,
        method=payload.method,
        score=payload.score,
        note=payload.note,
    )


@_action("close", "Close the order")
def close(request, work_order_id: Id, payload: NoteIn):
    return _act(
        request,
        work_order_id,
        services.work_order_close,
        note=payload.note,
        to_owner=payload.to_owner,
    )


@_action("reopen", "Reopen, with the reason: the work is done again")
def reopen(request, work_order_id: Id, payload: ReasonIn):
    return _act(
        request,
        work_order_id,
        services.work_order_reopen,
        reason=payload.reason,
        to_owner=payload.to_owner,
    )


@_action("cancel", "Cancel, with the reason")
def cancel(request, work_order_id: Id, payload: ReasonIn):
    return _act(
        request,
        work_order_id,
        services.work_order_cancel,
        reason=payload.reason,
        to_owner=payload.to_owner,
    )


@_action("chase", "The owner asks for progress (催单)")
def chase(request, work_order_id: Id, payload: NoteIn):
    return _act(request, work_order_id, services.work_order_chase, note=payload.note)


@_action("comment", "Add a note to the timeline")
def comment(request, work_order_id: Id, payload: CommentIn):
    return _act(
        request,
        work_order_id,
        services.work_order_comment,
        text=payload.text,
        to_owner=payload.to_owner,
    )


@_action("reply", "Record a reply given to the complainant (答复): how, who, what, when")
def reply(request, work_order_id: Id, payload: ReplyIn):
    user = request.auth
    order = _visible_order(user, work_order_id)
    with answered():
        replied_by = None
        if payload.replied_by_id is not None:
            replied_by = _staff_user(order, payload.replied_by_id, "replied_by_id")
        replied_at = _aware(payload.replied_at, "replied_at")
    return _act(
        request,
        work_order_id,
        services.work_order_reply,
        channel=payload.channel,
        text=payload.text,
        replied_by=replied_by,
        replied_at=replied_at,
    )


# ---- the daily register of replies to complaints ------------------------------------------


def _register_day(text: str | None) -> date:
    """The day of the register asked for: today when left out; never a day to come."""
    today = timezone.localdate()
    if text is None:
        return today
    try:
        day = date.fromisoformat(text)
    except ValueError:
        raise ValidationError({"day": [_("Enter a date as YYYY-MM-DD.")]}) from None
    if day > today:
        raise ValidationError({"day": [_("Choose today or a day before.")]})
    return day


@router.get(
    "/communities/{community_id}/complaint-register",
    response={200: RegisterOut, **errors(400, 401, 403, 404, 422)},
    summary="The daily register of replies (每日答复登记): open complaints, answered that day?",
)
def complaint_register(request, community_id: Id, params: Query[RegisterParams]):
    user = request.auth
    community = get_object_or_404(communities_visible_to(user), pk=community_id)
    if not policy.has_perm(user, "workorder.reply", community.pk):
        raise PermissionDenied(_("You may not do this."))
    day = _register_day(params.day)
    rows = list(queries.complaint_register(user, community.pk, day))
    return {
        "community_id": community.pk,
        "day": day,
        "open": len(rows),
        "answered": sum(1 for o in rows if o.answered),
        "rows": [
            {
                "work_order_id": o.pk,
                "number": o.number,
                "unit_label": o.unit.label if o.unit_id else None,
                "location": o.location,
                "contact_name": o.contact_name,
                "received_at": o.created_at,
                "status": o.status,
                "responder_id": o.responder_id,
                "responder_name": _name(o.responder) if o.responder_id else None,
                "reply_promised_at": o.reply_promised_at,
                "answered": o.answered,
                "replies": [
                    {
                        "at": e.at,
                        "channel": e.data.get("channel", ""),
                        "replied_by": e.data.get("replied_by", ""),
                        "text": e.note,
                    }
                    for e in o.day_replies
                ],
            }
            for o in rows
        ],
    }
