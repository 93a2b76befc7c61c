"""Every change to a work order: one function per action of the workflow.

Each action takes keyword arguments including the acting user (`actor`) and the time of the
action (`at`, default now; the demo replays a year with it), runs in one transaction, locks
the order, checks who may act (`workflow.may`, else PermissionDenied) and from which state
(`workflow.require_state`, else InvalidTransition), writes the change and its timeline event
together, and notifies people only after commit.
"""

from __future__ import annotations

import io
import re
import uuid
from datetime import datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import F, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from wuye.core import policy
from wuye.core.models import Community
from wuye.core.validators import clean_code, clean_text
from wuye.estates.models import Resident, Unit

from . import notify, sla, workflow
from .models import (
    COMPLAINT_STEPS,
    OPEN_STATES,
    RESIDENT_CHANNELS,
    CallBack,
    CallbackMethod,
    Category,
    Channel,
    ComplainantType,
    DeskSettings,
    PriceListItem,
    Priority,
    SlaPolicy,
    SpotCheck,
    Status,
    Subcategory,
    Team,
    WorkOrder,
    WorkOrderCounter,
    WorkOrderEvent,
    WorkOrderItem,
    WorkOrderPhoto,
)
from .workflow import InvalidTransition

CENT = Decimal("0.01")
MAX_PHOTO_BYTES = 8 * 1024 * 1024
PHOTO_FORMATS = {"JPEG", "PNG", "WEBP"}
MAX_TEXT = 4000
PHONE_RE = re.compile(r"^\+?[0-9][0-9-]{4,19}$")


# ---- shared steps -----------------------------------------------------------------------


def _now(at: datetime | None) -> datetime:
    return at or timezone.now()


def _text(value: str | None, field: str, *, required: bool = False, limit: int = MAX_TEXT) -> str:
    text = (value or "").strip()
    if required and not text:
        raise ValidationError({field: [_("This field is required.")]})
    if len(text) > limit:
        raise ValidationError({field: [_("Enter at most %(n)s characters.") % {"n": limit}]})
    return text


def _choice(value: str, choices, field: str) -> str:
    if value not in choices.values:
        raise ValidationError(
            {field: [_("Choose one of: %(choices)s.") % {"choices": ", ".join(choices.values)}]}
        )
    return value


def _locked(order: WorkOrder, action: str, actor, at: datetime) -> tuple[WorkOrder, workflow.Rule]:
    """The order, locked for this transaction, once its state and the actor allow `action`."""
    locked = (
        WorkOrder.objects.select_for_update(of=("self",))
        .select_related("community__standard", "reporter_resident")
        .get(pk=order.pk)
    )
    # Someone who may not see the order learns nothing of its state; someone who may see
    # it hears first whether the action is possible now, then whether it is theirs to take.
    if not policy.can(actor, "view", locked):
        raise PermissionDenied(_("You may not do this."))
    rule = workflow.require_state(locked, action)
    if not workflow.may(actor, action, locked):
        raise PermissionDenied(_("You may not do this."))
    reason = workflow.refusal(actor, action, locked, at)
    if reason:
        raise InvalidTransition(reason)
    return locked, rule


def _event(
    order: WorkOrder,
    *,
    actor,
    action: str,
    from_status: str,
    at: datetime,
    note: str = "",
    **data: Any,
) -> WorkOrderEvent:
    return WorkOrderEvent.objects.create(
        order=order,
        community_id=order.community_id,
        at=at,
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        action=action,
        from_status=from_status,
        to_status=order.status,
        note=note,
        data=data,
    )


def _save(order: WorkOrder, *fields: str) -> None:
    order.version += 1
    sla.refresh(order)
    order.save(update_fields=[*fields, "status", "next_due_at", "warn_at", "version", "updated_at"])


def _after_commit(function, *args) -> None:
    transaction.on_commit(lambda: function(*args))


def _staff_member(user, community_id: int, field: str):
    if user is None or not user.is_active or not policy.roles_in(user, community_id):
        raise ValidationError({field: [_("Choose a staff member of this community.")]})
    return user


