"""A home's record (the register's home page) tells its whole story: balance and bills,
work orders and household, each section to whom its permission allows, with links to the
full lists filtered to the home, at the same cost however long the story is."""

from __future__ import annotations

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from wuye.billing.tests.fixtures import billed_home

from .fixtures import home_people, submit


def _record(site, unit="owner_home") -> str:
    return reverse("estates:unit", args=[site.community.pk, site.units[unit].pk])


def _panel(html: str, key: str) -> str:
    return html.split(f'data-panel="{key}"', 1)[1].split('<div class="card mb-3', 1)[0]


def _owner2(site) -> dict:
    return {**home_people(site), "owner": site.owner2, "unit": site.units["owner2_home"]}


def test_the_front_desk_sees_balance_bills_orders_and_household_on_one_page(client, site):
    billed_home(site.units["owner_home"], site.manager)
    mine = submit(site, at=timezone.now())
    theirs = submit(site, at=timezone.now(), people=_owner2(site))
    client.force_login(site.frontdesk)

    html = client.get(_record(site)).content.decode()

    bills = _panel(html, "bills")
    assert 'data-stat="owed"' in bills
    home = site.units["owner_home"].pk
    assert reverse("billing:statement", args=[site.community.pk, home]) in bills
    assert reverse("billing:home", args=[site.community.pk, home]) in bills
    orders = _panel(html, "work_orders")
    assert mine.number in orders and theirs.number not in orders
    assert "1 order, 1 open" in orders
    full_list = reverse("servicedesk:orders", args=[site.community.pk]) + "?home=1-1-101"
    assert full_list in orders
    assert "Wang Fang" in html and "Li Na" in html  # the household


def test_the_full_list_behind_the_link_shows_only_this_homes_orders(client, site):
    mine = submit(site, at=timezone.now())
    theirs = submit(site, at=timezone.now(), people=_owner2(site))
    client.force_login(site.frontdesk)
    orders = reverse("servicedesk:orders", args=[site.community.pk])
    listed = client.get(orders, {"home": "1-1-101"}).content.decode()
    assert mine.number in listed and theirs.number not in listed


def test_each_section_shows_to_whom_its_permission_allows(client, site):
    billed_home(site.units["owner_home"], site.manager)
    client.force_login(site.guard)  # sees the register and work orders, not money
    html = client.get(_record(site)).content.decode()
    assert 'data-panel="bills"' not in html
    assert 'data-panel="work_orders"' in html
    # a guard does not read the full list of orders
    assert reverse("servicedesk:orders", args=[site.community.pk]) not in _panel(
        html, "work_orders"
    )


def test_the_record_costs_the_same_queries_however_long_the_story(client, site):
    billed_home(site.units["owner_home"], site.manager)
    submit(site, at=timezone.now())
    client.force_login(site.frontdesk)
    client.get(_record(site))
    with CaptureQueriesContext(connection) as few:
        client.get(_record(site))
    for period in ("2026-02", "2026-03", "2026-04"):
        billed_home(site.units["owner_home"], site.manager, period=period)
    for _ in range(4):
        submit(site, at=timezone.now())
    with CaptureQueriesContext(connection) as many:
        client.get(_record(site))
    assert len(many) == len(few)
