"""Staff pages of the customer center: who may open them, what they do, what they cost."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from wuye.servicedesk.models import (
    PriceListItem,
    Status,
    Team,
    TeamMember,
    WorkOrder,
    WorkOrderEvent,
)

from .fixtures import MONDAY_10, home_people, order_in, other_people, png, submit


def url(name, site, *args):
    return reverse(f"servicedesk:{name}", args=[site.community.pk, *args])


@pytest.fixture
def desk(site):
    """Bordeaux Town's engineering team (the electrician) and its published prices."""
    team = Team.objects.create(
        community=site.community, name="Engineering", categories=["repair_home", "repair_common"]
    )
    TeamMember.objects.create(team=team, user=site.electrician, skills=["leak", "electrical"])
    price = PriceListItem.objects.create(
        community=site.community, name="Replace a tap washer", unit="piece", price=Decimal("15")
    )
    return {"team": team, "price": price}


def pages(site, order):
    return [
        url("board", site),
        url("intake", site),
        url("order", site, order.pk),
        url("mine", site),
    ]


# ---- who may open the pages -------------------------------------------------------------


@pytest.mark.parametrize("who", ["manager", "frontdesk", "engineer", "electrician", "guard"])
def test_staff_of_the_community_open_the_desk_pages(client, site, desk, who):
    order = submit(site)
    client.force_login(getattr(site, who))
    for path in pages(site, order):
        assert client.get(path).status_code == 200, path


@pytest.mark.parametrize("who", ["owner", "tenant", "other_manager", "nobody"])
def test_owners_and_outsiders_cannot_open_staff_pages(client, site, who):
    order = submit(site)
    client.force_login(getattr(site, who))
    for path in [
        *pages(site, order),
        url("callbacks", site),
        url("supervision", site),
    ]:
        assert client.get(path).status_code == 403, path


def test_call_backs_are_for_the_office_and_supervision_for_supervisors(client, site):
    client.force_login(site.electrician)
    assert client.get(url("callbacks", site)).status_code == 403
    assert client.get(url("supervision", site)).status_code == 403
    client.force_login(site.frontdesk)
    assert client.get(url("callbacks", site)).status_code == 200
    client.force_login(site.engineer)
    assert client.get(url("supervision", site)).status_code == 200


def test_an_order_of_another_community_is_not_found_through_this_one(client, site):
    other = order_in(site, Status.SUBMITTED, people=other_people(site))
    client.force_login(site.admin)
    assert client.get(url("order", site, other.pk)).status_code == 404


# ---- intake ---------------------------------------------------------------------------------


def test_front_desk_finds_the_caller_by_mobile(client, site):
    client.force_login(site.frontdesk)
    response = client.get(url("intake_lookup", site), {"q": "13912340001"})
    assert response.status_code == 200
    assert "Wang Fang" in response.text
    assert site.units["owner_home"].label in response.text


def test_picking_the_caller_fills_in_name_phone_and_home(client, site):
    client.force_login(site.frontdesk)
    unit, resident = site.units["owner_home"], site.residents["owner"]
    response = client.get(url("intake_caller", site), {"unit": unit.pk, "resident": resident.pk})
    assert f'value="{unit.pk}"' in response.text
    assert 'value="Wang Fang"' in response.text
    assert 'value="13912340001"' in response.text


@pytest.mark.parametrize("params", [{"unit": "abc"}, {"resident": "1.5"}, {"unit": "9" * 30}])
def test_a_mistyped_caller_link_fills_in_nothing(client, site, params):
    client.force_login(site.frontdesk)
    response = client.get(url("intake_caller", site), params)
    assert response.status_code == 200
    assert "Wang Fang" not in response.text


@pytest.mark.parametrize("week", ["2026-13-45", "someday"])
def test_supervision_of_a_week_that_is_no_date_shows_the_usual_week(client, site, week):
    client.force_login(site.engineer)
    assert client.get(url("supervision", site), {"week": week}).status_code == 200


def test_the_intake_form_says_when_and_by_whom_before_saving(client, site, desk):
    client.force_login(site.frontdesk)
    response = client.get(
        url("intake_promise", site),
        {"category": "repair_home", "priority": "normal", "subcategory": "leak"},
    )
    assert "First reply by" in response.text
    assert site.frontdesk.first_name in response.text
    assert "Resolved by" in response.text
    assert "Likely sent to Electrician" in response.text


