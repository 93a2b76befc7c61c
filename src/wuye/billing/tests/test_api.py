"""The billing API keeps the contract clients and acceptance checks rely on."""

import json
from decimal import Decimal

import pytest

from wuye.billing.models import Payment
from wuye.testing.api import bearer

from .fixtures import FeeItemFactory


def post(client, url, body, user, **headers):
    return client.post(
        url,
        data=json.dumps(body),
        content_type="application/json",
        headers={**bearer(user), **headers},
    )


@pytest.fixture
def billed(site, client):
    """Bordeaux Town with its property fee and January billed: 98.50 m² × ¥0.80 = ¥78.80."""
    FeeItemFactory(community=site.community, code="PF-MS")
    response = post(
        client,
        "/api/v1/bill-runs",
        {"community_id": site.community.pk, "period": "2026-01"},
        site.manager,
    )
    assert response.status_code == 201, response.content
    return response.json()


def test_fee_items_list_the_calculation_and_price(site, client):
    item = FeeItemFactory(community=site.community, code="PF-MS")
    FeeItemFactory(community=site.other, code="PF-OTHER")
    response = client.get(
        f"/api/v1/fee-items?community_id={site.community.pk}", headers=bearer(site.cashier)
    )
    assert response.status_code == 200
    [row] = response.json()["items"]
    assert row["id"] == item.pk
    assert {k: row[k] for k in ("name", "code", "method", "unit_price", "cycle_months")} == {
        "name": "Property fee",
        "code": "PF-MS",
        "method": "building_area",
        "unit_price": "0.80",
        "cycle_months": 1,
    }


def test_a_bill_run_reports_what_it_created_and_a_second_one_creates_nothing(site, client, billed):
    assert billed["status"] == "finished"
    assert billed["charges_created"] == 4
    assert billed["total_amount"] == "315.20"
    again = post(
        client,
        "/api/v1/bill-runs",
        {"community_id": site.community.pk, "period": "2026-01"},
        site.manager,
    ).json()
    assert again["charges_created"] == 0
    assert again["total_amount"] == "0.00"


def test_a_malformed_period_is_refused_naming_the_field(site, client):
    response = post(
        client,
        "/api/v1/bill-runs",
        {"community_id": site.community.pk, "period": "2026-13"},
        site.manager,
    )
    assert response.status_code == 422  # the schema's pattern: no 13th month
    assert "period" in response.json()["errors"]


def test_cashier_takes_a_part_payment_and_the_statement_shows_it(site, client, billed):
    home = site.units["owner_home"]
    response = post(
        client,
        "/api/v1/payments",
        {"unit_id": home.pk, "amount": "50.00", "method": "wechat_pay", "payer": "Li Na"},
        site.cashier,
        **{"Idempotency-Key": "till-1-0001"},
    )
    assert response.status_code == 201, response.content
    payment = response.json()
    assert payment["payer"] == "Li Na"
    assert payment["receipt_number"].startswith("BDX-")
    assert payment["amount"] == "50.00"
    assert payment["prepaid_added"] == "0.00"
    [allocation] = payment["allocations"]
    assert allocation["amount"] == "50.00"

    statement = client.get(f"/api/v1/units/{home.pk}/statement", headers=bearer(site.owner))
    assert statement.status_code == 200
    body = statement.json()
    assert body["unit_id"] == home.pk
    assert body["balance_due"] == "28.80"
    assert body["prepaid_balance"] == "0.00"
    [charge] = body["charges"]
    assert {k: charge[k] for k in ("id", "period", "amount", "paid", "outstanding")} == {
        "id": allocation["charge_id"],
        "period": "2026-01",
        "amount": "78.80",
        "paid": "50.00",
        "outstanding": "28.80",
    }
    assert body["payments"][0]["receipt_number"] == payment["receipt_number"]
    assert body["payments"][0]["status"] == "posted"


def test_a_retried_payment_is_taken_once_and_a_reused_key_is_a_conflict(site, client, billed):
    body = {"unit_id": site.units["owner_home"].pk, "amount": "78.80", "method": "cash"}
    first = post(client, "/api/v1/payments", body, site.cashier, **{"Idempotency-Key": "k-1"})
    again = post(client, "/api/v1/payments", body, site.cashier, **{"Idempotency-Key": "k-1"})
    assert first.status_code == 201
    assert again.status_code == 200
    assert again.json() == first.json()
    other = post(
        client,
        "/api/v1/payments",
        {**body, "amount": "10.00"},
        site.cashier,
        **{"Idempotency-Key": "k-1"},
    )
    assert other.status_code == 409
    assert Payment.objects.count() == 1


