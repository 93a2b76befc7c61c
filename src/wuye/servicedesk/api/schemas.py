"""The shapes of the work-order API: what it answers and what it takes."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Annotated, Any

from django.utils.translation import gettext as _
from ninja import Field, Schema
from pydantic import BeforeValidator, ConfigDict, ValidationInfo, WithJsonSchema, field_validator
from pydantic_core import PydanticCustomError

from wuye.core.api import (
    SOME_TEXT,
    Body,
    BoolIn,
    Day,
    Id,
    IdIn,
    Text,
    column_decimal,
    column_text,
    number_in,
    text_in,
)

from ..models import (
    CallbackMethod,
    Category,
    Channel,
    ComplainantType,
    Priority,
    ReplyChannel,
    Subcategory,
    Visibility,
    WorkOrder,
    WorkOrderItem,
)
from ..models import Status as OrderStatus
from ..services.common import MAX_TEXT

# Notes, reasons and results of the work: trimmed by the services, at most MAX_TEXT long.
Note = text_in(MAX_TEXT)
RequiredNote = text_in(MAX_TEXT, required=True)
# A contact phone as the desk writes it down: 13912345678, 0902-1234567, +8613912345678.
PHONE_PATTERN = r"^(\+?[0-9][0-9-]{4,19})?$"
# The owner's score of the work, and the score of a call-back.
Score = Annotated[int, Field(ge=1, le=5), BeforeValidator(number_in)]


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
    # The home, or else the place: a body without `unit_id` has a `location` with text.
    model_config = ConfigDict(
        json_schema_extra={
            "anyOf": [
                {"required": ["unit_id"], "properties": {"unit_id": {"type": "integer"}}},
                {"required": ["location"], "properties": {"location": {"pattern": SOME_TEXT}}},
            ]
        }
    )

    community_id: IdIn
    unit_id: IdIn | None = Field(None, description="The home; or give `location`.")
    location: column_text(WorkOrder, "location") = Field(
        "",
        validate_default=True,
        description="Where the problem is, when it is not in a home (`unit_id`).",
    )
    category: Category
    subcategory: Subcategory = Subcategory.OTHER
    priority: Priority = Priority.NORMAL
    channel: Channel
    description: RequiredNote
    reporter_resident_id: IdIn | None = Field(None, description="Staff: the calling resident.")
    contact_name: column_text(WorkOrder, "contact_name") = ""
    contact_phone: Annotated[str, Field(max_length=20, pattern=PHONE_PATTERN)] = Field(
        "", examples=["13912345678", "0902-1234567"]
    )
    preferred_from: datetime | None = None
    preferred_to: datetime | None = None
    complainant_type: ComplainantType | None = None

    @field_validator("location")
    @classmethod
    def _home_or_place(cls, location: str, info: ValidationInfo) -> str:
        if info.data.get("unit_id") is None and not location.strip():
            raise PydanticCustomError(
                "home_or_place", str(_("Give the home or the place of the problem."))
            )
        return location


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
    name: column_text(WorkOrderItem, "name", required=True) | None = None
    unit: column_text(WorkOrderItem, "unit", required=True) | None = None
    unit_price: column_decimal(WorkOrderItem, "unit_price") | None = None
    quantity: column_decimal(WorkOrderItem, "quantity", minimum=Decimal("0.01")) = Decimal("1")


TO_OWNER = Field(
    False,
    description="Staff: the note is a reply the owner reads (accept, dispatch, start, hold, "
    "resume, close, reopen, cancel, comment); otherwise only staff read it.",
)


class NoteIn(Body):
    note: Note = ""
    to_owner: BoolIn = TO_OWNER


class AssignIn(Body):
    assignee_id: IdIn = Field(description="The staff member's user id (as /api/v1/me gives it).")
    note: Note = ""
    to_owner: BoolIn = TO_OWNER


def _number_only(value: Any) -> Any:
    if isinstance(value, bool) or not isinstance(value, int | float | Decimal):
        raise PydanticCustomError("decimal_type", "Enter a number.")
    return value


def measure_in(low: int, high: int) -> Any:
    """A measurement a device gives (a coordinate, metres): a JSON number from `low` to
    `high`."""
    return Annotated[
        Decimal,
        BeforeValidator(_number_only),
        Field(ge=low, le=high),
        WithJsonSchema({"type": "number", "minimum": low, "maximum": high}, mode="validation"),
    ]


class ArriveIn(Body):
    arrived_at: datetime | None = Field(
        None,
        description="When the assignee arrived (default: now); not in the future, not before "
        "the order was sent to them.",
    )
    latitude: measure_in(-90, 90) | None = Field(
        None, description="Where the phone put them (degrees north)."
    )
    longitude: measure_in(-180, 180) | None = Field(
        None, description="Degrees east; given with the latitude."
    )
    accuracy: measure_in(0, 100_000) | None = Field(
        None, description="How far off the position may be (metres)."
    )
    note: Note = ""


class TransferIn(Body):
    assignee_id: IdIn
    reason: RequiredNote


class ReasonIn(Body):
    reason: RequiredNote
    to_owner: BoolIn = TO_OWNER


class ResolveIn(Body):
    result: RequiredNote
    items: list[ItemIn] = Field(default_factory=list, max_length=50)
    withdraw_item_ids: list[IdIn] = Field(
        default_factory=list,
        max_length=50,
        description="Rework: the order's priced items no longer charged.",
    )


class RateIn(Body):
    score: Score
    comment: Note = ""


class VisitIn(Body):
    satisfied: BoolIn
    method: CallbackMethod = CallbackMethod.PHONE
    score: Score | None = None
    note: Note = ""


class CommentIn(Body):
    text: RequiredNote
    to_owner: BoolIn = TO_OWNER


class ReplyIn(Body):
    channel: ReplyChannel = Field(description="How the reply reached the complainant.")
    text: RequiredNote = Field(description="What was said.")
    replied_by_id: IdIn | None = Field(
        None, description="The staff member who replied (default: the caller)."
    )
    replied_at: datetime | None = Field(None, description="When it was given (default: now).")


class RegisterParams(Schema):
    day: Day = Field(None, description="The day (YYYY-MM-DD); default today.")


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
    sort: int
    # False once retired: kept for the orders that charged it, offered to no new order.
    published: bool