def test_a_complaint_shows_the_handling_hint_of_its_complainant_type(client, site):
    client.force_login(site.frontdesk)
    response = client.get(
        url("intake_promise", site),
        {"category": "complaint", "priority": "normal", "complainant_type": "shouting"},
    )
    assert "Promise a reply by" in response.text
    assert "Acknowledge the feeling" in response.text
    assert "Calm the emotions first" not in response.text


def test_front_desk_receives_a_call_with_a_photo_and_lands_on_the_order(client, site):
    client.force_login(site.frontdesk)
    response = client.post(
        url("intake", site),
        {
            "unit": site.units["owner_home"].pk,
            "reporter_resident": site.residents["owner"].pk,
            "contact_name": "Wang Fang",
            "contact_phone": "13912340001",
            "category": "repair_home",
            "subcategory": "leak",
            "priority": "urgent",
            "channel": "hotline",
            "description": "Water through the bathroom ceiling",
            "photos": [png()],
        },
    )
    order = WorkOrder.objects.get()
    assert response.status_code == 302
    assert response["Location"] == url("order", site, order.pk)
    assert order.status == Status.ACCEPTED
    assert order.channel == "hotline"
    assert order.photos.count() == 1
    page = client.get(response["Location"])
    assert "Water through the bathroom ceiling" in page.text
    photo = order.photos.get()
    assert client.get(url("photo", site, order.pk, photo.pk))["Content-Type"] == "image/png"


@pytest.mark.parametrize(
    "change, field",
    [
        ({"description": ""}, "description"),
        ({"unit": "", "location": ""}, "location"),
        ({"category": "gossip"}, "category"),
        ({"contact_phone": "call me"}, "contact_phone"),
        ({"photos": [SimpleUploadedFile("x.png", b"not an image")]}, "photos"),
    ],
)
def test_bad_intake_input_names_the_field_and_saves_nothing(client, site, change, field):
    client.force_login(site.frontdesk)
    data = {
        "unit": site.units["owner_home"].pk,
        "category": "repair_home",
        "subcategory": "leak",
        "priority": "normal",
        "channel": "hotline",
        "description": "Dripping tap",
        **change,
    }
    response = client.post(url("intake", site), data)
    assert response.status_code == 400
    assert response.context["form"].errors[field]
    assert not WorkOrder.objects.exists()
    assert not WorkOrderEvent.objects.exists()


# ---- the board --------------------------------------------------------------------------


def test_the_board_suggests_a_person_and_dispatches_in_one_click(client, site, desk):
    order = order_in(site, Status.ACCEPTED)
    client.force_login(site.frontdesk)
    board = client.get(url("board", site))
    assert f'<option value="{site.electrician.pk}" selected>Electrician · 0 open' in board.text
    response = client.post(
        url("act", site, order.pk, "dispatch"),
        {f"o{order.pk}-assignee": site.electrician.pk, "next": url("board", site)},
    )
    assert response.status_code == 302
    assert response["Location"] == url("board", site)
    order.refresh_from_db()
    assert (order.status, order.assignee) == (Status.DISPATCHED, site.electrician)


def test_the_board_refreshes_only_its_table(client, site, desk):
    order_in(site, Status.ACCEPTED)
    client.force_login(site.frontdesk)
    response = client.get(url("board", site), headers={"HX-Request": "true"})
    assert 'hx-trigger="every 30s"' in response.text
    assert "<nav" not in response.text


def test_the_board_filters_overdue_orders(client, site, desk):
    late = order_in(site, Status.ACCEPTED)
    client.force_login(site.frontdesk)
    fresh = submit(site, at=None)
    board = client.get(url("board", site), {"overdue": "1"}).text
    assert late.number in board
    assert fresh.number not in board


def test_the_guard_sees_the_board_but_cannot_dispatch(client, site, desk):
    order = order_in(site, Status.ACCEPTED)
    client.force_login(site.guard)
    assert "data-dispatch" not in client.get(url("board", site)).text
    response = client.post(
        url("act", site, order.pk, "dispatch"), {f"o{order.pk}-assignee": site.electrician.pk}
    )
    assert response.status_code == 403
    assert "You may not do this." in response.text
    order.refresh_from_db()
    assert order.status == Status.ACCEPTED


