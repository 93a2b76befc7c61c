"""Reads of community life, scoped to what the caller may see.

Every member of staff sees the events and groups of their communities; the office sees the
reception days with their bookings and the visits. A resident sees the events for their
community or building, the groups of their community, the reception slots still free and
their own bookings. Lists carry their counts as annotations, so a page's queries do not grow
with its rows.
"""

from __future__ import annotations

from datetime import date

from django.db.models import (
    Count,
    Exists,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
)
from django.db.models.functions import Coalesce
from django.utils import timezone

from wuye.core import policy
from wuye.estates.models import Unit

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


def resident_community_ids(user) -> set[int]:
    unit_ids = policy.resident_unit_ids(user)
    if not unit_ids:
        return set()
    return set(Unit.objects.filter(pk__in=unit_ids).values_list("community_id", flat=True))


# ---- events ---------------------------------------------------------------------------------


def events_for_residents(user) -> QuerySet[Event]:
    """Events for the communities of the user's homes, or for the buildings of them."""
    unit_ids = policy.resident_unit_ids(user)
    if not unit_ids:
        return Event.objects.none()
    homes = Unit.objects.filter(pk__in=unit_ids)
    through = Event.buildings.through.objects
    return Event.objects.filter(community_id__in=homes.values("community_id")).filter(
        ~Exists(through.filter(event_id=OuterRef("pk")))
        | Exists(
            through.filter(event_id=OuterRef("pk"), building_id__in=homes.values("building_id"))
        )
    )


def events_visible_to(user, community_id: int | None = None) -> QuerySet[Event]:
    staff_ids = policy.community_ids_with(user, "event.view")
    qs = Event.objects.filter(
        Q(community_id__in=staff_ids) | Q(pk__in=events_for_residents(user).values("pk"))
    )
    if community_id is not None:
        qs = qs.filter(community_id=community_id)
    return qs


