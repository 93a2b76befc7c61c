"""Finding the order a caller mentions: by its number from the search box, and in the list of
every order (closed and cancelled ones too) with its filters and its Excel export."""

from __future__ import annotations

from datetime import timedelta
from io import BytesIO
from urllib.parse import unquote

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from wuye.servicedesk.models import Category, Status, Subcategory

from .fixtures import MONDAY_10, home_people, order_in, other_people, submit


def url(name, site, *args):
    return reverse(f"servicedesk:{name}", args=[site.community.pk, *args])


def search(site):
    return reverse("estates:search", args=[site.community.pk])


@pytest.fixture
def orders(site):
    """Bordeaux Town's orders over four days, and one of the neighbouring community."""
    desk = {**home_people(site), "owner": site.frontdesk}
    return {
        "closed": order_in(
            site,
            Status.CLOSED,
            at=MONDAY_10,
            contact_name="Wang Fang",
            contact_phone="13912340001",
        ),
        "cancelled": order_in(
            site,
            Status.CANCELLED,
            at=MONDAY_10 + timedelta(days=1),
            contact_name="Li Na",
            contact_phone="13912340002",
        ),
        "complaint": submit(
            site,
            at=MONDAY_10 + timedelta(days=2),
            people={**desk, "unit": site.units["owner2_home"]},
            category=Category.COMPLAINT,
            subcategory=Subcategory.NOISE,
            channel="hotline",
            contact_name="Zhang Wei",
            contact_phone="13912340003",
        ),
        "common": submit(
            site,
            at=MONDAY_10 + timedelta(days=3),
            people={**desk, "unit": None},
            category=Category.REPAIR_COMMON,
            channel="patrol",
            location="South gate",
        ),
        "other": order_in(site, Status.CLOSED, at=MONDAY_10, people=other_people(site)),
    }


def listed(client, site, **params) -> list[str]:
    response = client.get(url("orders", site), params)
    assert response.status_code == 200
    return [o.number for o in response.context["page"]]


# ---- a number in the search box --------------------------------------------------------


def test_a_number_typed_any_way_opens_its_order(client, site, orders):
    closed = orders["closed"]
    assert closed.number == "BDX-20261123-0001"
    page = url("order", site, closed.pk)
    client.force_login(site.frontdesk)
    for typed in (
        "BDX-20261123-0001",
        "bdx-20261123-0001",
        "BDX 20261123 0001",
        "  bdx 20261123-0001 ",
        "BDX202611230001",
        "ＢＤＸ－２０２６１１２３－０００１",
    ):
        response = client.get(search(site), {"q": typed})
        assert response.status_code == 302, typed
        assert response["Location"] == page
    assert client.get(page).status_code == 200


def test_a_number_of_another_community_is_not_found_like_one_that_does_not_exist(
    client, site, orders
):
    client.force_login(site.frontdesk)
    theirs = client.get(search(site), {"q": orders["other"].number.lower()})
    missing = client.get(search(site), {"q": "BDX-20261123-0999"})
    for response, number in ((theirs, orders["other"].number), (missing, "BDX-20261123-0999")):
        assert response.status_code == 200
        assert (
            f"No work order numbered {number} was found in the communities you work in."
            in response.text
        )
        assert "Nothing found" not in response.text
    assert "Wang" not in theirs.text


def test_the_company_admin_goes_to_an_order_of_another_of_their_communities(client, site, orders):
    other = orders["other"]
    client.force_login(site.admin)
    response = client.get(search(site), {"q": other.number})
    assert response["Location"] == reverse("servicedesk:order", args=[site.other.pk, other.pk])


# ---- the list ----------------------------------------------------------------------------


def test_every_order_is_listed_newest_first_closed_and_cancelled_too(client, site, orders):
    client.force_login(site.frontdesk)
    assert listed(client, site) == [
        orders[name].number for name in ("common", "complaint", "cancelled", "closed")
    ]


@pytest.mark.parametrize(
    "status, names",
    [
        ("closed", ["closed"]),
        ("cancelled", ["cancelled"]),
        ("accepted", ["common", "complaint"]),
        ("open", ["common", "complaint"]),
    ],
)
def test_the_list_filters_by_status(client, site, orders, status, names):
    client.force_login(site.frontdesk)
    assert listed(client, site, status=status) == [orders[name].number for name in names]


@pytest.mark.parametrize(
    "params, names",
    [
        ({"number": "bdx-20261123-0001"}, ["closed"]),
        ({"number": "1124"}, ["cancelled"]),
        ({"home": "1-2-502"}, ["complaint"]),
        ({"home": "101"}, ["cancelled", "closed"]),
        ({"caller": "li na"}, ["cancelled"]),
        ({"caller": "2340003"}, ["complaint"]),
        ({"category": "repair_common"}, ["common"]),
        ({"received_from": "2026-11-24", "received_to": "2026-11-25"}, ["complaint", "cancelled"]),
        ({"received_to": "2026-11-23"}, ["closed"]),
        ({"home": "101", "status": "closed"}, ["closed"]),
    ],
)
def test_the_list_filters_by_number_home_caller_category_and_days(
    client, site, orders, params, names
):
    client.force_login(site.frontdesk)
    assert listed(client, site, **params) == [orders[name].number for name in names]