def _settle_hold(order: WorkOrder, at: datetime) -> None:
    """Count the time on hold up to `at` and move the unmet deadlines on by it."""
    held_from = order.hold_started_at
    if held_from is None:
        return
    held_to = max(at, held_from)
    order.on_hold_seconds += int((held_to - held_from).total_seconds())
    sla.shift_for_hold(order, held_from, held_to)
    order.hold_started_at = None
    order.status_before_hold = ""


HOLD_FIELDS = (
    "hold_started_at",
    "status_before_hold",
    "on_hold_seconds",
    "response_due_at",
    "arrival_due_at",
    "resolution_due_at",
    "sla_started_at",
)


# ---- numbers ----------------------------------------------------------------------------


def _next_number(community: Community, at: datetime) -> str:
    """The next number of the community's day, e.g. BDX-20261127-0007, without gaps: the
    day's counter row is locked until the order's transaction ends (a rolled-back order
    gives its number back)."""
    day = timezone.localdate(at)
    WorkOrderCounter.objects.bulk_create(
        [WorkOrderCounter(community=community, day=day)], ignore_conflicts=True
    )
    counter = WorkOrderCounter.objects.select_for_update().get(community=community, day=day)
    counter.last += 1
    counter.save(update_fields=["last"])
    return f"{community.code}-{day:%Y%m%d}-{counter.last:04d}"


# ---- submit -----------------------------------------------------------------------------


def _reporter_for(actor, community: Community, unit: Unit | None, channel: str):
    """Whether the actor reports as staff, else the actor's resident record (checked)."""
    if policy.has_perm(actor, "workorder.create", community.pk):
        return None
    if not policy.is_resident(actor):
        raise PermissionDenied(_("You may not do this."))
    if unit is None:
        raise ValidationError({"unit": [_("Choose one of your own homes.")]})
    if unit.pk not in policy.resident_unit_ids(actor):
        raise PermissionDenied(_("You may report only for your own homes."))
    if channel not in RESIDENT_CHANNELS:
        raise ValidationError(
            {"channel": [_("Requests from the portal or the app use channel portal or app.")]}
        )
    resident = Resident.objects.filter(pk__in=policy.resident_ids(actor), community=community)
    return resident.first()


@transaction.atomic
def work_order_submit(
    *,
    actor,
    community: Community,
    category: str,
    channel: str,
    description: str,
    priority: str = Priority.NORMAL,
    subcategory: str = Subcategory.OTHER,
    unit: Unit | None = None,
    location: str = "",
    reporter_resident: Resident | None = None,
    contact_name: str = "",
    contact_phone: str = "",
    preferred_from: datetime | None = None,
    preferred_to: datetime | None = None,
    complainant_type: str = "",
    at: datetime | None = None,
) -> WorkOrder:
    """Receive a request (受理 at the front desk, or an owner's own report).

    Staff of the community report for anyone; a resident reports only for their own homes,
    through the portal or the app. An order received by someone who may accept it is
    accepted at once: that is its first response.
    """
    at = _now(at)
    errors: dict[str, list[str]] = {}
    for value, choices, field in (
        (category, Category, "category"),
        (channel, Channel, "channel"),
        (priority, Priority, "priority"),
        (subcategory, Subcategory, "subcategory"),
    ):
        try:
            _choice(value, choices, field)
        except ValidationError as exc:
            errors.update(exc.message_dict)
    if complainant_type and complainant_type not in ComplainantType.values:
        errors["complainant_type"] = [_("Choose a complainant type from the list.")]
    if unit is not None and unit.community_id != community.pk:
        errors["unit"] = [_("Choose a home of this community.")]
    location = clean_text(location)[:200]
    if unit is None and not location:
        errors["location"] = [_("Give the home or the place of the problem.")]
    description = (description or "").strip()
    if not description:
        errors["description"] = [_("Describe the request.")]
    if preferred_from and preferred_to and preferred_to < preferred_from:
        errors["preferred_to"] = [_("The window must end after it starts.")]
    if reporter_resident is not None and reporter_resident.community_id != community.pk:
        errors["reporter_resident"] = [_("Choose a resident of this community.")]
    contact_phone = clean_code(contact_phone)
    if contact_phone and not PHONE_RE.match(contact_phone):
        errors["contact_phone"] = [_("Enter a phone number such as 13912345678 or 0902-1234567.")]
    for field, value in (("preferred_from", preferred_from), ("preferred_to", preferred_to)):
        if value is not None and not at - timedelta(days=1) <= value <= at + timedelta(days=366):
            errors[field] = [_("Choose a time within the coming year.")]
    if errors:
        raise ValidationError(errors)

    resident = _reporter_for(actor, community, unit, channel)
    staff = resident is None
    if not staff:
        reporter_resident = resident
    if reporter_resident is not None:
        contact_name = contact_name or reporter_resident.name
        contact_phone = contact_phone or reporter_resident.mobile
    order = WorkOrder(
        community=community,
        number=_next_number(community, at),
        unit=unit,
        location=location,
        reporter_user=actor,
        reporter_resident=reporter_resident,
        contact_name=clean_text(contact_name)[:100],
        contact_phone=contact_phone,
        channel=channel,
        category=category,
        subcategory=subcategory,
        priority=priority,
        description=description,
        preferred_from=preferred_from,
        preferred_to=preferred_to,
        complainant_type=complainant_type if category == Category.COMPLAINT else "",
        created_at=at,
    )
    sla.set_deadlines(order, at)
    if category == Category.COMPLAINT:
        # "When and by whom": the reply is promised by the first-response deadline.
        order.reply_promised_at = order.response_due_at
        order.responder = actor if staff else None
    order.save()
    _event(order, actor=actor, action="submit", from_status="", at=at, channel=channel)
    if staff and workflow.may(actor, "accept", order):
        order.status = Status.ACCEPTED
        order.responded_at = at
        _save(order, "responded_at")
        _event(order, actor=actor, action="accept", from_status=Status.SUBMITTED, at=at)
    return order


