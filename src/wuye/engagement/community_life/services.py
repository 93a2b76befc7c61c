"""Changes to community life: events and sign-ups, interest groups, reception days, visits.

Each change is one transaction, checked by the policy and audited. A sign-up, a cancellation
and a check-in lock their event's row, so two households racing for the last places are
served one after the other; a booking locks its slot, so a slot is booked once.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, time, timedelta
from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from wuye.core import audit, notify, policy
from wuye.core.models import Community
from wuye.core.validators import clean_text, conflict, not_found
from wuye.estates.models import Relation, Residency, Resident, Unit
from wuye.servicedesk.models import Category, Channel, WorkOrder
from wuye.servicedesk.services.intake import work_order_submit

from ..models import (
    Event,
    EventSignup,
    GroupMembership,
    GroupPost,
    InterestGroup,
    ReceptionBooking,
    ReceptionSlot,
    SignupStatus,
    Visit,
)
from . import notifications

MAX_PEOPLE = 20
LONGEST_DAY = timedelta(days=400)


def _resident_in(user, community_id: int) -> Resident | None:
    return Resident.objects.filter(
        pk__in=policy.resident_ids(user), community_id=community_id
    ).first()


def _acts_for_home(actor, unit: Unit, perm: str) -> bool:
    """Staff holding `perm` act for any home of their community; a resident for their own."""
    if policy.has_perm(actor, perm, unit.community_id):
        return True
    if unit.pk in policy.resident_unit_ids(actor):
        return False
    raise PermissionDenied(_("You may act only for your own homes."))


def _owner_of(unit: Unit) -> Resident | None:
    """The home's first current owner: the person a meeting or a visit is reported for."""
    owner = Residency.objects.current().filter(unit=unit, relation=Relation.OWNER).first()
    return owner.resident if owner else None


def _when(moment: datetime) -> str:
    return date_format(timezone.localtime(moment), "SHORT_DATETIME_FORMAT")


# ---- events ---------------------------------------------------------------------------------


@transaction.atomic
def event_create(*, actor, community: Community, data: dict[str, Any]) -> Event:
    """Announce an event to the whole community or to chosen buildings."""
    policy.require_perm(actor, "event.manage", community.pk)
    errors: dict[str, list[str]] = {}
    title = clean_text(data.get("title") or "")
    place = clean_text(data.get("place") or "")
    if not title:
        errors["title"] = [_("Give the event a title.")]
    if not place:
        errors["place"] = [_("Say where the event takes place.")]
    capacity = data.get("capacity")
    if capacity is None or not 1 <= capacity <= 100000:
        errors["capacity"] = [_("Enter how many people can come (at least one).")]
    starts_at, ends_at, deadline = (
        data.get("starts_at"),
        data.get("ends_at"),
        data.get("signup_deadline"),
    )
    for field, moment in (
        ("starts_at", starts_at),
        ("ends_at", ends_at),
        ("signup_deadline", deadline),
    ):
        if moment is None:
            errors[field] = [_("Enter a date and time.")]
    if not errors.keys() & {"starts_at", "ends_at", "signup_deadline"}:
        if ends_at <= starts_at:
            errors["ends_at"] = [_("The event must end after it starts.")]
        elif ends_at - starts_at > LONGEST_DAY:
            errors["ends_at"] = [_("An event lasts at most a year.")]
        if deadline > starts_at:
            errors["signup_deadline"] = [_("Sign-up must close before the event starts.")]
    buildings = list(data.get("buildings") or [])
    if any(b.community_id != community.pk for b in buildings):
        errors["buildings"] = [not_found(_("Choose buildings of this community."))]
    if errors:
        raise ValidationError(errors)
    event = Event(
        community=community,
        title=title,
        description=(data.get("description") or "").strip(),
        place=place,
        starts_at=starts_at,
        ends_at=ends_at,
        capacity=capacity,
        signup_deadline=deadline,
        created_by=actor,
    )
    event.full_clean(exclude=["buildings"])
    event.save()
    event.buildings.set(buildings)
    audit.record(
        actor=actor,
        action="event.create",
        obj=event,
        changes={"starts_at": [None, starts_at.isoformat()], "capacity": [None, str(capacity)]},
    )
    return event


