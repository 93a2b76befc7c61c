"""Community events (社区文化活动): sign-up while places last, a waiting list that moves up by
itself, check-in and attendance, and households told when an event is called off."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from wuye.core.models import Notification
from wuye.engagement.community_life import queries, services
from wuye.engagement.models import EventSignup, SignupStatus
from wuye.servicedesk.models import NotificationLanguage

from .fixtures import announce, sign


def statuses(event):
    return list(
        EventSignup.objects.filter(event=event).order_by("pk").values_list("unit__number", "status")
    )


def test_households_sign_up_until_the_places_are_taken_then_wait(site):
    event = announce(site, capacity=5)

    first = sign(site, event, "owner", "owner_home", 3)
    second = sign(site, event, "owner2", "owner2_home", 3)

    assert first.status == SignupStatus.CONFIRMED
    assert second.status == SignupStatus.WAITING
    event = queries.with_counts(queries.events_visible_to(site.manager)).get(pk=event.pk)
    assert (event.confirmed_people, event.waiting_households) == (3, 1)


def test_a_cancellation_moves_the_waiting_list_up_and_tells_the_household(
    site, django_capture_on_commit_callbacks
):
    event = announce(site, capacity=4)
    first = sign(site, event, "owner", "owner_home", 4)
    waiting = sign(site, event, "owner2", "owner2_home", 2)
    later = sign(site, event, "tenant", "tenant_home", 1)
    positions = queries.with_position(EventSignup.objects.filter(pk__in=[waiting.pk, later.pk]))
    assert list(positions.order_by("pk").values_list("position", flat=True)) == [1, 2]

    with django_capture_on_commit_callbacks(execute=True):
        services.signup_cancel(actor=site.owner, signup=first)

    assert statuses(event) == [
        ("101", SignupStatus.CANCELLED),
        ("502", SignupStatus.CONFIRMED),
        ("301", SignupStatus.CONFIRMED),
    ]
    told = Notification.objects.filter(recipient=site.owner2).get()
    assert "Lantern riddles" in told.subject


def test_the_waiting_list_keeps_its_order_for_newcomers(site):
    event = announce(site, capacity=4)
    sign(site, event, "owner", "owner_home", 3)
    sign(site, event, "owner2", "owner2_home", 2)

    newcomer = sign(site, event, "tenant", "tenant_home", 1)

    assert newcomer.status == SignupStatus.WAITING, "one place is free, but someone waits first"


def test_a_household_signs_up_once_and_only_for_its_own_home(site):
    event = announce(site)
    sign(site, event, "owner", "owner_home", 2)

    with pytest.raises(ValidationError) as again:
        sign(site, event, "owner", "owner_home", 1)
    assert "unit" in again.value.message_dict
    with pytest.raises(PermissionDenied):
        sign(site, event, "owner2", "owner_home", 1)
    with pytest.raises(PermissionDenied):
        sign(site, event, "guard", "owner_home", 1)


def test_staff_sign_up_a_household_at_the_front_desk(site):
    event = announce(site)
    signup = sign(site, event, "frontdesk", "owner_home", 2)
    assert signup.status == SignupStatus.CONFIRMED and signup.signed_up_by == site.frontdesk


def test_an_event_for_other_buildings_is_not_for_this_home(site):
    event = announce(site, buildings=[site.buildings[1]])

    with pytest.raises(ValidationError) as refused:
        sign(site, event, "owner", "owner_home", 1)

    assert "unit" in refused.value.message_dict
    assert event not in queries.events_for_residents(site.owner)
    assert event in queries.events_for_residents(site.tenant)


def test_sign_up_closes_at_the_deadline_and_people_are_counted_sensibly(site):
    event = announce(site, starts_in=timedelta(hours=12))

    with pytest.raises(ValidationError, match="Sign-up closed"):
        sign(site, event, "owner", "owner_home", 1)
    open_event = announce(site, title="Open")
    with pytest.raises(ValidationError) as too_many:
        sign(site, open_event, "owner", "owner_home", 30)
    assert "people" in too_many.value.message_dict


def test_bad_event_details_are_named(site):
    with pytest.raises(ValidationError) as bad:
        announce(site, title=" ", capacity=0, signup_deadline=timezone.now() + timedelta(days=30))
    assert set(bad.value.message_dict) == {"title", "capacity", "signup_deadline"}
    with pytest.raises(PermissionDenied):
        services.event_create(actor=site.guard, community=site.community, data={})


def test_check_in_counts_who_came(site):
    event = announce(site, capacity=10)
    family = sign(site, event, "owner", "owner_home", 3)
    waiting_free = sign(site, event, "owner2", "owner2_home", 2)

    services.signup_check_in(actor=site.frontdesk, signup=family, attended=2)
    services.signup_check_in(actor=site.frontdesk, signup=waiting_free)

    event = queries.with_counts(queries.events_visible_to(site.manager)).get(pk=event.pk)
    assert event.attended_people == 4
    with pytest.raises(PermissionDenied):
        services.signup_check_in(actor=site.owner, signup=family)
    with pytest.raises(ValidationError, match="already been checked in"):
        services.signup_cancel(actor=site.owner, signup=family)


def test_cancelling_an_event_tells_everyone_signed_up_or_waiting(
    site, django_capture_on_commit_callbacks
):
    event = announce(site, capacity=3)
    sign(site, event, "owner", "owner_home", 3)
    sign(site, event, "owner2", "owner2_home", 1)
    sign(site, event, "frontdesk", "tenant_home", 1)

    with pytest.raises(ValidationError):
        services.event_cancel(actor=site.manager, event=event, reason="")
    with django_capture_on_commit_callbacks(execute=True):
        services.event_cancel(actor=site.manager, event=event, reason="Sandstorm warning")

    told = set(Notification.objects.values_list("recipient__username", flat=True))
    assert told == {"owner", "owner2", "tenant", "landlord"}, "the household, not the desk"
    assert "Sandstorm warning" in Notification.objects.first().body
    with pytest.raises(ValidationError, match="cancelled"):
        sign(site, event, "frontdesk", "vacant_home", 1)


def test_a_household_hears_of_a_cancellation_in_its_own_language(
    site, django_capture_on_commit_callbacks
):
    NotificationLanguage.objects.create(user=site.owner2, language="zh-hans")
    event = announce(site, capacity=3)
    sign(site, event, "owner", "owner_home", 1)
    sign(site, event, "owner2", "owner2_home", 1)
    with django_capture_on_commit_callbacks(execute=True):
        services.event_cancel(actor=site.manager, event=event, reason="Sandstorm warning")

    subjects = dict(Notification.objects.values_list("recipient__username", "subject"))
    assert subjects["owner"].startswith("Cancelled")
    assert subjects["owner2"].startswith("活动已取消")