# ---- the office: accept, dispatch, transfer ----------------------------------------------


@transaction.atomic
def work_order_accept(
    *, order: WorkOrder, actor, note: str = "", at: datetime | None = None
) -> WorkOrder:
    """Take a submitted request into the customer center's hands (first response)."""
    at = _now(at)
    order, rule = _locked(order, "accept", actor, at)
    note = _text(note, "note")
    before = order.status
    order.status = rule.target
    order.responded_at = order.responded_at or at
    fields = ["responded_at"]
    if order.category == Category.COMPLAINT and order.responder_id is None:
        order.responder = actor
        fields.append("responder")
    _save(order, *fields)
    _event(order, actor=actor, action="accept", from_status=before, at=at, note=note)
    return order


def _team_for(order: WorkOrder, assignee) -> Team | None:
    teams = Team.objects.filter(
        community_id=order.community_id, active=True, members__user=assignee
    ).distinct()
    fitting = [t for t in teams if t.takes(order.category, order.subcategory)]
    return (fitting or list(teams) or [None])[0]


@transaction.atomic
def work_order_dispatch(
    *, order: WorkOrder, assignee, actor, note: str = "", at: datetime | None = None
) -> WorkOrder:
    """Send the order to a person (派单); a submitted order is accepted on the way."""
    at = _now(at)
    order, rule = _locked(order, "dispatch", actor, at)
    assignee = _staff_member(assignee, order.community_id, "assignee")
    note = _text(note, "note")
    before = order.status
    order.status = rule.target
    order.responded_at = order.responded_at or at
    order.assignee = assignee
    order.team = _team_for(order, assignee)
    _save(order, "responded_at", "assignee", "team")
    _event(
        order,
        actor=actor,
        action="dispatch",
        from_status=before,
        at=at,
        note=note,
        assignee_id=assignee.pk,
    )
    _after_commit(notify.dispatched, order.pk)
    return order