def signup_waits(*, capacity: int, confirmed: int, someone_waiting: bool, people: int) -> bool:
    """A household of `people` signing up goes on the waiting list: the places are taken, or
    others already wait (who wait first move up first)."""
    return someone_waiting or confirmed + people > capacity


def _locked_event(event: Event) -> Event:
    return Event.objects.select_for_update().get(pk=event.pk)


def _confirmed_people(event: Event) -> int:
    total = event.signups.filter(status=SignupStatus.CONFIRMED).aggregate(n=Sum("people"))["n"]
    return total or 0


def _for_audience(event: Event, unit: Unit) -> bool:
    if unit.community_id != event.community_id:
        return False
    building_ids = set(event.buildings.values_list("pk", flat=True))
    return not building_ids or unit.building_id in building_ids


def _household(unit_ids: list[int]) -> list:
    """The logins of the people living in these homes (a household signed up at the desk
    hears of changes in the portal too)."""
    user_ids = (
        Residency.objects.current()
        .filter(unit_id__in=unit_ids, resident__user__isnull=False)
        .values("resident__user_id")
    )
    return list(get_user_model().objects.filter(pk__in=user_ids, is_active=True))


def _tell(
    users, event: Event, kind: notify.Kind, compose: Callable[[], tuple[str, list[str]]]
) -> None:
    """Through the message centre (the in-app inbox, e-mail…), after commit, each person in
    their own language, else the community's: `compose` writes the subject and lines in the
    active one. The message links to the event."""

    def message() -> tuple[str, str]:
        subject, lines = compose()
        return subject, "\n".join(lines)

    notify.deliver(users, message, kind=kind, about=event, community=event.community)


@transaction.atomic
def signup_create(*, actor, event: Event, unit: Unit, people: int) -> EventSignup:
    """Sign a household up: confirmed while places last and nobody waits, else on the waiting
    list. Residents sign up until the deadline; the office may still add a household later."""
    staff = _acts_for_home(actor, unit, "event.manage")
    event = _locked_event(event)
    if not _for_audience(event, unit):
        raise ValidationError({"unit": [_("This event is not for this home.")]})
    if not 1 <= people <= MAX_PEOPLE:
        raise ValidationError(
            {"people": [_("Sign up between 1 and %(most)d people.") % {"most": MAX_PEOPLE}]}
        )
    now = timezone.now()
    if event.cancelled_at is not None:
        raise ValidationError(_("This event has been cancelled."))
    if now > event.signup_deadline and not staff:
        raise ValidationError(
            _("Sign-up closed at %(when)s.") % {"when": _when(event.signup_deadline)}
        )
    if event.signups.exclude(status=SignupStatus.CANCELLED).filter(unit=unit).exists():
        raise ValidationError({"unit": [conflict(_("This home has already signed up."))]})
    waiting = event.signups.filter(status=SignupStatus.WAITING).exists()
    fits = not signup_waits(
        capacity=event.capacity,
        confirmed=_confirmed_people(event),
        someone_waiting=waiting,
        people=people,
    )
    signup = EventSignup.objects.create(
        event=event,
        unit=unit,
        people=people,
        status=SignupStatus.CONFIRMED if fits else SignupStatus.WAITING,
        signed_up_by=actor,
        signed_up_at=now,
    )
    audit.record(
        actor=actor,
        action="event.signup",
        obj=event,
        changes={
            "home": [None, unit.label],
            "people": [None, str(people)],
            "status": [None, signup.status],
        },
    )
    return signup


def _move_up(event: Event) -> list[EventSignup]:
    """Confirm waiting households in the order they signed up, each whose party still fits."""
    free = event.capacity - _confirmed_people(event)
    promoted = []
    for waiting in event.signups.select_for_update().filter(status=SignupStatus.WAITING):
        if waiting.people <= free:
            waiting.status = SignupStatus.CONFIRMED
            waiting.save(update_fields=["status"])
            free -= waiting.people
            promoted.append(waiting)
    return promoted


