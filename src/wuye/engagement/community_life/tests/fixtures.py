"""Community life for tests: an event announced by the manager, a household's sign-up, and in
each of two communities an event, a sign-up, a free reception slot and a booking."""

from datetime import time, timedelta

from django.utils import timezone

from wuye.engagement.community_life import services


def announce(site, *, capacity=5, buildings=(), starts_in=timedelta(days=7), **data):
    starts = timezone.now() + starts_in
    return services.event_create(
        actor=site.manager,
        community=site.community,
        data={
            "title": "Lantern riddles",
            "place": "Central square",
            "starts_at": starts,
            "ends_at": starts + timedelta(hours=2),
            "signup_deadline": starts - timedelta(days=1),
            "capacity": capacity,
            "buildings": list(buildings),
            **data,
        },
    )


def sign(site, event, who, home, people):
    return services.signup_create(
        actor=getattr(site, who), event=event, unit=site.units[home], people=people
    )


def event_in(manager, community, title):
    starts = timezone.now() + timedelta(days=7)
    return services.event_create(
        actor=manager,
        community=community,
        data={
            "title": title,
            "place": "Clubhouse",
            "starts_at": starts,
            "ends_at": starts + timedelta(hours=2),
            "signup_deadline": starts - timedelta(days=1),
            "capacity": 3,
        },
    )


def slots_in(manager, community, count=2):
    return services.reception_slots_generate(
        actor=manager,
        community=community,
        day=timezone.localdate() + timedelta(days=5),
        start=time(9),
        end=time(9, 20 * count),
        minutes=20,
        place="Service center",
    )


def community_life(site) -> dict[str, dict[str, int]]:
    """For each community: an open event, an owner's sign-up for another event, a free slot
    and an owner's booking of another slot."""
    found = {}
    for target, manager, community, owner, home in (
        ("here", site.manager, site.community, site.owner, site.units["owner_home"]),
        ("other", site.other_manager, site.other, site.other_owner, site.units["other_home"]),
    ):
        event = event_in(manager, community, "Lantern riddles")
        signed = services.signup_create(
            actor=owner, event=event_in(manager, community, "Film night"), unit=home, people=1
        )
        free, booked = slots_in(manager, community)
        booking = services.reception_book(actor=owner, slot=booked, unit=home, topic="Parking")
        found[target] = {
            "event_id": event.pk,
            "signup_id": signed.pk,
            "slot_id": free.pk,
            "booking_id": booking.pk,
        }
    return found