@transaction.atomic
def work_order_transfer(
    *, order: WorkOrder, assignee, reason: str, actor, at: datetime | None = None
) -> WorkOrder:
    """Hand the order to another person (转单), with the reason; they start it afresh."""
    at = _now(at)
    order, rule = _locked(order, "transfer", actor, at)
    assignee = _staff_member(assignee, order.community_id, "assignee")
    reason = _text(reason, "reason", required=True)
    if assignee.pk == order.assignee_id:
        raise ValidationError({"assignee": [_("Choose someone other than the current assignee.")]})
    before, previous = order.status, order.assignee_id
    order.status = rule.target
    order.assignee = assignee
    order.team = _team_for(order, assignee)
    _save(order, "assignee", "team")
    _event(
        order,
        actor=actor,
        action="transfer",
        from_status=before,
        at=at,
        note=reason,
        assignee_id=assignee.pk,
        previous_assignee_id=previous,
    )
    _after_commit(notify.dispatched, order.pk)
    return order


# ---- the assignee: start, hold, resume, send back, resolve ---------------------------------


@transaction.atomic
def work_order_start(
    *, order: WorkOrder, actor, note: str = "", at: datetime | None = None
) -> WorkOrder:
    """The assignee is on site and at work: the on-site target is met."""
    at = _now(at)
    order, rule = _locked(order, "start", actor, at)
    before = order.status
    order.status = rule.target
    order.arrived_at = order.arrived_at or at
    _save(order, "arrived_at")
    _event(order, actor=actor, action="start", from_status=before, at=at, note=_text(note, "note"))
    return order


@transaction.atomic
def work_order_hold(
    *, order: WorkOrder, reason: str, actor, at: datetime | None = None
) -> WorkOrder:
    """Pause the order (挂起): waiting for parts or for the owner. Its clocks stop."""
    at = _now(at)
    order, rule = _locked(order, "hold", actor, at)
    reason = _text(reason, "reason", required=True)
    before = order.status
    order.status_before_hold = before
    order.hold_started_at = at
    order.status = rule.target
    _save(order, "status_before_hold", "hold_started_at")
    _event(order, actor=actor, action="hold", from_status=before, at=at, note=reason)
    return order


@transaction.atomic
def work_order_resume(
    *, order: WorkOrder, actor, note: str = "", at: datetime | None = None
) -> WorkOrder:
    """Back to the state the order was put on hold from; deadlines move on by the pause."""
    at = _now(at)
    order, _rule = _locked(order, "resume", actor, at)
    held_from = order.hold_started_at
    order.status = order.status_before_hold or Status.DISPATCHED
    _settle_hold(order, at)
    _save(order, *HOLD_FIELDS)
    _event(
        order,
        actor=actor,
        action="resume",
        from_status=Status.ON_HOLD,
        at=at,
        note=_text(note, "note"),
        held_seconds=int((max(at, held_from) - held_from).total_seconds()) if held_from else 0,
    )
    return order


@transaction.atomic
def work_order_send_back(
    *, order: WorkOrder, reason: str, actor, at: datetime | None = None
) -> WorkOrder:
    """The assignee returns the order for re-dispatch (退单), with the reason."""
    at = _now(at)
    order, rule = _locked(order, "send_back", actor, at)
    reason = _text(reason, "reason", required=True)
    before, previous = order.status, order.assignee_id
    order.status = rule.target
    order.assignee = None
    _save(order, "assignee")
    _event(
        order,
        actor=actor,
        action="send_back",
        from_status=before,
        at=at,
        note=reason,
        previous_assignee_id=previous,
    )
    return order


