"""Pages of community life: the staff's events, groups, reception days and visits, and the
owners' portal on a phone. Who may open them, what they do, and that their query counts do
not grow with their rows."""

from datetime import time, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from wuye.engagement.community_life import services
from wuye.engagement.models import (
    EventSignup,
    GroupMembership,
    GroupPost,
    ReceptionBooking,
    SignupStatus,
    Visit,
)
from wuye.estates.models import Relation, Resident
from wuye.servicedesk.models import WorkOrder
from wuye.testing import factories as f

from .fixtures import announce, sign


def slots(site, count=3, days=5):
    return services.reception_slots_generate(
        actor=site.manager,
        community=site.community,
        day=timezone.localdate() + timedelta(days=days),
        start=time(9),
        end=time(9 + count),
        minutes=60,
        place="Service center",
    )


def group(site, name="Chess club"):
    return services.group_create(
        actor=site.manager, community=site.community, data={"name": name, "description": ""}
    )


def visit(site, n=0):
    return services.visit_record(
        actor=site.frontdesk,
        community=site.community,
        data={
            "unit": site.units["owner_home" if n % 2 == 0 else "owner2_home"],
            "visited_on": timezone.localdate() - timedelta(days=n),
            "people_met": "Owner",
            "findings": f"Finding {n}",
        },
    )


def queries_of(client, url) -> int:
    with CaptureQueriesContext(connection) as done:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(done)


# ---- staff ----------------------------------------------------------------------------------


def staff_urls(site, event, chosen_group, booking, done_visit):
    c = site.community.pk
    day = timezone.localtime(booking.slot.starts_at).date().isoformat()
    return {
        "events": reverse("engagement:events", args=[c]),
        "event": reverse("engagement:event", args=[c, event.pk]),
        "groups": reverse("engagement:groups", args=[c]),
        "group": reverse("engagement:group", args=[c, chosen_group.pk]),
        "reception": reverse("engagement:reception", args=[c]),
        "reception_day": reverse("engagement:reception_day", args=[c, day]),
        "booking": reverse("engagement:booking", args=[c, booking.pk]),
        "visits": reverse("engagement:visits", args=[c]),
        "visit": reverse("engagement:visit", args=[c, done_visit.pk]),
    }


@pytest.fixture
def life(site):
    event = announce(site)
    sign(site, event, "owner", "owner_home", 2)
    booking = services.reception_book(
        actor=site.owner, slot=slots(site)[0], unit=site.units["owner_home"], topic="Parking"
    )
    chosen = group(site)
    services.group_post(actor=site.manager, group=chosen, body="Welcome")
    return event, chosen, booking, visit(site)


def test_the_office_opens_every_page_and_the_others_are_kept_out(client, site, life):
    urls = staff_urls(site, *life)
    client.force_login(site.frontdesk)
    for name, url in urls.items():
        assert client.get(url).status_code == 200, name
    client.force_login(site.guard)
    assert client.get(urls["events"]).status_code == 200
    for name in ("reception", "booking", "visits", "visit"):
        assert client.get(urls[name]).status_code == 403, name
    client.force_login(site.other_manager)
    for name, url in urls.items():
        assert client.get(url).status_code == 403, name


def test_staff_announce_an_event_and_check_a_household_in(client, site):
    client.force_login(site.frontdesk)
    c = site.community.pk
    starts = timezone.localtime() + timedelta(days=3)
    response = client.post(
        reverse("engagement:event_new", args=[c]),
        {
            "title": "Flea market",
            "place": "Central square",
            "starts_at": starts.strftime("%Y-%m-%dT%H:%M"),
            "ends_at": (starts + timedelta(hours=3)).strftime("%Y-%m-%dT%H:%M"),
            "signup_deadline": (starts - timedelta(days=1)).strftime("%Y-%m-%dT%H:%M"),
            "capacity": "50",
        },
    )
    event = site.community.events.get()
    assert response.status_code == 302
    signup = sign(site, event, "owner", "owner_home", 3)

    client.post(
        reverse("engagement:signup_act", args=[c, event.pk, signup.pk, "check-in"]),
        {"attended": "2"},
    )

    signup.refresh_from_db()
    assert (signup.attended, signup.checked_in_at is not None) == (2, True)
    page = client.get(reverse("engagement:event", args=[c, event.pk]))
    assert "2 came" in page.content.decode()


