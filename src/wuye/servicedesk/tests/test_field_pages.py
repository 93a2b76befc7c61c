"""The pages people open in the morning: the technician's work sheets, the dispatch board
and the call-back queue — what they show, how they filter, what they cost."""

from __future__ import annotations

import re
from datetime import timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from wuye.core.models import Community
from wuye.servicedesk import services
from wuye.servicedesk.models import (
    DeskSettings,
    PriceListItem,
    Status,
    Team,
    TeamMember,
    WorkOrder,
)

from .fixtures import home_people, order_in, png, step, submit

pytestmark = pytest.mark.django_db


def url(name, site, *args):
    return reverse(f"servicedesk:{name}", args=[site.community.pk, *args])


@pytest.fixture
def crews(site):
    """Engineering (the electrician and the engineer) takes repairs; security (the guard)
    takes complaints. Published prices: a washer, and a retired item."""
    engineering = Team.objects.create(
        community=site.community, name="Engineering", categories=["repair_home", "repair_common"]
    )
    TeamMember.objects.create(team=engineering, user=site.electrician, skills=["leak"])
    TeamMember.objects.create(team=engineering, user=site.engineer, skills=[])
    security = Team.objects.create(
        community=site.community, name="Security", categories=["complaint"]
    )
    TeamMember.objects.create(team=security, user=site.guard, skills=[])
    PriceListItem.objects.create(
        community=site.community, name="Replace a tap washer", unit="piece", price=Decimal("15")
    )
    PriceListItem.objects.create(
        community=site.community,
        name="Retired item",
        unit="piece",
        price=Decimal("99"),
        active=False,
    )
    return {"engineering": engineering, "security": security}


def now_order(site, state, **fields):
    """An order of the owner's home brought to `state` in the last hour."""
    return order_in(site, state, at=timezone.now() - timedelta(hours=1), **fields)


def cards(page: str, attribute: str = "data-order") -> list[str]:
    return re.findall(rf'{attribute}="([^"]+)"', page)


# ---- the technician's work sheets ------------------------------------------------------


def test_a_work_sheet_shows_what_the_technician_needs_on_site(client, site, crews):
    order = submit(
        site,
        at=timezone.now() - timedelta(hours=1),
        contact_name="Ms Li",
        contact_phone="13912345678",
    )
    services.work_order_photo_add(order=order, data=png().read(), actor=site.owner)
    services.work_order_dispatch(
        order=order,
        assignee=site.electrician,
        actor=site.frontdesk,
        note="Bring a ladder; the owner is home after two",
    )
    client.force_login(site.electrician)
    page = client.get(url("mine", site)).text
    assert "Water drips from the kitchen ceiling" in page
    photo = url("photo", site, order.pk, order.photos.get().pk)
    assert f'<a href="{photo}" target="_blank"' in page
    assert "Bring a ladder; the owner is home after two" in page
    assert f"Sent by {site.frontdesk.get_full_name() or site.frontdesk.username}," in page
    assert "Building 1 · 1-1-101" in page
    assert 'href="tel:13912345678" data-call' in page
    assert "Replace a tap washer" in page and "Retired item" not in page


def test_a_role_that_reads_phones_masked_calls_through_the_front_desk(client, site, crews):
    Community.objects.filter(pk=site.community.pk).update(service_phone="0551-12345678")
    order = submit(
        site,
        at=timezone.now() - timedelta(hours=1),
        category="complaint",
        subcategory="noise",
        contact_phone="13912345678",
    )
    step(site, order, "accept", timezone.now())
    services.work_order_dispatch(order=order, assignee=site.guard, actor=site.frontdesk)
    client.force_login(site.guard)
    page = client.get(url("mine", site)).text
    assert "13912345678" not in page
    assert "139****5678" in page
    assert 'href="tel:0551-12345678" data-call' in page
    # Complaints have no priced items.
    assert "data-prices" not in page