def _priced_items(order: WorkOrder, items: list[dict]) -> list[WorkOrderItem]:
    """Rows for the priced items of a paid repair: a published price-list item by id (its
    price), or an item named with its own unit and price. Errors name the item's position."""
    rows: list[WorkOrderItem] = []
    prices = {
        p.pk: p
        for p in PriceListItem.objects.filter(
            community_id=order.community_id,
            active=True,
            pk__in=[i.get("price_item_id") for i in items if i.get("price_item_id")],
        )
    }
    errors: dict[str, list[str]] = {}
    for n, item in enumerate(items):
        field = f"items.{n}"
        try:
            quantity = Decimal(str(item.get("quantity", "1"))).quantize(CENT, ROUND_HALF_UP)
        except (InvalidOperation, ValueError):
            errors[field] = [_("Enter a quantity such as 1 or 2.50.")]
            continue
        if not Decimal("0") < quantity < Decimal("1000000"):
            errors[field] = [_("Enter a quantity above zero.")]
            continue
        price_item_id = item.get("price_item_id")
        if price_item_id:
            published = prices.get(price_item_id)
            if published is None:
                errors[field] = [_("Choose an item of this community's price list.")]
                continue
            name, unit, unit_price = published.name, published.unit, published.price
        else:
            name = clean_text(item.get("name"))[:100]
            unit = clean_text(item.get("unit"))[:20]
            try:
                unit_price = Decimal(str(item.get("unit_price", ""))).quantize(CENT, ROUND_HALF_UP)
            except (InvalidOperation, ValueError):
                unit_price = None
            if not name or not unit or unit_price is None or unit_price < 0:
                errors[field] = [_("Give the item's name, unit and price, or a price-list item.")]
                continue
        amount = (quantity * unit_price).quantize(CENT, ROUND_HALF_UP)
        if amount >= Decimal("10000000000"):
            errors[field] = [_("This amount is too large.")]
            continue
        rows.append(
            WorkOrderItem(
                order=order,
                price_item_id=price_item_id or None,
                name=name,
                unit=unit,
                quantity=quantity,
                unit_price=unit_price,
                amount=amount,
            )
        )
    if errors:
        raise ValidationError(errors)
    return rows


@transaction.atomic
def work_order_resolve(
    *,
    order: WorkOrder,
    result: str,
    actor,
    items: list[dict] | None = None,
    at: datetime | None = None,
) -> WorkOrder:
    """The work is done (完工): a result note is required; priced items make the amount owed."""
    at = _now(at)
    order, rule = _locked(order, "resolve", actor, at)
    result = _text(result, "result", required=True)
    rows = _priced_items(order, items or [])
    WorkOrderItem.objects.bulk_create(rows)
    before = order.status
    order.status = rule.target
    order.result = result
    order.arrived_at = order.arrived_at or at
    order.resolved_at = at
    order.amount_owed = WorkOrderItem.objects.filter(order=order).aggregate(total=Sum("amount"))[
        "total"
    ] or Decimal("0.00")
    _save(order, "result", "arrived_at", "resolved_at", "amount_owed")
    _event(
        order,
        actor=actor,
        action="resolve",
        from_status=before,
        at=at,
        note=result,
        amount_owed=str(order.amount_owed),
        items=[
            {"name": r.name, "quantity": str(r.quantity), "amount": str(r.amount)} for r in rows
        ],
    )
    _after_commit(notify.resolved, order.pk)
    return order


# ---- the owner: rate, chase --------------------------------------------------------------


@transaction.atomic
def work_order_rate(
    *, order: WorkOrder, score: int, actor, comment: str = "", at: datetime | None = None
) -> WorkOrder:
    """The owner's score (1–5) and comment on the work; given once."""
    at = _now(at)
    order, _rule = _locked(order, "rate", actor, at)
    if isinstance(score, bool) or not isinstance(score, int) or not 1 <= score <= 5:
        raise ValidationError({"score": [_("Give a score from 1 to 5.")]})
    comment = _text(comment, "comment")
    order.owner_score, order.owner_comment, order.rated_at = score, comment, at
    _save(order, "owner_score", "owner_comment", "rated_at")
    _event(
        order,
        actor=actor,
        action="rate",
        from_status=order.status,
        at=at,
        note=comment,
        score=score,
    )
    return order


@transaction.atomic
def work_order_chase(
    *, order: WorkOrder, actor, note: str = "", at: datetime | None = None
) -> WorkOrder:
    """The owner urges progress (催单), at most once per the community's interval."""
    at = _now(at)
    order, _rule = _locked(order, "chase", actor, at)
    note = _text(note, "note")
    order.last_chased_at = at
    order.chase_count += 1
    _save(order, "last_chased_at", "chase_count")
    _event(order, actor=actor, action="chase", from_status=order.status, at=at, note=note)
    _after_commit(notify.chased, order.pk)
    return order


# ---- call-back, close, reopen, cancel, comment ---------------------------------------------