def test_the_board_costs_the_same_queries_however_many_orders(
    client, site, desk, django_assert_max_num_queries
):
    client.force_login(site.frontdesk)
    for _ in range(2):
        order_in(site, Status.ACCEPTED)
        order_in(site, Status.DISPATCHED)
    client.get(url("board", site))
    with CaptureQueriesContext(connection) as few:
        client.get(url("board", site))
    for _ in range(6):
        order_in(site, Status.ACCEPTED)
        order_in(site, Status.IN_PROGRESS)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(url("board", site))
    assert response.text.count("data-order=") == 16


# ---- the order page ---------------------------------------------------------------------


def test_the_order_page_shows_exactly_the_actions_of_this_person_now(client, site, desk):
    order = order_in(site, Status.DISPATCHED)
    client.force_login(site.electrician)
    page = client.get(url("order", site, order.pk)).text
    for action in ("start", "hold", "transfer", "send_back", "resolve"):
        assert f'data-action="{action}"' in page, action
    for action in ("accept", "dispatch", "visit", "close", "rate"):
        assert f'data-action="{action}"' not in page, action
    client.force_login(site.frontdesk)
    page = client.get(url("order", site, order.pk)).text
    assert 'data-action="start"' not in page
    assert 'data-action="cancel"' in page


def test_an_action_from_the_wrong_state_is_a_409_with_a_message(client, site, desk):
    order = order_in(site, Status.SUBMITTED)
    client.force_login(site.frontdesk)
    response = client.post(url("act", site, order.pk, "close"))
    assert response.status_code == 409
    assert "cannot be closed now" in response.text
    order.refresh_from_db()
    assert order.status == Status.SUBMITTED


def test_putting_on_hold_without_a_reason_shows_the_field_error_and_changes_nothing(
    client, site, desk
):
    order = order_in(site, Status.IN_PROGRESS)
    client.force_login(site.electrician)
    response = client.post(url("act", site, order.pk, "hold"), {f"o{order.pk}-reason": ""})
    assert response.status_code == 400
    assert "This field is required." in response.text
    assert '<details class="border rounded p-2" open>' in response.text
    order.refresh_from_db()
    assert order.status == Status.IN_PROGRESS


def test_a_complaint_shows_its_ten_steps_and_ticks_one(client, site):
    order = submit(site, category="complaint", subcategory="noise", complainant_type="aggressive")
    client.force_login(site.frontdesk)
    page = client.get(url("order", site, order.pk)).text
    assert "Listen fully" in page and "Thank the owner" in page
    assert "Calm the emotions first" in page
    client.post(url("complaint_step", site, order.pk, 1))
    order.refresh_from_db()
    assert order.complaint_steps == [1]


# ---- technician, call-backs, supervisor -------------------------------------------------


def test_the_electrician_sees_only_his_own_open_orders(client, site, desk):
    mine = order_in(site, Status.DISPATCHED)
    theirs = order_in(site, Status.DISPATCHED, people={**home_people(site), "tech": site.engineer})
    waiting = order_in(site, Status.ACCEPTED)
    client.force_login(site.electrician)
    page = client.get(url("mine", site)).text
    assert mine.number in page
    assert theirs.number not in page
    assert waiting.number not in page


def test_the_electrician_resolves_with_a_priced_item_and_a_photo(client, site, desk):
    order = order_in(site, Status.IN_PROGRESS)
    client.force_login(site.electrician)
    response = client.post(
        url("act", site, order.pk, "resolve"),
        {
            f"o{order.pk}-result": "Replaced the washer",
            f"o{order.pk}-item_1": desk["price"].pk,
            f"o{order.pk}-quantity_1": "2",
            f"o{order.pk}-photos": [png("done.png")],
            "next": url("mine", site),
        },
    )
    assert response.status_code == 302
    order.refresh_from_db()
    assert order.status == Status.RESOLVED
    assert order.amount_owed == Decimal("30.00")
    assert order.photos.count() == 1


def test_resolving_without_a_result_changes_nothing(client, site, desk):
    order = order_in(site, Status.IN_PROGRESS)
    client.force_login(site.electrician)
    response = client.post(
        url("act", site, order.pk, "resolve"),
        {f"o{order.pk}-item_1": desk["price"].pk, f"o{order.pk}-photos": [png()]},
    )
    assert response.status_code == 400
    order.refresh_from_db()
    assert order.status == Status.IN_PROGRESS
    assert not order.items.exists() and not order.photos.exists()