@transaction.atomic
def signup_cancel(*, actor, signup: EventSignup) -> EventSignup:
    """Cancel a sign-up; the waiting list moves up into the places it frees."""
    staff = _acts_for_home(actor, signup.unit, "event.manage")
    event = _locked_event(signup.event)
    signup = EventSignup.objects.select_for_update().select_related("unit").get(pk=signup.pk)
    if signup.status == SignupStatus.CANCELLED:
        return signup
    if signup.checked_in_at is not None:
        raise conflict(_("This household has already been checked in."))
    if timezone.now() >= event.starts_at and not staff:
        raise ValidationError(_("The event has started: ask the office to cancel."))
    signup.status = SignupStatus.CANCELLED
    signup.cancelled_at = timezone.now()
    signup.save(update_fields=["status", "cancelled_at"])
    promoted = _move_up(event)
    audit.record(
        actor=actor,
        action="event.signup_cancel",
        obj=event,
        changes={
            "home": [signup.unit.label, None],
            "moved_up": [None, ", ".join(str(s.unit_id) for s in promoted)],
        },
    )
    if promoted:
        users = _household([s.unit_id for s in promoted])
        title = event.title
        transaction.on_commit(
            lambda: _tell(
                users,
                event,
                notifications.PLACE_FREED,
                lambda: (
                    _("A place for you: %(title)s") % {"title": title},
                    [_("A place has become free and your household is now signed up.")],
                ),
            )
        )
    return signup


@transaction.atomic
def signup_check_in(*, actor, signup: EventSignup, attended: int | None = None) -> EventSignup:
    """Check a household in at the event, with how many of them came."""
    policy.require_perm(actor, "event.manage", signup.event.community_id)
    event = _locked_event(signup.event)
    signup = EventSignup.objects.select_for_update().get(pk=signup.pk)
    if event.cancelled_at is not None:
        raise ValidationError(_("This event has been cancelled."))
    if signup.status != SignupStatus.CONFIRMED:
        raise ValidationError(_("Only households with a confirmed place can be checked in."))
    attended = signup.people if attended is None else attended
    if not 1 <= attended <= MAX_PEOPLE:
        raise ValidationError({"attended": [_("Enter how many people came (at least one).")]})
    signup.checked_in_at = signup.checked_in_at or timezone.now()
    signup.attended = attended
    signup.save(update_fields=["checked_in_at", "attended"])
    audit.record(
        actor=actor,
        action="event.check_in",
        obj=event,
        changes={"signup": [None, str(signup.pk)], "attended": [None, str(attended)]},
    )
    return signup


@transaction.atomic
def event_cancel(*, actor, event: Event, reason: str) -> Event:
    """Call an event off; every household signed up or waiting is told."""
    policy.require_perm(actor, "event.manage", event.community_id)
    event = _locked_event(event)
    reason = clean_text(reason or "")
    if not reason:
        raise ValidationError({"reason": [_("Say why the event is cancelled.")]})
    if event.cancelled_at is not None:
        return event
    event.cancelled_at = timezone.now()
    event.cancel_reason = reason[:300]
    event.save(update_fields=["cancelled_at", "cancel_reason"])
    audit.record(actor=actor, action="event.cancel", obj=event, changes={"reason": [None, reason]})
    signups = event.signups.exclude(status=SignupStatus.CANCELLED)
    users = _household(list(signups.values_list("unit_id", flat=True)))
    title, starts_at = event.title, event.starts_at
    transaction.on_commit(
        lambda: _tell(
            users,
            event,
            notifications.CANCELLED,
            lambda: (
                _("Cancelled: %(title)s") % {"title": title},
                [_("The event of %(when)s is cancelled.") % {"when": _when(starts_at)}, reason],
            ),
        )
    )
    return event


# ---- interest groups ------------------------------------------------------------------------