def test_bad_event_input_is_shown_on_the_form(client, site):
    client.force_login(site.frontdesk)
    response = client.post(
        reverse("engagement:event_new", args=[site.community.pk]),
        {"title": "", "place": "Square", "capacity": "0"},
    )
    assert response.status_code == 200
    assert response.context["form"].errors.keys() >= {"title", "capacity", "starts_at"}


def test_staff_open_a_reception_day_and_turn_a_meeting_into_a_work_order(client, site):
    client.force_login(site.manager)
    c = site.community.pk
    day = timezone.localdate() + timedelta(days=8)
    client.post(
        reverse("engagement:reception", args=[c]),
        {
            "day": day.isoformat(),
            "start": "09:00",
            "end": "10:00",
            "minutes": "30",
            "place": "Hall",
        },
    )
    slot = site.community.reception_slots.order_by("starts_at").first()
    assert site.community.reception_slots.count() == 2
    booking = services.reception_book(
        actor=site.owner, slot=slot, unit=site.units["owner_home"], topic="Dog fouling"
    )

    client.post(
        reverse("engagement:booking", args=[c, booking.pk]),
        {"outcome": "Will put up signs", "follow_up": "on"},
    )
    first = client.post(
        reverse("engagement:booking_raise", args=[c, booking.pk]), {"category": "complaint"}
    )
    client.post(reverse("engagement:booking_raise", args=[c, booking.pk]), {"category": "enquiry"})

    order = WorkOrder.objects.get()
    assert first.url == reverse("servicedesk:order", args=[c, order.pk])
    assert (order.category, order.channel) == ("complaint", "reception_day")
    day_page = client.get(reverse("engagement:reception_day", args=[c, day.isoformat()]))
    assert order.number in day_page.content.decode()


def test_staff_record_a_visit_by_home_number_and_raise_its_work_order(client, site):
    client.force_login(site.frontdesk)
    c = site.community.pk
    response = client.post(
        reverse("engagement:visit_new", args=[c]),
        {
            "home": "1-1-101",
            "visited_on": timezone.localdate().isoformat(),
            "people_met": "Wang Fang",
            "findings": "Crack in the balcony tiles",
            "follow_up": "on",
        },
    )
    done = Visit.objects.get()
    assert response.url == reverse("engagement:visit", args=[c, done.pk])
    client.post(reverse("engagement:visit_raise", args=[c, done.pk]), {"category": "repair_home"})
    done.refresh_from_db()
    assert done.work_order.channel == "visit"
    unknown = client.post(
        reverse("engagement:visit_new", args=[c]),
        {"home": "9-9-999", "visited_on": "2026-01-01", "people_met": "x", "findings": "y"},
    )
    assert "home" in unknown.context["form"].errors


def test_staff_lists_cost_the_same_queries_for_more_rows(client, site, life):
    urls = staff_urls(site, *life)
    client.force_login(site.manager)
    queries_of(client, urls["events"])  # the first page remembers the community
    before = {name: queries_of(client, url) for name, url in urls.items()}
    event, chosen_group, booking, _ = life
    for n in range(1, 4):
        more = announce(site, title=f"Event {n}")
        sign(site, more, "owner2", "owner2_home", 1)
        services.group_post(actor=site.manager, group=chosen_group, body=f"Post {n}")
        visit(site, n)
        group(site, f"Group {n}")
    sign(site, event, "owner2", "owner2_home", 1)
    sign(site, event, "tenant", "tenant_home", 1)
    GroupMembership.objects.create(
        group=chosen_group, resident=site.residents["owner"], joined_at=timezone.now()
    )
    for slot in slots(site, days=5)[1:]:
        services.reception_book(
            actor=site.owner2, slot=slot, unit=site.units["owner2_home"], topic="Noise"
        )
    after = {name: queries_of(client, url) for name, url in urls.items()}
    assert after == before


