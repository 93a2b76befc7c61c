"""Households racing for the last places of an event or for one reception slot.

These need real concurrent transactions, so they run on PostgreSQL only, outside the per-test
transaction, with one thread per actor.
"""

from datetime import time, timedelta

from django.core.exceptions import ValidationError
from django.utils import timezone

from wuye.engagement.community_life import services
from wuye.engagement.models import ReceptionBooking, SignupStatus
from wuye.testing.concurrency import POSTGRES_CONCURRENCY, at_once

from .fixtures import announce, sign

pytestmark = POSTGRES_CONCURRENCY


def test_two_households_racing_for_the_last_places_do_not_overfill(site):
    event = announce(site, capacity=3)

    results = at_once(
        lambda: sign(site, event, "owner", "owner_home", 2),
        lambda: sign(site, event, "owner2", "owner2_home", 2),
    )

    assert sorted(r.status for r in results) == [SignupStatus.CONFIRMED, SignupStatus.WAITING]


def test_two_cancellations_at_once_move_the_waiting_household_up_once(site):
    event = announce(site, capacity=2)
    first = sign(site, event, "owner", "owner_home", 1)
    second = sign(site, event, "owner2", "owner2_home", 1)
    waiting = sign(site, event, "tenant", "tenant_home", 2)

    at_once(
        lambda: services.signup_cancel(actor=site.owner, signup=first),
        lambda: services.signup_cancel(actor=site.owner2, signup=second),
    )

    waiting.refresh_from_db()
    assert waiting.status == SignupStatus.CONFIRMED


def test_two_owners_booking_one_slot_at_once_one_gets_it(site):
    slot = services.reception_slots_generate(
        actor=site.manager,
        community=site.community,
        day=timezone.localdate() + timedelta(days=5),
        start=time(9),
        end=time(9, 20),
        minutes=20,
        place="Service center",
    )[0]

    results = at_once(
        lambda: services.reception_book(
            actor=site.owner, slot=slot, unit=site.units["owner_home"], topic="Parking"
        ),
        lambda: services.reception_book(
            actor=site.owner2, slot=slot, unit=site.units["owner2_home"], topic="Noise"
        ),
    )

    assert sum(isinstance(r, ReceptionBooking) for r in results) == 1
    assert sum(isinstance(r, ValidationError) for r in results) == 1
    assert ReceptionBooking.objects.filter(slot=slot).count() == 1