def test_the_work_sheets_come_nearest_deadline_first_and_refresh_themselves(client, site, crews):
    later = now_order(site, Status.DISPATCHED, priority="low")
    sooner = now_order(site, Status.DISPATCHED, priority="emergency")
    client.force_login(site.electrician)
    page = client.get(url("mine", site)).text
    assert cards(page) == [sooner.number, later.number]
    assert 'hx-trigger="every 60s"' in page and "data-refresh-waits-for-input" in page
    part = client.get(url("mine", site), headers={"HX-Request": "true"}).text
    assert "<nav" not in part and cards(part) == [sooner.number, later.number]


def test_the_work_sheets_cost_the_same_queries_however_many_orders(client, site, crews):
    def add():
        order = now_order(site, Status.DISPATCHED)
        services.work_order_photo_add(order=order, data=png().read(), actor=site.owner)

    add()
    client.force_login(site.electrician)
    client.get(url("mine", site))
    with CaptureQueriesContext(connection) as few:
        client.get(url("mine", site))
    for _ in range(4):
        add()
        now_order(site, Status.IN_PROGRESS)
    with CaptureQueriesContext(connection) as many:
        response = client.get(url("mine", site))
    assert len(cards(response.text)) == 9
    assert len(many.captured_queries) == len(few.captured_queries)


# ---- the dispatch board ---------------------------------------------------------------


def test_the_board_filters_by_team_priority_and_building(client, site, crews):
    leak = now_order(site, Status.ACCEPTED, priority="urgent")
    # Received by the front desk: accepted at once.
    upstairs = now_order(
        site,
        Status.SUBMITTED,
        people={**home_people(site), "owner": site.frontdesk, "unit": site.units["tenant_home"]},
    )
    noise = submit(site, category="complaint", subcategory="noise", at=timezone.now())
    client.force_login(site.frontdesk)
    board = url("board", site)

    def shown(**filters):
        return set(cards(client.get(board, filters).text))

    assert shown() >= {leak.number, upstairs.number, noise.number}
    assert shown(team=crews["security"].pk) == {noise.number}
    assert shown(team=crews["engineering"].pk) == {leak.number, upstairs.number}
    assert shown(priority="urgent") == {leak.number}
    assert shown(building=site.buildings[1].pk) == {upstairs.number}


@pytest.mark.parametrize(
    "query, said",
    [
        ({"team": "abc"}, "“team” in the address was left out: Enter the number of a record."),
        ({"team": "999999"}, "“team” in the address was left out: Choose a team of this"),
        ({"building": "²"}, "“building” in the address was left out"),
        ({"priority": "very"}, "“priority” in the address was left out: Choose one of"),
    ],
)
def test_a_board_filter_that_names_nothing_is_left_out_and_said(client, site, crews, query, said):
    order = now_order(site, Status.ACCEPTED)
    client.force_login(site.frontdesk)
    response = client.get(url("board", site), query)
    assert response.status_code == 200
    assert said in response.text
    assert order.number in response.text