@transaction.atomic
def group_create(*, actor, community: Community, data: dict[str, Any]) -> InterestGroup:
    """Start an interest group, organised by a resident with a login (its first member) or,
    when none is chosen, by the member of staff who starts it."""
    policy.require_perm(actor, "event.manage", community.pk)
    name = clean_text(data.get("name") or "")[:100]
    if not name:
        raise ValidationError({"name": [_("Give the group a name.")]})
    if InterestGroup.objects.filter(community=community, name=name).exists():
        raise ValidationError({"name": [_("A group of this name exists already.")]})
    organiser = data.get("organiser")
    if organiser is not None and (organiser.community_id != community.pk or not organiser.user_id):
        raise ValidationError({"organiser": [not_found(_("Choose a resident of this community."))]})
    group = InterestGroup.objects.create(
        community=community,
        name=name,
        description=(data.get("description") or "").strip(),
        organiser=organiser.user if organiser else actor,
    )
    if organiser is not None:
        GroupMembership.objects.create(group=group, resident=organiser, joined_at=timezone.now())
    audit.record(actor=actor, action="group.create", obj=group, changes={"name": [None, name]})
    return group


@transaction.atomic
def group_join(*, actor, group: InterestGroup) -> GroupMembership:
    """A resident of the community joins a group (joining twice changes nothing)."""
    resident = _resident_in(actor, group.community_id)
    if resident is None:
        raise PermissionDenied(_("Groups are for the residents of this community."))
    InterestGroup.objects.select_for_update().get(pk=group.pk)
    membership = GroupMembership.objects.filter(group=group, resident=resident, left_at=None)
    membership = membership.first()
    if membership is None:
        membership = GroupMembership.objects.create(
            group=group, resident=resident, joined_at=timezone.now()
        )
        audit.record(actor=actor, action="group.join", obj=group)
    return membership


@transaction.atomic
def group_leave(*, actor, group: InterestGroup) -> None:
    """Leave a group; the membership is kept with the day it ended."""
    updated = GroupMembership.objects.filter(
        group=group, resident_id__in=policy.resident_ids(actor), left_at=None
    ).update(left_at=timezone.now())
    if updated:
        audit.record(actor=actor, action="group.leave", obj=group)


def may_post(user, group: InterestGroup) -> bool:
    """Members, the organiser and staff who run community life write on the board."""
    return (
        group.organiser_id == user.pk
        or policy.has_perm(user, "event.manage", group.community_id)
        or GroupMembership.objects.filter(
            group=group, resident_id__in=policy.resident_ids(user), left_at=None
        ).exists()
    )


@transaction.atomic
def group_post(*, actor, group: InterestGroup, body: str) -> GroupPost:
    """Put a post on the group's notice board."""
    if not may_post(actor, group):
        raise PermissionDenied(_("Join the group to write on its board."))
    body = (body or "").replace("\x00", "").strip()
    if not body:
        raise ValidationError({"body": [_("Write something to post.")]})
    if len(body) > 4000:
        raise ValidationError({"body": [_("Keep a post under 4000 characters.")]})
    return GroupPost.objects.create(group=group, author=actor, body=body, posted_at=timezone.now())


# ---- reception days (经理接待日) ----------------------------------------------------------------


@transaction.atomic
def reception_slots_generate(
    *,
    actor,
    community: Community,
    day: date,
    start: time,
    end: time,
    minutes: int,
    place: str,
    host=None,
) -> list[ReceptionSlot]:
    """Open a reception day: slots of `minutes` from `start` to `end` (existing ones kept)."""
    policy.require_perm(actor, "reception.manage", community.pk)
    errors: dict[str, list[str]] = {}
    if not 10 <= minutes <= 240:
        errors["minutes"] = [_("Choose a slot length between 10 and 240 minutes.")]
    if end <= start:
        errors["end"] = [_("The day must end after it starts.")]
    place = clean_text(place or "")
    if not place:
        errors["place"] = [_("Say where the manager receives owners.")]
    host = host or actor
    if not policy.has_perm(host, "reception.manage", community.pk):
        errors["host"] = [not_found(_("Choose a member of the office of this community."))]
    if errors:
        raise ValidationError(errors)
    zone = timezone.get_current_timezone()
    moment = timezone.make_aware(datetime.combine(day, start), zone)
    last = timezone.make_aware(datetime.combine(day, end), zone)
    step = timedelta(minutes=minutes)
    slots = []
    while moment + step <= last:
        slots.append(
            ReceptionSlot(
                community=community, starts_at=moment, ends_at=moment + step, place=place, host=host
            )
        )
        moment += step
    if not slots:
        raise ValidationError({"end": [_("The time range is shorter than one slot.")]})
    taken = set(
        ReceptionSlot.objects.filter(
            community=community, starts_at__in=[s.starts_at for s in slots]
        ).values_list("starts_at", flat=True)
    )
    new = [s for s in slots if s.starts_at not in taken]
    ReceptionSlot.objects.bulk_create(new)
    if new:
        audit.record(
            actor=actor,
            action="reception.open_day",
            obj=new[0],
            changes={"day": [None, day.isoformat()], "slots": [None, str(len(new))]},
        )
    return new