def _rework(order: WorkOrder, at: datetime) -> list[str]:
    """Send the order back to its assignee as rework: new on-site and resolution deadlines."""
    order.rework_count += 1
    order.status = Status.DISPATCHED if order.assignee_id else Status.ACCEPTED
    order.resolved_at = order.arrived_at = order.closed_at = None
    order.escalation_level = 0
    sla.set_deadlines(order, at, names=("arrival", "resolution"))
    return [
        "rework_count",
        "resolved_at",
        "arrived_at",
        "closed_at",
        "escalation_level",
        "arrival_due_at",
        "resolution_due_at",
        "sla_started_at",
        "sla_clocks",
    ]


@transaction.atomic
def work_order_visit(
    *,
    order: WorkOrder,
    satisfied: bool,
    method: str,
    actor,
    score: int | None = None,
    note: str = "",
    at: datetime | None = None,
) -> WorkOrder:
    """The call-back (回访). Satisfied: the order is called back. Not satisfied: it goes
    back to its assignee as rework."""
    at = _now(at)
    order, rule = _locked(order, "visit", actor, at)
    errors = {}
    if not isinstance(satisfied, bool):
        errors["satisfied"] = [_("Enter true or false.")]
    if method not in CallbackMethod.values:
        errors["method"] = [
            _("Choose one of: %(choices)s.") % {"choices": ", ".join(CallbackMethod.values)}
        ]
    if score is not None and (isinstance(score, bool) or not 1 <= score <= 5):
        errors["score"] = [_("Give a score from 1 to 5.")]
    if errors:
        raise ValidationError(errors)
    note = _text(note, "note")
    CallBack.objects.create(
        order=order,
        community_id=order.community_id,
        at=at,
        by=actor,
        satisfied=satisfied,
        score=score,
        method=method,
        note=note,
    )
    before = order.status
    if satisfied:
        order.status = rule.target
        fields: list[str] = []
    else:
        fields = _rework(order, at)
    _save(order, *fields)
    _event(
        order,
        actor=actor,
        action="visit",
        from_status=before,
        at=at,
        note=note,
        satisfied=satisfied,
        score=score,
        method=method,
    )
    if not satisfied and order.assignee_id:
        _after_commit(notify.dispatched, order.pk)
    return order


@transaction.atomic
def work_order_close(
    *, order: WorkOrder, actor, note: str = "", at: datetime | None = None
) -> WorkOrder:
    """Close the order: after the call-back, or at once where none is needed."""
    at = _now(at)
    order, rule = _locked(order, "close", actor, at)
    before = order.status
    order.status = rule.target
    order.closed_at = at
    _save(order, "closed_at")
    _event(order, actor=actor, action="close", from_status=before, at=at, note=_text(note, "note"))
    return order


@transaction.atomic
def work_order_reopen(
    *, order: WorkOrder, reason: str, actor, at: datetime | None = None
) -> WorkOrder:
    """Reopen resolved or closed work, with the reason: it goes back as rework. An owner may
    reopen within the community's number of days after resolution."""
    at = _now(at)
    order, _rule = _locked(order, "reopen", actor, at)
    reason = _text(reason, "reason", required=True)
    before = order.status
    fields = _rework(order, at)
    _save(order, *fields)
    _event(order, actor=actor, action="reopen", from_status=before, at=at, note=reason)
    if order.assignee_id:
        _after_commit(notify.dispatched, order.pk)
    return order


@transaction.atomic
def work_order_cancel(
    *, order: WorkOrder, reason: str, actor, at: datetime | None = None
) -> WorkOrder:
    """Cancel the request, with the reason. The reporter may cancel only while it waits to
    be accepted; afterwards the front desk does."""
    at = _now(at)
    order, rule = _locked(order, "cancel", actor, at)
    reason = _text(reason, "reason", required=True)
    before = order.status
    if before == Status.ON_HOLD:
        _settle_hold(order, at)
    order.status = rule.target
    order.closed_at = at
    _save(order, "closed_at", *HOLD_FIELDS)
    _event(order, actor=actor, action="cancel", from_status=before, at=at, note=reason)
    return order