def test_a_malformed_date_is_named_and_the_other_filters_still_apply(client, site, orders):
    client.force_login(site.frontdesk)
    response = client.get(url("orders", site), {"received_from": "2026-13-45", "status": "closed"})
    assert response.status_code == 200
    assert "Enter a valid date." in response.text
    assert [o.number for o in response.context["page"]] == [orders["closed"].number]
    chinese = client.get(
        url("orders", site),
        {"received_from": "27/11/2026x", "page": "abc"},
        HTTP_ACCEPT_LANGUAGE="zh-hans",
    )
    assert chinese.status_code == 200
    assert "输入一个有效的日期。" in chinese.text


def test_days_given_the_wrong_way_round_are_named(client, site, orders):
    client.force_login(site.frontdesk)
    response = client.get(
        url("orders", site), {"received_from": "2026-11-26", "received_to": "2026-11-23"}
    )
    assert response.status_code == 200
    assert "The last day comes before the first." in response.text
    assert len(response.context["page"]) == 4


def test_the_list_costs_the_same_queries_however_many_orders(
    client, site, django_assert_max_num_queries
):
    order_in(site, Status.CLOSED)
    client.force_login(site.frontdesk)
    client.get(url("orders", site))
    with CaptureQueriesContext(connection) as few:
        client.get(url("orders", site))
    for n in range(6):
        order_in(site, Status.RESOLVED, at=MONDAY_10 + timedelta(hours=n + 1))
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(url("orders", site))
    assert len(response.context["page"]) == 7


# ---- the export -------------------------------------------------------------------------


def rows_of(response) -> list[tuple]:
    sheet = load_workbook(BytesIO(response.content)).active
    return list(sheet.iter_rows(values_only=True))


def test_the_export_holds_the_filtered_list(client, site, orders):
    client.force_login(site.frontdesk)
    response = client.get(url("orders_export", site), {"status": "closed"})
    assert response.status_code == 200
    header, *rows = rows_of(response)
    assert header[:5] == ("Order number", "Received", "Home or place", "Caller", "Phone")
    assert [row[0] for row in rows] == [orders["closed"].number]
    closed = dict(zip(header, rows[0], strict=True))
    assert closed["Home or place"] == "1-1-101"
    assert (closed["Caller"], closed["Phone"]) == ("Wang Fang", "13912340001")
    assert (closed["Status"], closed["Category"]) == ("Closed", "Repair in a home")
    assert closed["Received"].strftime("%Y-%m-%d %H:%M") == "2026-11-23 10:00"
    assert 'filename="BDX-Work orders-' in response["Content-Disposition"]


def test_the_export_is_named_and_headed_in_chinese_for_chinese_staff(client, site, orders):
    client.force_login(site.frontdesk)
    response = client.get(url("orders_export", site), HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert "BDX-工单-" in unquote(response["Content-Disposition"])
    header, *rows = rows_of(response)
    assert header[0] == "工单号"
    assert len(rows) == 4


# ---- who may see it -------------------------------------------------------------------


@pytest.mark.parametrize("who", ["admin", "manager", "frontdesk", "engineer"])
def test_the_office_and_supervisors_reach_the_list_from_the_menu(client, site, who):
    client.force_login(getattr(site, who))
    home = client.get(reverse("estates:overview", args=[site.community.pk])).text
    assert url("orders", site) in home
    assert client.get(url("orders", site)).status_code == 200
    assert client.get(url("orders_export", site)).status_code == 200


@pytest.mark.parametrize(
    "who", ["guard", "electrician", "cashier", "owner", "tenant", "other_manager", "nobody"]
)
def test_others_cannot_reach_the_list_or_its_export(client, site, orders, who):
    client.force_login(getattr(site, who))
    assert client.get(url("orders", site)).status_code == 403
    assert client.get(url("orders_export", site)).status_code == 403


def test_the_guard_has_no_list_in_the_menu(client, site):
    client.force_login(site.guard)
    home = client.get(reverse("estates:overview", args=[site.community.pk])).text
    assert url("orders", site) not in home


def test_another_communitys_orders_never_appear(client, site, orders):
    client.force_login(site.admin)
    other = orders["other"].number
    assert other not in client.get(url("orders", site)).text
    assert listed(client, site, number=other) == []
    assert rows_of(client.get(url("orders_export", site), {"number": other}))[1:] == []
