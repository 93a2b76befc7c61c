"""A year of community life in the demo: events with sign-ups and attendance, groups with
members and posts, monthly reception days, visits, and a second run that adds nothing."""

from types import SimpleNamespace

import pytest
from django.db import transaction
from django.utils import timezone

from wuye.demo.community_life import community_life_load
from wuye.engagement.models import (
    Event,
    EventSignup,
    GroupMembership,
    GroupPost,
    InterestGroup,
    ReceptionBooking,
    ReceptionSlot,
    Visit,
)
from wuye.servicedesk.models import WorkOrder
from wuye.testing.people import build_site


@pytest.fixture(scope="module")
def year(django_db_setup, django_db_blocker):
    """The test community with its year of community life, loaded once."""
    with django_db_blocker.unblock(), transaction.atomic():
        site = build_site()
        counts = community_life_load(site.community)
        yield SimpleNamespace(site=site, counts=counts)
        transaction.set_rollback(True)


def rows():
    return [
        model.objects.count()
        for model in (
            Event,
            EventSignup,
            InterestGroup,
            GroupMembership,
            GroupPost,
            ReceptionSlot,
            ReceptionBooking,
            Visit,
            WorkOrder,
        )
    ]


def test_the_year_of_community_life_is_loaded_once(year, db):
    before = rows()

    assert community_life_load(year.site.community) == {}
    assert rows() == before
    assert year.counts["events"] == 26 and year.counts["groups"] == 4
    assert year.counts["reception_slots"] == 13 * 6
    assert year.counts["visits"] > 100


def test_events_were_attended_and_one_was_called_off(year, db):
    events = Event.objects.filter(community=year.site.community)
    assert events.filter(cancelled_at__isnull=False).count() == 1
    assert EventSignup.objects.filter(checked_in_at__isnull=False, attended__gt=0).exists()
    assert not EventSignup.objects.filter(event__cancelled_at__isnull=False).exists()


def test_groups_have_members_and_posts_and_meetings_have_outcomes(year, db):
    assert GroupMembership.objects.count() >= 4 and GroupPost.objects.count() >= 16
    done = ReceptionBooking.objects.exclude(outcome="")
    assert done.exists()
    raised = WorkOrder.objects.filter(channel__in=["reception_day", "visit"])
    assert raised.exists()
    assert raised.count() == (
        ReceptionBooking.objects.filter(work_order__isnull=False).count()
        + Visit.objects.filter(work_order__isnull=False).count()
    )


def test_the_office_writes_its_notes_in_chinese(year, db):
    latin = r"[A-Za-z]"
    community = year.site.community
    assert not GroupPost.objects.filter(body__regex=latin).exists()
    assert not InterestGroup.objects.filter(community=community, description__regex=latin).exists()
    assert not Visit.objects.filter(community=community, findings__regex=latin).exists()
    assert not Visit.objects.filter(community=community, people_met__regex=latin).exists()
    bookings = ReceptionBooking.objects.filter(slot__community=community)
    assert not bookings.filter(topic__regex=latin).exists()
    assert not bookings.filter(outcome__regex=latin).exists()
    assert not Event.objects.filter(community=community, title__regex=latin).exists()
    assert not Event.objects.filter(community=community, cancel_reason__regex=latin).exists()


def test_sign_ups_and_bookings_for_next_month_were_made_before_today(year, db):
    now = timezone.now()

    assert EventSignup.objects.filter(event__starts_at__gt=now).exists()
    assert ReceptionSlot.objects.filter(starts_at__gt=now).exists()
    assert not EventSignup.objects.filter(signed_up_at__gt=now).exists()
    assert not ReceptionBooking.objects.filter(booked_at__gt=now).exists()