@transaction.atomic
def work_order_comment(
    *, order: WorkOrder, text: str, actor, at: datetime | None = None
) -> WorkOrder:
    """A note on the timeline from anyone involved; the state does not change."""
    at = _now(at)
    order, _rule = _locked(order, "comment", actor, at)
    text = _text(text, "text", required=True)
    _event(order, actor=actor, action="comment", from_status=order.status, at=at, note=text)
    return order


# ---- complaints ---------------------------------------------------------------------------


@transaction.atomic
def complaint_step_done(
    *, order: WorkOrder, step: int, actor, note: str = "", at: datetime | None = None
) -> WorkOrder:
    """Tick one of the ten steps of complaint handling (1–10) on a complaint."""
    at = _now(at)
    order, _rule = _locked(order, "comment", actor, at)
    if not policy.has_perm(actor, "workorder.view", order.community_id):
        raise PermissionDenied(_("You may not do this."))
    if order.category != Category.COMPLAINT:
        raise ValidationError({"step": [_("Only complaints have handling steps.")]})
    if isinstance(step, bool) or not 1 <= step <= len(COMPLAINT_STEPS):
        raise ValidationError({"step": [_("Choose a step from 1 to 10.")]})
    if step not in order.complaint_steps:
        order.complaint_steps = sorted([*order.complaint_steps, step])
        _save(order, "complaint_steps")
        _event(
            order,
            actor=actor,
            action="complaint_step",
            from_status=order.status,
            at=at,
            note=_text(note, "note") or str(COMPLAINT_STEPS[step - 1]),
            step=step,
        )
    return order


@transaction.atomic
def complaint_promise(
    *, order: WorkOrder, reply_by: datetime, responder, actor, at: datetime | None = None
) -> WorkOrder:
    """Set when and by whom the complainant will get a reply (a named person, every day)."""
    at = _now(at)
    order, _rule = _locked(order, "comment", actor, at)
    if not policy.has_perm(actor, "workorder.accept", order.community_id):
        raise PermissionDenied(_("You may not do this."))
    if order.category != Category.COMPLAINT:
        raise ValidationError({"reply_by": [_("Only complaints have a promised reply.")]})
    responder = _staff_member(responder, order.community_id, "responder")
    order.reply_promised_at, order.responder = reply_by, responder
    _save(order, "reply_promised_at", "responder")
    _event(
        order,
        actor=actor,
        action="comment",
        from_status=order.status,
        at=at,
        note=_("Reply promised by %(time)s, from %(name)s.")
        % {
            "time": timezone.localtime(reply_by).strftime("%Y-%m-%d %H:%M"),
            "name": responder.get_full_name() or responder.get_username(),
        },
        reply_promised_at=reply_by.isoformat(),
        responder_id=responder.pk,
    )
    return order


# ---- photos and spot checks -------------------------------------------------------------


def _image_format(data: bytes) -> str | None:
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(io.BytesIO(data)) as image:
            image.verify()
            return image.format
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        return None


@transaction.atomic
def work_order_photo_add(
    *, order: WorkOrder, data: bytes, actor, at: datetime | None = None
) -> WorkOrderPhoto:
    """Attach a photo (JPEG, PNG or WebP, at most 8 MB), checked by its content."""
    at = _now(at)
    order, _rule = _locked(order, "comment", actor, at)
    if len(data) > MAX_PHOTO_BYTES:
        raise ValidationError({"file": [_("A photo may be at most 8 MB.")]})
    image_format = _image_format(data)
    if image_format not in PHOTO_FORMATS:
        raise ValidationError({"file": [_("Send a JPEG, PNG or WebP photo.")]})
    photo = WorkOrderPhoto(
        order=order, image_format=image_format, size=len(data), uploaded_by=actor, uploaded_at=at
    )
    photo.file.save(uuid.uuid4().hex, ContentFile(data), save=False)
    photo.save()
    _event(order, actor=actor, action="photo", from_status=order.status, at=at, photo_id=photo.pk)
    return photo