@transaction.atomic
def reception_book(*, actor, slot: ReceptionSlot, unit: Unit, topic: str) -> ReceptionBooking:
    """Book a slot for a home and a topic; one booking a slot, first come first served."""
    staff = _acts_for_home(actor, unit, "reception.manage")
    if unit.community_id != slot.community_id:
        raise ValidationError({"unit": [not_found(_("Choose a home of this community."))]})
    topic = (topic or "").replace("\x00", "").strip()
    if not topic:
        raise ValidationError({"topic": [_("Say what you would like to talk about.")]})
    slot = ReceptionSlot.objects.select_for_update().get(pk=slot.pk)
    if slot.starts_at <= timezone.now():
        raise ValidationError({"slot": [conflict(_("This slot has passed."))]})
    if slot.bookings.filter(cancelled_at=None).exists():
        raise ValidationError({"slot": [_("This slot has just been booked: choose another.")]})
    resident = _owner_of(unit) if staff else _resident_in(actor, unit.community_id)
    booking = ReceptionBooking.objects.create(
        slot=slot,
        unit=unit,
        resident=resident,
        topic=topic[:4000],
        booked_by=actor,
        booked_at=timezone.now(),
    )
    audit.record(
        actor=actor,
        action="reception.book",
        obj=booking,
        changes={"slot": [None, slot.starts_at.isoformat()], "home": [None, unit.label]},
    )
    return booking


@transaction.atomic
def reception_booking_cancel(*, actor, booking: ReceptionBooking) -> ReceptionBooking:
    """Give a booked slot back, so that someone else may take it."""
    _acts_for_home(actor, booking.unit, "reception.manage")
    booking = ReceptionBooking.objects.select_for_update().select_related("unit").get(pk=booking.pk)
    if booking.cancelled_at is None:
        if booking.outcome_at is not None:
            raise conflict(_("This meeting has taken place."))
        booking.cancelled_at = timezone.now()
        booking.save(update_fields=["cancelled_at"])
        audit.record(actor=actor, action="reception.cancel", obj=booking)
    return booking


@transaction.atomic
def reception_outcome_record(
    *, actor, booking: ReceptionBooking, outcome: str, follow_up: bool
) -> ReceptionBooking:
    """Write down what came of a meeting and whether it needs following up."""
    policy.require_perm(actor, "reception.manage", booking.unit.community_id)
    booking = ReceptionBooking.objects.select_for_update().select_related("unit").get(pk=booking.pk)
    if booking.cancelled_at is not None:
        raise ValidationError(_("This booking was cancelled."))
    outcome = (outcome or "").replace("\x00", "").strip()
    if not outcome:
        raise ValidationError({"outcome": [_("Write down what came of the meeting.")]})
    before = booking.outcome
    booking.outcome, booking.follow_up = outcome[:4000], bool(follow_up)
    booking.outcome_by, booking.outcome_at = actor, timezone.now()
    booking.save(update_fields=["outcome", "follow_up", "outcome_by", "outcome_at"])
    audit.record(
        actor=actor,
        action="reception.outcome",
        obj=booking,
        changes=audit.diff({"outcome": before}, {"outcome": booking.outcome}),
    )
    return booking


# ---- visits (走访) ----------------------------------------------------------------------------