def test_the_technician_page_costs_the_same_queries_however_many_orders(
    client, site, desk, django_assert_max_num_queries
):
    order_in(site, Status.DISPATCHED)
    client.force_login(site.electrician)
    client.get(url("mine", site))
    with CaptureQueriesContext(connection) as few:
        client.get(url("mine", site))
    for _ in range(5):
        order_in(site, Status.IN_PROGRESS)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(url("mine", site))
    assert response.text.count("data-order=") == 6


def test_front_desk_calls_back_and_closes(client, site):
    order = order_in(site, Status.RESOLVED)
    client.force_login(site.frontdesk)
    queue = client.get(url("callbacks", site)).text
    assert order.number in queue
    client.post(
        url("act", site, order.pk, "visit"),
        {
            f"o{order.pk}-satisfied": "yes",
            f"o{order.pk}-score": "5",
            f"o{order.pk}-method": "phone",
        },
    )
    order.refresh_from_db()
    assert order.status == Status.VISITED
    client.post(url("act", site, order.pk, "close"))
    order.refresh_from_db()
    assert order.status == Status.CLOSED


def test_a_call_back_without_an_answer_names_the_field(client, site):
    order = order_in(site, Status.RESOLVED)
    client.force_login(site.frontdesk)
    response = client.post(url("act", site, order.pk, "visit"), {f"o{order.pk}-method": "phone"})
    assert response.status_code == 400
    assert response.context["actions"]
    order.refresh_from_db()
    assert order.status == Status.RESOLVED


def test_the_supervisor_sees_breaches_and_spot_checks_the_week(client, site):
    late = order_in(site, Status.ACCEPTED)
    closed = order_in(site, Status.CLOSED)
    client.force_login(site.engineer)
    page = client.get(url("supervision", site), {"week": MONDAY_10.date().isoformat()}).text
    assert late.number in page
    assert closed.number in page
    client.post(
        url("spot_check", site, closed.pk),
        {"passed": "no", "finding": "Ceiling stain not painted", "week": "2026-11-23"},
    )
    assert closed.spot_checks.get().finding == "Ceiling stain not painted"


@pytest.mark.parametrize("page, who", [("callbacks", "frontdesk"), ("supervision", "engineer")])
def test_call_backs_and_supervision_cost_the_same_queries_however_many_orders(
    client, site, page, who
):
    order_in(site, Status.RESOLVED)
    order_in(site, Status.ACCEPTED)
    client.force_login(getattr(site, who))
    client.get(url(page, site))
    with CaptureQueriesContext(connection) as few:
        client.get(url(page, site))
    for _ in range(4):
        order_in(site, Status.RESOLVED)
        order_in(site, Status.VISITED)
        order_in(site, Status.ACCEPTED)
    with CaptureQueriesContext(connection) as many:
        client.get(url(page, site))
    assert len(many.captured_queries) == len(few.captured_queries)


def test_front_desk_promises_a_complainant_when_and_by_whom(client, site):
    order = submit(site, category="complaint", subcategory="noise")
    client.force_login(site.frontdesk)
    assert "Named responder" in client.get(url("order", site, order.pk)).text
    prefix = f"p{order.pk}"
    missing = client.post(url("complaint_promise", site, order.pk), {f"{prefix}-assignee": ""})
    assert missing.status_code == 400
    assert missing.context["promise_form"].errors["reply_by"]
    response = client.post(
        url("complaint_promise", site, order.pk),
        {f"{prefix}-reply_by": "2026-11-24T17:00", f"{prefix}-assignee": site.manager.pk},
    )
    assert response.status_code == 302
    order.refresh_from_db()
    assert order.responder == site.manager
    assert timezone.localtime(order.reply_promised_at).hour == 17


def test_a_technician_cannot_promise_a_complaint_reply(client, site):
    order = submit(site, category="complaint", subcategory="noise")
    client.force_login(site.electrician)
    assert "Named responder" in client.get(url("order", site, order.pk)).text
    assert f'name="p{order.pk}-reply_by"' not in client.get(url("order", site, order.pk)).text
    response = client.post(
        url("complaint_promise", site, order.pk),
        {f"p{order.pk}-reply_by": "2026-11-24T17:00", f"p{order.pk}-assignee": site.electrician.pk},
    )
    assert response.status_code == 403