def with_counts(events: QuerySet[Event]) -> QuerySet[Event]:
    """Each event with its confirmed people, households waiting and people who came."""

    def total(field: str, **where) -> Coalesce:
        rows = (
            EventSignup.objects.filter(event_id=OuterRef("pk"), **where)
            .order_by()
            .values("event_id")
            .annotate(n=Sum(field))
            .values("n")
        )
        return Coalesce(Subquery(rows, output_field=IntegerField()), Value(0))

    waiting = (
        EventSignup.objects.filter(event_id=OuterRef("pk"), status=SignupStatus.WAITING)
        .order_by()
        .values("event_id")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return events.annotate(
        confirmed_people=total("people", status=SignupStatus.CONFIRMED),
        attended_people=total("attended", checked_in_at__isnull=False),
        waiting_households=Coalesce(Subquery(waiting, output_field=IntegerField()), Value(0)),
    )


def with_position(signups: QuerySet[EventSignup]) -> QuerySet[EventSignup]:
    """Each sign-up with its place on the waiting list (1 = next to move up; 0 = not waiting)."""
    ahead = (
        EventSignup.objects.filter(
            event_id=OuterRef("event_id"), status=SignupStatus.WAITING, pk__lte=OuterRef("pk")
        )
        .order_by()
        .values("event_id")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return signups.annotate(
        position=Coalesce(Subquery(ahead, output_field=IntegerField()), Value(0))
    )


def signups_of(event: Event) -> QuerySet[EventSignup]:
    """An event's sign-ups for the staff list: confirmed first, then the waiting list."""
    return with_position(
        event.signups.exclude(status=SignupStatus.CANCELLED).select_related(
            "unit__building", "signed_up_by"
        )
    ).order_by("status", "pk")


def my_signups(user, event_ids: list[int]) -> dict[int, list[EventSignup]]:
    """The current sign-ups of the user's homes for these events: {event_id: [sign-up]}."""
    rows = with_position(
        EventSignup.objects.filter(
            event_id__in=event_ids, unit_id__in=policy.resident_unit_ids(user)
        )
        .exclude(status=SignupStatus.CANCELLED)
        .select_related("unit__building")
    )
    found: dict[int, list[EventSignup]] = {}
    for signup in rows:
        found.setdefault(signup.event_id, []).append(signup)
    return found


def signups_visible_to(user) -> QuerySet[EventSignup]:
    """Sign-ups of the user's homes, and every sign-up of the events staff run."""
    staff_ids = policy.community_ids_with(user, "event.manage")
    return EventSignup.objects.filter(
        Q(event__community_id__in=staff_ids) | Q(unit_id__in=policy.resident_unit_ids(user))
    ).select_related("event", "unit__building")


def events_held(community_id: int, start: date, end: date) -> QuerySet[Event]:
    """Events that took place (not cancelled) with their start in [start, end)."""
    return Event.objects.filter(
        community_id=community_id,
        cancelled_at__isnull=True,
        starts_at__date__gte=start,
        starts_at__date__lt=end,
    )


# ---- interest groups ------------------------------------------------------------------------


def groups_visible_to(user, community_id: int | None = None) -> QuerySet[InterestGroup]:
    """Groups of the staff's communities and of the residents' communities, with member counts
    and whether the user belongs."""
    staff_ids = policy.community_ids_with(user, "event.view")
    qs = InterestGroup.objects.filter(
        Q(community_id__in=staff_ids) | Q(community_id__in=resident_community_ids(user))
    )
    if community_id is not None:
        qs = qs.filter(community_id=community_id)
    return qs.select_related("organiser").annotate(
        member_count=Count("memberships", filter=Q(memberships__left_at=None), distinct=True),
        is_member=Exists(
            GroupMembership.objects.filter(
                group_id=OuterRef("pk"), resident_id__in=policy.resident_ids(user), left_at=None
            )
        ),
    )


def group_members(group: InterestGroup) -> QuerySet[GroupMembership]:
    return group.memberships.filter(left_at=None).select_related("resident")


def group_posts(group: InterestGroup) -> QuerySet[GroupPost]:
    return group.posts.select_related("author")


# ---- reception days -------------------------------------------------------------------------


def _active_booking() -> Exists:
    return Exists(ReceptionBooking.objects.filter(slot_id=OuterRef("pk"), cancelled_at=None))


def slots_visible_to(user, community_id: int | None = None) -> QuerySet[ReceptionSlot]:
    """The office sees every slot; a resident sees the slots of their communities."""
    staff_ids = policy.community_ids_with(user, "reception.view")
    qs = ReceptionSlot.objects.filter(
        Q(community_id__in=staff_ids) | Q(community_id__in=resident_community_ids(user))
    )
    if community_id is not None:
        qs = qs.filter(community_id=community_id)
    return qs.select_related("host").annotate(booked=_active_booking())


def free_slots(user) -> QuerySet[ReceptionSlot]:
    """Slots still to come and not booked, for the user's communities, soonest first."""
    return (
        slots_visible_to(user)
        .filter(community_id__in=resident_community_ids(user), starts_at__gt=timezone.now())
        .filter(booked=False)
        .order_by("starts_at")
    )


def bookings_visible_to(user, community_id: int | None = None) -> QuerySet[ReceptionBooking]:
    """The office sees every booking of its communities; a resident the bookings of their homes."""
    staff_ids = policy.community_ids_with(user, "reception.view")
    qs = ReceptionBooking.objects.filter(
        Q(slot__community_id__in=staff_ids) | Q(unit_id__in=policy.resident_unit_ids(user))
    )
    if community_id is not None:
        qs = qs.filter(slot__community_id=community_id)
    return qs.select_related("slot__host", "unit__building", "unit__community", "work_order")


def reception_day(community_id: int, user, day: date) -> list[ReceptionSlot]:
    """The slots of one day, each with its current booking (`current`) or None."""
    slots = list(
        slots_visible_to(user, community_id).filter(starts_at__date=day).order_by("starts_at")
    )
    bookings = {
        b.slot_id: b
        for b in bookings_visible_to(user, community_id).filter(slot__in=slots, cancelled_at=None)
    }
    for slot in slots:
        slot.current = bookings.get(slot.pk)
    return slots


def reception_days(community_id: int, user) -> QuerySet:
    """Each reception day of the community with its slots and bookings, newest first."""
    return (
        slots_visible_to(user, community_id)
        .values("starts_at__date")
        .annotate(
            slots=Count("pk", distinct=True),
            booked_slots=Count("bookings", filter=Q(bookings__cancelled_at=None), distinct=True),
        )
        .order_by("-starts_at__date")
    )


# ---- visits ---------------------------------------------------------------------------------


def visits_visible_to(user, community_id: int | None = None) -> QuerySet[Visit]:
    qs = Visit.objects.filter(community_id__in=policy.community_ids_with(user, "visit.view"))
    if community_id is not None:
        qs = qs.filter(community_id=community_id)
    return qs.select_related("unit__building", "visitor", "work_order")