@transaction.atomic
def visit_record(*, actor, community: Community, data: dict[str, Any]) -> Visit:
    """Record a visit to a home: when, who went, whom they met, what they found."""
    policy.require_perm(actor, "visit.record", community.pk)
    errors: dict[str, list[str]] = {}
    unit = data.get("unit")
    if unit is None or unit.community_id != community.pk:
        errors["unit"] = [not_found(_("Choose a home of this community."))]
    visited_on = data.get("visited_on")
    if visited_on is None or visited_on > timezone.localdate():
        errors["visited_on"] = [_("Enter the day of the visit (not in the future).")]
    visitor = data.get("visitor") or actor
    if not policy.has_perm(visitor, "community.view", community.pk):
        errors["visitor"] = [not_found(_("Choose a member of staff of this community."))]
    people_met = clean_text(data.get("people_met") or "")[:200]
    if not people_met:
        errors["people_met"] = [_("Say whom you met.")]
    findings = (data.get("findings") or "").replace("\x00", "").strip()
    if not findings:
        errors["findings"] = [_("Write down what you found.")]
    resident = data.get("resident")
    if resident is None and "unit" not in errors:
        resident = _owner_of(unit)
    if resident is not None and resident.community_id != community.pk:
        errors["resident"] = [not_found(_("Choose a resident of this community."))]
    if errors:
        raise ValidationError(errors)
    visit = Visit.objects.create(
        community=community,
        unit=unit,
        visited_on=visited_on,
        visitor=visitor,
        people_met=people_met,
        resident=resident,
        findings=findings[:4000],
        follow_up=bool(data.get("follow_up")),
        recorded_by=actor,
    )
    audit.record(
        actor=actor,
        action="visit.record",
        obj=visit,
        changes={"home": [None, unit.label], "visited_on": [None, visited_on.isoformat()]},
    )
    return visit


# ---- a finding becomes a work order ------------------------------------------------------------


def _raise(actor, record, *, channel: str, category: str, description: str, resident) -> WorkOrder:
    if category not in Category.values:
        raise ValidationError({"category": [_("Choose a category from the list.")]})
    order = work_order_submit(
        actor=actor,
        community=record.unit.community,
        category=category,
        channel=channel,
        description=description,
        unit=record.unit,
        reporter_resident=resident,
    )
    record.work_order = order
    record.save(update_fields=["work_order"])
    audit.record(
        actor=actor, action="work_order.raise", obj=record, changes={"order": [None, order.number]}
    )
    return order


@transaction.atomic
def booking_raise_work_order(
    *, actor, booking: ReceptionBooking, category: str = Category.COMPLAINT
) -> WorkOrder:
    """Turn the issue of a reception meeting into a work order (once: again gives the same)."""
    policy.require_perm(actor, "reception.manage", booking.unit.community_id)
    booking = (
        ReceptionBooking.objects.select_for_update(of=("self",))
        .select_related("unit__community", "work_order")
        .get(pk=booking.pk)
    )
    if booking.work_order_id:
        return booking.work_order
    if booking.cancelled_at is not None:
        raise ValidationError(_("This booking was cancelled."))
    resident = booking.resident or _owner_of(booking.unit)
    text = booking.topic if not booking.outcome else f"{booking.topic}\n\n{booking.outcome}"
    return _raise(
        actor,
        booking,
        channel=Channel.RECEPTION_DAY,
        category=category,
        description=text,
        resident=resident,
    )


@transaction.atomic
def visit_raise_work_order(
    *, actor, visit: Visit, category: str = Category.REPAIR_HOME
) -> WorkOrder:
    """Turn the findings of a visit into a work order (once: again gives the same)."""
    policy.require_perm(actor, "visit.record", visit.community_id)
    visit = (
        Visit.objects.select_for_update(of=("self",))
        .select_related("unit__community", "work_order", "resident")
        .get(pk=visit.pk)
    )
    if visit.work_order_id:
        return visit.work_order
    return _raise(
        actor,
        visit,
        channel=Channel.VISIT,
        category=category,
        description=visit.findings,
        resident=visit.resident,
    )