def test_overpaying_beyond_twelve_months_is_refused(site, client, billed):
    body = {"unit_id": site.units["owner_home"].pk, "amount": "2000.00", "method": "cash"}
    response = post(client, "/api/v1/payments", body, site.cashier)
    assert response.status_code == 409
    assert "amount" in response.json()["errors"]


def test_excess_goes_to_the_prepaid_balance(site, client, billed):
    body = {"unit_id": site.units["owner_home"].pk, "amount": "100.00", "method": "alipay"}
    payment = post(client, "/api/v1/payments", body, site.cashier).json()
    assert payment["prepaid_added"] == "21.20"


def test_void_restores_what_the_home_owes_and_keeps_the_receipt(site, client, billed):
    home = site.units["owner_home"]
    body = {"unit_id": home.pk, "amount": "78.80", "method": "cash"}
    payment = post(client, "/api/v1/payments", body, site.cashier).json()
    voided = post(
        client, f"/api/v1/payments/{payment['id']}/void", {"reason": "Entered twice"}, site.cashier
    )
    assert voided.status_code == 200
    assert voided.json()["status"] == "void"
    assert voided.json()["receipt_number"] == payment["receipt_number"]
    statement = client.get(f"/api/v1/units/{home.pk}/statement", headers=bearer(site.cashier))
    assert statement.json()["balance_due"] == "78.80"
    assert statement.json()["payments"][0]["status"] == "void"


def test_void_without_a_reason_is_refused(site, client, billed):
    body = {"unit_id": site.units["owner_home"].pk, "amount": "10.00", "method": "cash"}
    payment = post(client, "/api/v1/payments", body, site.cashier).json()
    response = post(client, f"/api/v1/payments/{payment['id']}/void", {"reason": " "}, site.cashier)
    assert response.status_code == 422
    assert "reason" in response.json()["errors"]


def test_collection_report_gives_due_collected_and_rate(site, client, billed):
    body = {"unit_id": site.units["owner_home"].pk, "amount": "78.80", "method": "cash"}
    post(client, "/api/v1/payments", body, site.cashier)
    response = client.get(
        f"/api/v1/reports/collection?community_id={site.community.pk}&period=2026-01",
        headers=bearer(site.manager),
    )
    assert response.status_code == 200
    report = response.json()
    assert (report["due"], report["collected"], report["rate"]) == ("315.20", "78.80", "0.2500")
    assert Decimal(report["by_building"][0]["collected"]) == Decimal("78.80")


def test_owner_cannot_read_a_neighbours_statement(site, client, billed):
    response = client.get(
        f"/api/v1/units/{site.units['owner2_home'].pk}/statement", headers=bearer(site.owner)
    )
    assert response.status_code == 404


def test_owner_cannot_take_payments(site, client, billed):
    body = {"unit_id": site.units["owner_home"].pk, "amount": "10.00", "method": "cash"}
    assert post(client, "/api/v1/payments", body, site.owner).status_code == 403


def test_statement_and_fee_item_queries_do_not_grow_with_rows(site, client, billed):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from wuye.billing.runs.services import bill_run_start

    home = site.units["owner_home"]
    headers = bearer(site.owner)
    urls = [
        f"/api/v1/units/{home.pk}/statement",
        f"/api/v1/fee-items?community_id={home.community_id}",
    ]

    def counts():
        found = []
        for url in urls:
            with CaptureQueriesContext(connection) as queries:
                assert client.get(url, headers=headers).status_code == 200
            found.append(len(queries))
        return found

    counts()  # the token's first use is recorded once
    before = counts()
    for n, period in enumerate(("2026-02", "2026-03", "2026-04")):
        FeeItemFactory(community=site.community, code=f"EXTRA{n}")
        bill_run_start(
            community=site.community, period=period, actor=site.manager, background=False
        )
        body = {"unit_id": home.pk, "amount": "30.00", "method": "cash"}
        post(client, "/api/v1/payments", body, site.cashier)
    assert counts() == before