@transaction.atomic
def spot_check_record(
    *, order: WorkOrder, passed: bool, actor, finding: str = "", at: datetime | None = None
) -> SpotCheck:
    """A supervisor's or manager's spot check (抽查) of a closed order."""
    at = _now(at)
    if not policy.has_perm(actor, "workorder.supervise", order.community_id):
        raise PermissionDenied(_("You may not do this."))
    order = WorkOrder.objects.select_for_update().get(pk=order.pk)
    if order.status != Status.CLOSED:
        raise InvalidTransition(_("Only closed orders are spot-checked."))
    finding = _text(finding, "finding", required=not passed)
    check = SpotCheck.objects.create(
        order=order,
        community_id=order.community_id,
        at=at,
        by=actor,
        passed=passed,
        finding=finding,
    )
    _event(
        order,
        actor=actor,
        action="spot_check",
        from_status=order.status,
        at=at,
        note=finding,
        passed=passed,
    )
    return check


# ---- configuration -----------------------------------------------------------------------


@transaction.atomic
def sla_policies_seed(*, community: Community, actor) -> int:
    """Write the default targets as the community's SLA policies (missing rows only), so that
    they can be edited; returns how many were added."""
    if not policy.has_perm(actor, "workorder.configure", community.pk):
        raise PermissionDenied(_("You may not do this."))
    have = set(SlaPolicy.objects.filter(community=community).values_list("category", "priority"))
    standard = sla.standard_of(community)
    rows = []
    for category in Category.values:
        for priority in Priority.values:
            if (category, priority) in have:
                continue
            targets = sla.default_targets(standard, category, priority)
            rows.append(
                SlaPolicy(
                    community=community,
                    category=category,
                    priority=priority,
                    **{
                        field: value
                        for name, target in targets.items()
                        for field, value in (
                            (f"{name}_target", target.amount),
                            (f"{name}_clock", target.clock),
                        )
                    },
                )
            )
    SlaPolicy.objects.bulk_create(rows)
    return len(rows)


# ---- the SLA sweep -------------------------------------------------------------------------


def _sweep_event(order_id: int, action: str, now: datetime, **data: Any) -> None:
    order = WorkOrder.objects.get(pk=order_id)
    _event(order, actor=None, action=action, from_status=order.status, at=now, **data)


def sla_sweep(*, now: datetime | None = None) -> dict[str, int]:
    """Warn assignees of deadlines near (at the community's share of the time) and escalate
    breaches: to the supervisor when a deadline passes, to the manager when it stays passed
    for the community's further minutes. Each warning and each level happens once, however
    many workers sweep at the same time: a row changes only through an UPDATE conditional on
    the value the sweep read, and only the worker whose UPDATE changed it writes the event."""
    now = _now(now)
    counts = {"warned": 0, "escalated": 0}
    running = sorted(OPEN_STATES - {Status.ON_HOLD})
    near = (
        WorkOrder.objects.filter(status__in=running, warn_at__lte=now, next_due_at__gt=now)
        .exclude(warned_due_at=F("next_due_at"))
        .values_list("pk", "next_due_at")
    )
    for pk, due in near:
        with transaction.atomic():
            changed = (
                WorkOrder.objects.filter(pk=pk, status__in=running, next_due_at=due)
                .exclude(warned_due_at=due)
                .update(warned_due_at=due)
            )
            if changed:
                _sweep_event(pk, "warn", now, due_at=due.isoformat())
                _after_commit(notify.warned, pk)
                counts["warned"] += 1
    breached = WorkOrder.objects.filter(
        status__in=running, next_due_at__lte=now, escalation_level__lt=2
    ).values_list("pk", "community_id", "next_due_at", "escalation_level")
    rows = list(breached)
    settings_by_community = {
        cid: DeskSettings.for_community(cid) for cid in {row[1] for row in rows}
    }
    for pk, community_id, due, level in rows:
        late = timedelta(minutes=settings_by_community[community_id].manager_escalation_minutes)
        if level == 1 and now < due + late:
            continue
        with transaction.atomic():
            changed = WorkOrder.objects.filter(
                pk=pk, status__in=running, escalation_level=level
            ).update(escalation_level=level + 1)
            if changed:
                _sweep_event(pk, "escalate", now, level=level + 1, due_at=due.isoformat())
                _after_commit(notify.escalated, pk, level + 1)
                counts["escalated"] += 1
    return counts
