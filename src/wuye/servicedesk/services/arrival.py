"""The assignee's arrival on site (到场): the time they give, and where their phone put them."""

from __future__ import annotations

from datetime import datetime
from decimal import ROUND_CEILING, ROUND_HALF_UP, Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from ..models import Status, WorkOrder, WorkOrderEvent
from . import steps
from .common import clean_note, locked, moment, record

# The actions that hand an order to a person even when it was dispatched already.
HANDED_OVER = ("dispatch", "transfer")
# Degrees kept to six places (about 0.1 m); a phone's accuracy is metres.
DEGREES = Decimal("0.000001")
MOST_METRES = 100_000
BOUNDS = {"latitude": Decimal(90), "longitude": Decimal(180)}


def handed_over_at(order: WorkOrder) -> datetime:
    """When the order last came to its assignee to go on site: it was dispatched or
    transferred to them, or came back to them (rework, taken off hold)."""
    came_back = Q(to_status=Status.DISPATCHED) & ~Q(from_status=Status.DISPATCHED)
    found = (
        WorkOrderEvent.objects.filter(came_back | Q(action__in=HANDED_OVER), order=order)
        .order_by("-at", "-id")
        .values_list("at", flat=True)
        .first()
    )
    return found or order.created_at


def _number(value, field: str) -> Decimal:
    try:
        number = Decimal(str(value).strip())
    except (InvalidOperation, ValueError):
        number = None
    if number is None or not number.is_finite():
        raise ValidationError({field: [_("Enter a number.")]})
    return number


def _place(latitude, longitude, accuracy) -> dict[str, str | int] | None:
    """Where the phone put the assignee: both coordinates in degrees and, if given, how far
    off it may be in metres; nothing when the phone gave nothing."""
    given = {"latitude": latitude, "longitude": longitude, "accuracy": accuracy}
    given = {k: v for k, v in given.items() if v not in (None, "")}
    if not given:
        return None
    errors: dict[str, list[str]] = {}
    place: dict[str, str | int] = {}
    for field, bound in BOUNDS.items():
        if field not in given:
            errors[field] = [_("Give both the latitude and the longitude, or neither.")]
            continue
        try:
            degrees = _number(given[field], field)
        except ValidationError as exc:
            errors.update(exc.message_dict)
            continue
        if not -bound <= degrees <= bound:
            errors[field] = [
                _("Enter a number from %(low)s to %(high)s.") % {"low": -bound, "high": bound}
            ]
            continue
        place[field] = str(degrees.quantize(DEGREES, ROUND_HALF_UP))
    if "accuracy" in given:
        try:
            metres = _number(given["accuracy"], "accuracy")
        except ValidationError as exc:
            errors.update(exc.message_dict)
        else:
            if not 0 <= metres <= MOST_METRES:
                errors["accuracy"] = [
                    _("Enter a number from %(low)s to %(high)s.") % {"low": 0, "high": MOST_METRES}
                ]
            else:
                place["accuracy"] = int(metres.to_integral_value(ROUND_CEILING))
    if errors:
        raise ValidationError(errors)
    return place


@transaction.atomic
def work_order_arrive(
    *,
    order: WorkOrder,
    actor,
    arrived_at: datetime | None = None,
    latitude=None,
    longitude=None,
    accuracy=None,
    note: str = "",
    at: datetime | None = None,
) -> WorkOrder:
    """The assignee records their arrival on site: the time they say they arrived (default
    now; not in the future, not before the order was sent to them) and, where their phone
    allows it, where they were. The on-site target is met at that time; the work starts
    separately (`work_order_start`)."""
    at = moment(at)
    order, _rule = locked(order, "arrive", actor, at)
    errors: dict[str, list[str]] = {}
    arrived_at = arrived_at or at
    handed_over = handed_over_at(order)
    if arrived_at > at:
        errors["arrived_at"] = [_("The arrival time cannot be in the future.")]
    # A time typed to the minute counts from the minute the order was sent.
    elif arrived_at < handed_over.replace(second=0, microsecond=0):
        errors["arrived_at"] = [
            _(
                "The arrival time cannot be before the order was sent to you or taken off "
                "hold (%(time)s)."
            )
            % {"time": timezone.localtime(handed_over).strftime("%Y-%m-%d %H:%M")}
        ]
    try:
        place = _place(latitude, longitude, accuracy)
    except ValidationError as exc:
        errors.update(exc.message_dict)
    try:
        note = clean_note(note, "note")
    except ValidationError as exc:
        errors.update(exc.message_dict)
    if errors:
        raise ValidationError(errors)
    arrived_at = max(arrived_at, handed_over)
    record(
        order,
        steps.arrive(order, actor=actor, at=at, arrived_at=arrived_at, place=place, note=note),
    )
    return order