# ---- portal ---------------------------------------------------------------------------------


def portal_urls(event, chosen_group):
    return {
        "events": reverse("engagement_portal:events"),
        "event": reverse("engagement_portal:event", args=[event.pk]),
        "groups": reverse("engagement_portal:groups"),
        "group": reverse("engagement_portal:group", args=[chosen_group.pk]),
        "reception": reverse("engagement_portal:reception"),
    }


def test_an_owner_signs_up_in_the_portal_and_sees_the_waiting_list(client, site):
    event = announce(site, capacity=2)
    sign(site, event, "owner2", "owner2_home", 2)
    client.force_login(site.owner)

    client.post(
        reverse("engagement_portal:event", args=[event.pk]),
        {"unit": site.units["owner_home"].pk, "people": "2"},
    )

    signup = EventSignup.objects.get(unit=site.units["owner_home"])
    assert signup.status == SignupStatus.WAITING
    page = client.get(reverse("engagement_portal:events")).content.decode()
    assert "waiting, number 1" in page
    client.post(reverse("engagement_portal:signup_cancel", args=[signup.pk]))
    signup.refresh_from_db()
    assert signup.status == SignupStatus.CANCELLED


def test_a_resident_cannot_cancel_a_neighbours_sign_up(client, site):
    event = announce(site)
    theirs = sign(site, event, "owner2", "owner2_home", 1)
    client.force_login(site.owner)
    response = client.post(reverse("engagement_portal:signup_cancel", args=[theirs.pk]))
    assert response.status_code == 404
    theirs.refresh_from_db()
    assert theirs.status == SignupStatus.CONFIRMED


def test_an_owner_joins_a_group_and_posts_on_its_board(client, site):
    chosen = group(site)
    client.force_login(site.owner)
    url = reverse("engagement_portal:group", args=[chosen.pk])

    client.post(url, {"body": "Before joining"})
    client.post(reverse("engagement_portal:group_membership", args=[chosen.pk, "join"]))
    client.post(url, {"body": "Game on Sunday?"})

    assert list(GroupPost.objects.values_list("body", flat=True)) == ["Game on Sunday?"]
    assert "Game on Sunday?" in client.get(url).content.decode()
    client.post(reverse("engagement_portal:group_membership", args=[chosen.pk, "leave"]))
    assert not GroupMembership.objects.filter(left_at=None).exists()


def test_an_owner_books_the_reception_day_in_the_portal(client, site):
    first, second, _third = slots(site)
    client.force_login(site.owner)

    client.post(
        reverse("engagement_portal:reception"),
        {"slot": first.pk, "unit": site.units["owner_home"].pk, "topic": "Parking at night"},
    )

    booking = ReceptionBooking.objects.get()
    assert (booking.slot, booking.topic) == (first, "Parking at night")
    page = client.get(reverse("engagement_portal:reception")).content.decode()
    assert "Parking at night" in page
    assert f'data-slot="{first.pk}"' not in page
    assert f'data-slot="{second.pk}"' in page


def test_portal_pages_cost_the_same_queries_for_more_rows(client, site):
    event = announce(site)
    sign(site, event, "owner", "owner_home", 1)
    chosen = group(site)
    services.group_join(actor=site.owner, group=chosen)
    services.group_post(actor=site.owner, group=chosen, body="First")
    free = slots(site)
    services.reception_book(
        actor=site.owner, slot=free[0], unit=site.units["owner_home"], topic="A"
    )
    urls = portal_urls(event, chosen)
    client.force_login(site.owner)
    before = {name: queries_of(client, url) for name, url in urls.items()}
    for n in range(3):
        more = announce(site, title=f"Event {n}")
        sign(site, more, "owner", "owner_home", 1)
        other = group(site, f"Group {n}")
        services.group_join(actor=site.owner, group=other)
        services.group_post(actor=site.owner, group=chosen, body=f"Post {n}")
    sign(site, event, "owner2", "owner2_home", 1)
    services.reception_book(
        actor=site.owner, slot=free[1], unit=site.units["owner_home"], topic="B"
    )
    slots(site, days=6)
    after = {name: queries_of(client, url) for name, url in urls.items()}
    assert after == before