def test_a_foreign_team_is_refused_in_chinese(client, site, crews):
    other = Team.objects.create(community=site.other, name="Theirs", categories=["repair_home"])
    client.force_login(site.frontdesk)
    response = client.get(url("board", site), {"team": other.pk}, HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert response.status_code == 200
    assert "请选择本小区的班组。" in response.text


def test_resolved_orders_are_a_count_until_asked_for_then_newest_first(client, site, crews):
    older = now_order(site, Status.RESOLVED)
    newer = now_order(site, Status.RESOLVED)
    open_one = now_order(site, Status.ACCEPTED)
    client.force_login(site.frontdesk)
    page = client.get(url("board", site)).text
    assert cards(page, "data-resolved") == []
    assert re.search(r"data-resolved-count>2<", page)
    assert cards(page) == [open_one.number]
    shown = client.get(url("board", site), {"resolved": "1"}).text
    assert cards(shown, "data-resolved") == [newer.number, older.number]


def test_dispatch_offers_the_team_with_their_load_and_the_suggestion_chosen(client, site, crews):
    for _ in range(2):
        now_order(site, Status.DISPATCHED)  # the electrician has two open orders
    waiting = now_order(site, Status.ACCEPTED)
    client.force_login(site.frontdesk)
    page = client.get(url("board", site)).text
    picker = re.search(rf'<select id="id_o{waiting.pk}-assignee".*?</select>', page, re.S).group(0)
    options = re.findall(r'<option value="(\d+)"( selected)?>([^<]*)</option>', picker)
    # The electrician knows leaks: suggested before the engineer, though busier.
    assert [(int(pk), bool(chosen), text) for pk, chosen, text in options] == [
        (site.electrician.pk, True, "Electrician · 2 open"),
        (site.engineer.pk, False, "Engineer · 0 open"),
    ]
    everyone = re.search(
        rf'<select id="everyone_o{waiting.pk}-assignee".*?</select>', page, re.S
    ).group(0)
    assert f'value="{site.guard.pk}"' in everyone and f'value="{site.guard.pk}"' not in picker


def test_a_person_at_the_load_limit_is_marked_full_and_not_suggested(client, site, crews):
    DeskSettings.objects.create(community=site.community, max_open_orders=1)
    now_order(site, Status.DISPATCHED)
    waiting = now_order(site, Status.ACCEPTED)
    client.force_login(site.frontdesk)
    page = client.get(url("board", site)).text
    picker = re.search(rf'<select id="id_o{waiting.pk}-assignee".*?</select>', page, re.S).group(0)
    assert "Electrician · 1 open · full</option>" in picker
    assert f'<option value="{site.engineer.pk}" selected>' in picker
    assert "a person is suggested for at most 1 open orders" in page


def test_dispatching_from_the_picker_sends_the_note_with_it(client, site, crews):
    waiting = now_order(site, Status.ACCEPTED)
    client.force_login(site.frontdesk)
    response = client.post(
        url("act", site, waiting.pk, "dispatch"),
        {
            f"o{waiting.pk}-assignee": site.engineer.pk,
            f"o{waiting.pk}-note": "Key at the gate",
            "next": url("board", site),
        },
    )
    assert response["Location"] == url("board", site)
    waiting.refresh_from_db()
    assert waiting.assignee == site.engineer
    assert waiting.events.get(action="dispatch").note == "Key at the gate"


def test_the_board_columns_sit_side_by_side(client, site, crews):
    client.force_login(site.frontdesk)
    page = client.get(url("board", site)).text
    assert page.count('<section class="board-col') == 6
    assert "col-12" not in re.search(r'<div class="board-columns">.*', page, re.S).group(0)[:400]


def test_the_board_costs_the_same_queries_however_many_orders(client, site, crews):
    def add():
        now_order(site, Status.ACCEPTED)
        now_order(site, Status.DISPATCHED)
        now_order(site, Status.RESOLVED)
        submit(site, category="complaint", subcategory="noise", at=timezone.now())

    add()
    client.force_login(site.frontdesk)
    query = {"resolved": "1"}
    client.get(url("board", site), query)
    with CaptureQueriesContext(connection) as few:
        client.get(url("board", site), query)
    for _ in range(3):
        add()
    with CaptureQueriesContext(connection) as many:
        response = client.get(url("board", site), query)
    assert len(cards(response.text)) == 12
    assert len(cards(response.text, "data-resolved")) == 4
    assert len(many.captured_queries) == len(few.captured_queries)


# ---- the dispatch picker on the order's page ---------------------------------------------


def picked(page: str, select_id: str) -> list[tuple[int, bool, str]]:
    select = re.search(rf'<select id="{select_id}".*?</select>', page, re.S).group(0)
    options = re.findall(r'<option value="(\d+)"( selected)?>([^<]*)</option>', select)
    return [(int(pk), bool(chosen), text) for pk, chosen, text in options]


def test_the_order_page_dispatches_from_the_team_with_loads_and_the_suggestion_chosen(
    client, site, crews
):
    for _ in range(2):
        now_order(site, Status.DISPATCHED)  # the electrician has two open orders
    waiting = now_order(site, Status.ACCEPTED)
    client.force_login(site.frontdesk)
    page = client.get(url("order", site, waiting.pk)).text
    assert picked(page, f"id_o{waiting.pk}-assignee") == [
        (site.electrician.pk, True, "Electrician · 2 open"),
        (site.engineer.pk, False, "Engineer · 0 open"),
    ]
    assert "The suggested person is chosen." in page
    everyone = picked(page, f"everyone_o{waiting.pk}-assignee")
    assert (site.guard.pk, False, "Guard · 0 open") in everyone
    assert page.index(f'id="id_o{waiting.pk}-assignee"') < page.index("data-everyone")


def test_a_transfer_offers_the_team_but_the_person_who_has_the_order(client, site, crews):
    order = now_order(site, Status.DISPATCHED)
    assert order.assignee == site.electrician
    client.force_login(site.engineer)
    page = client.get(url("order", site, order.pk)).text
    assert 'data-picker="transfer"' in page
    assert picked(page, f"id_o{order.pk}-assignee") == [
        (site.engineer.pk, True, "Engineer · 0 open")
    ]


def test_dispatching_someone_who_is_not_staff_is_refused_in_the_list_it_came_from(
    client, site, crews
):
    waiting = now_order(site, Status.ACCEPTED)
    client.force_login(site.frontdesk)
    response = client.post(
        url("act", site, waiting.pk, "dispatch"), {f"o{waiting.pk}-assignee": site.owner.pk}
    )
    assert response.status_code == 400
    waiting.refresh_from_db()
    assert waiting.assignee is None and waiting.status == Status.ACCEPTED
    everyone = re.search(r"<details[^>]*data-everyone>.*?</details>", response.text, re.S)
    assert " open data-everyone" in everyone.group(0)
    assert "invalid-feedback" in everyone.group(0)


def test_the_order_page_costs_the_same_queries_however_many_people_it_offers(client, site, crews):
    waiting = now_order(site, Status.ACCEPTED)
    client.force_login(site.frontdesk)
    client.get(url("order", site, waiting.pk))
    with CaptureQueriesContext(connection) as few:
        client.get(url("order", site, waiting.pk))
    for person in (site.guard, site.manager, site.frontdesk):
        TeamMember.objects.create(team=crews["engineering"], user=person, skills=[])
        now_order(site, Status.DISPATCHED)
    with CaptureQueriesContext(connection) as many:
        page = client.get(url("order", site, waiting.pk)).text
    assert len(picked(page, f"id_o{waiting.pk}-assignee")) == 5
    assert len(many.captured_queries) == len(few.captured_queries)


# ---- the call-back queue -------------------------------------------------------------


def test_the_call_back_queue_shows_the_first_due_first_and_filters(client, site, crews):
    hours_ago = timezone.now() - timedelta(hours=30)
    overdue = order_in(site, Status.RESOLVED, at=hours_ago)
    due = now_order(site, Status.RESOLVED)
    complaint = submit(site, category="complaint", subcategory="noise", at=timezone.now())
    for action in ("accept", "dispatch"):
        step(site, complaint, action, timezone.now(), {**home_people(site), "tech": site.guard})
    services.work_order_resolve(order=complaint, result="Spoke to them", actor=site.guard)
    client.force_login(site.frontdesk)
    callbacks = url("callbacks", site)

    def shown(**filters):
        return cards(client.get(callbacks, filters).text.split("Called back, ready")[0])

    assert shown() == [overdue.number, due.number, complaint.number]
    assert shown(when="overdue") == [overdue.number]
    assert shown(when="due") == [due.number, complaint.number]
    assert shown(category="complaint") == [complaint.number]
    assert shown(team=crews["security"].pk) == [complaint.number]
    assert shown(method="message") == [overdue.number, due.number, complaint.number]
    WorkOrder.objects.filter(pk=due.pk).update(reporter_user=None)
    assert shown(method="message") == [overdue.number, complaint.number]


def test_a_call_back_filter_that_names_nothing_is_left_out_and_said(client, site, crews):
    order = now_order(site, Status.RESOLVED)
    client.force_login(site.frontdesk)
    response = client.get(url("callbacks", site), {"when": "yesterday", "method": "fax"})
    assert response.status_code == 200
    assert "“when” in the address was left out" in response.text
    assert "“method” in the address was left out" in response.text
    assert order.number in response.text
