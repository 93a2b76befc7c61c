"""API: community events and their sign-ups, and the manager's reception-day slots."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status

from wuye.core.api import Body, Id, IdIn, LongText, Page, PageParams, errors, paginate
from wuye.core.validators import not_found
from wuye.estates.models import Unit

from ..models import Event, EventSignup, ReceptionBooking
from . import queries, services
from .services import MAX_PEOPLE

router = Router(tags=["community life"])


class EventSignupOut(Schema):
    id: int
    event_id: int
    unit_id: int
    people: int
    status: Literal["confirmed", "waiting", "cancelled"]
    waiting_position: int | None = Field(
        description="Place on the waiting list (1 moves up next); null when not waiting."
    )
    checked_in: bool


class CommunityEventOut(Schema):
    id: int
    community_id: int
    title: str
    description: str
    place: str
    starts_at: datetime
    ends_at: datetime
    signup_deadline: datetime
    capacity: int
    confirmed_people: int
    waiting_households: int
    cancelled: bool
    my_signups: list[EventSignupOut] = Field(description="Sign-ups of the caller's homes.")


class CommunityEventFilters(Schema):
    community_id: Id = None
    upcoming: bool = Field(False, description="Only events that have not ended.")


class EventSignupIn(Body):
    unit_id: IdIn
    people: int = Field(1, ge=1, le=MAX_PEOPLE)


def _signup_out(signup: EventSignup) -> dict:
    position = getattr(signup, "position", 0)
    return {
        "id": signup.pk,
        "event_id": signup.event_id,
        "unit_id": signup.unit_id,
        "people": signup.people,
        "status": signup.status,
        "waiting_position": position or None,
        "checked_in": signup.checked_in_at is not None,
    }


def _event_out(event: Event, mine: dict[int, list[EventSignup]]) -> dict:
    return {
        "id": event.pk,
        "community_id": event.community_id,
        "title": event.title,
        "description": event.description,
        "place": event.place,
        "starts_at": event.starts_at,
        "ends_at": event.ends_at,
        "signup_deadline": event.signup_deadline,
        "capacity": event.capacity,
        "confirmed_people": event.confirmed_people,
        "waiting_households": event.waiting_households,
        "cancelled": event.cancelled_at is not None,
        "my_signups": [_signup_out(s) for s in mine.get(event.pk, [])],
    }


def _events(request):
    return queries.with_counts(queries.events_visible_to(request.auth))


@router.get(
    "/events",
    response={200: Page[CommunityEventOut], **errors()},
    summary="Community events the caller may see, soonest first",
)
def event_list(request, filters: Query[CommunityEventFilters], paging: Query[PageParams]):
    events = queries.with_counts(queries.events_visible_to(request.auth, filters.community_id))
    if filters.upcoming:
        events = events.filter(ends_at__gte=timezone.now())
    count, items = paginate(events.order_by("starts_at", "pk"), paging)
    mine = queries.my_signups(request.auth, [e.pk for e in items])
    return {"count": count, "items": [_event_out(e, mine) for e in items]}


@router.get("/events/{event_id}", response={200: CommunityEventOut, **errors()}, summary="An event")
def event_detail(request, event_id: Id):
    event = get_object_or_404(_events(request), pk=event_id)
    return _event_out(event, queries.my_signups(request.auth, [event.pk]))


def _unit(unit_id: int, community_id: int) -> Unit:
    unit = Unit.objects.filter(pk=unit_id, community_id=community_id).first()
    if unit is None:
        raise ValidationError({"unit_id": [not_found(_("Choose a home of this community."))]})
    return unit


def _unit_errors(exc: ValidationError) -> ValidationError:
    if hasattr(exc, "error_dict") and "unit" in exc.error_dict:
        return ValidationError({"unit_id": exc.error_dict["unit"]})
    return exc


@router.post(
    "/events/{event_id}/signups",
    response={201: EventSignupOut, **errors()},
    summary="Sign a household up (on the waiting list when the event is full)",
)
def signup_create(request, event_id: Id, payload: EventSignupIn):
    event = get_object_or_404(_events(request), pk=event_id)
    unit = _unit(payload.unit_id, event.community_id)
    try:
        signup = services.signup_create(
            actor=request.auth, event=event, unit=unit, people=payload.people
        )
    except ValidationError as exc:
        raise _unit_errors(exc) from exc
    return Status(201, _signup_out(queries.with_position(EventSignup.objects).get(pk=signup.pk)))


@router.post(
    "/event-signups/{signup_id}/cancel",
    response={200: EventSignupOut, **errors()},
    summary="Cancel a sign-up; the waiting list moves up",
)
def signup_cancel(request, signup_id: Id):
    signup = get_object_or_404(queries.signups_visible_to(request.auth), pk=signup_id)
    signup = services.signup_cancel(actor=request.auth, signup=signup)
    return _signup_out(signup)


# ---- reception days -------------------------------------------------------------------------


class ReceptionSlotOut(Schema):
    id: int
    community_id: int
    starts_at: datetime
    ends_at: datetime
    place: str
    booked: bool


class ReceptionSlotFilters(Schema):
    community_id: Id = None
    free: bool = Field(False, description="Only slots to come that nobody has booked.")


class ReceptionBookingIn(Body):
    unit_id: IdIn
    topic: LongText = Field(min_length=1)


class ReceptionBookingOut(Schema):
    id: int
    slot_id: int
    unit_id: int
    topic: str
    starts_at: datetime
    cancelled: bool
    outcome: str
    work_order_id: int | None


def _booking_out(booking: ReceptionBooking) -> dict:
    return {
        "id": booking.pk,
        "slot_id": booking.slot_id,
        "unit_id": booking.unit_id,
        "topic": booking.topic,
        "starts_at": booking.slot.starts_at,
        "cancelled": booking.cancelled_at is not None,
        "outcome": booking.outcome,
        "work_order_id": booking.work_order_id,
    }


@router.get(
    "/reception-slots",
    response={200: Page[ReceptionSlotOut], **errors()},
    summary="Slots of the manager's reception days the caller may see, soonest first",
)
def slot_list(request, filters: Query[ReceptionSlotFilters], paging: Query[PageParams]):
    slots = queries.slots_visible_to(request.auth, filters.community_id)
    if filters.free:
        slots = slots.filter(booked=False, starts_at__gt=timezone.now())
    count, items = paginate(slots.order_by("starts_at", "pk"), paging)
    return {
        "count": count,
        "items": [
            {
                "id": s.pk,
                "community_id": s.community_id,
                "starts_at": s.starts_at,
                "ends_at": s.ends_at,
                "place": s.place,
                "booked": s.booked,
            }
            for s in items
        ],
    }


@router.post(
    "/reception-slots/{slot_id}/bookings",
    response={201: ReceptionBookingOut, **errors()},
    summary="Book a slot for a home and a topic (one booking a slot)",
)
def booking_create(request, slot_id: Id, payload: ReceptionBookingIn):
    slot = get_object_or_404(queries.slots_visible_to(request.auth), pk=slot_id)
    unit = _unit(payload.unit_id, slot.community_id)
    try:
        booking = services.reception_book(
            actor=request.auth, slot=slot, unit=unit, topic=payload.topic
        )
    except ValidationError as exc:
        raise _unit_errors(exc) from exc
    return Status(201, _booking_out(booking))


@router.post(
    "/reception-bookings/{booking_id}/cancel",
    response={200: ReceptionBookingOut, **errors()},
    summary="Give a booked slot back",
)
def booking_cancel(request, booking_id: Id):
    booking = get_object_or_404(queries.bookings_visible_to(request.auth), pk=booking_id)
    return _booking_out(services.reception_booking_cancel(actor=request.auth, booking=booking))