def test_residents_of_another_community_see_none_of_it(client, site):
    event = announce(site)
    chosen = group(site)
    client.force_login(site.other_owner)
    assert client.get(reverse("engagement_portal:event", args=[event.pk])).status_code == 404
    assert client.get(reverse("engagement_portal:group", args=[chosen.pk])).status_code == 404
    assert event.title not in client.get(reverse("engagement_portal:events")).content.decode()


def test_the_register_page_of_a_home_shows_its_visits_to_the_office_only(client, site):
    done = visit(site)
    url = reverse("estates:unit", args=[site.community.pk, site.units["owner_home"].pk])

    client.force_login(site.frontdesk)
    office = client.get(url).content.decode()
    client.force_login(site.guard)
    guard = client.get(url).content.decode()

    assert f'data-visit="{done.pk}"' in office and "Finding 0" in office
    assert 'id="home-visits"' not in guard


@pytest.mark.parametrize("home", ["abc", "1.5", "99999999"])
def test_visits_of_an_unknown_home_are_not_found(client, site, home):
    client.force_login(site.manager)
    url = reverse("engagement:visits", args=[site.community.pk])
    assert client.get(url, {"home": home}).status_code == 404


def test_a_tampered_slot_is_not_found_and_books_nothing(client, site):
    slots(site)
    client.force_login(site.owner)
    response = client.post(
        reverse("engagement_portal:reception"),
        {"slot": "abc", "unit": site.units["owner_home"].pk, "topic": "Parking at night"},
    )
    assert response.status_code == 404
    assert not ReceptionBooking.objects.exists()


def test_sign_up_begins_with_the_owners_only_home_chosen(client, site):
    event = announce(site)
    client.force_login(site.owner)
    page = client.get(reverse("engagement_portal:event", args=[event.pk]))
    form = page.context["form"]
    assert form["unit"].value() == site.units["owner_home"].pk
    # the only home: no empty choice to pick first
    assert [value for value, _label in form.fields["unit"].choices] == [site.units["owner_home"].pk]
    assert f'<option value="{site.units["owner_home"].pk}" selected>' in page.text


def test_sign_up_begins_with_a_home_the_user_owns_before_one_they_live_in(client, site):
    f.ResidencyFactory(
        unit=site.units["owner_home"],
        resident=Resident.objects.get(user=site.owner2),
        relation=Relation.FAMILY,
    )
    event = announce(site)
    client.force_login(site.owner2)
    form = client.get(reverse("engagement_portal:event", args=[event.pk])).context["form"]
    homes = [value for value, _label in form.fields["unit"].choices if value]
    assert homes == [site.units["owner_home"].pk, site.units["owner2_home"].pk]
    assert form["unit"].value() == site.units["owner2_home"].pk


def test_a_full_event_says_join_the_waiting_list_before_the_owner_taps(client, site):
    event = announce(site, capacity=2)
    client.force_login(site.owner)
    open_page = client.get(reverse("engagement_portal:event", args=[event.pk]))
    assert "Join the waiting list" not in open_page.text
    sign(site, event, "owner2", "owner2_home", 2)
    full_page = client.get(reverse("engagement_portal:event", args=[event.pk]))
    assert 'id="event-full"' in full_page.text
    assert "Join the waiting list" in full_page.text
    client.post(
        reverse("engagement_portal:event", args=[event.pk]),
        {"unit": site.units["owner_home"].pk, "people": "1"},
    )
    assert EventSignup.objects.get(unit=site.units["owner_home"]).status == SignupStatus.WAITING
