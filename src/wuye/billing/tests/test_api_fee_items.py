"""Fee items through the API: added and changed by those who set fees, a new price from a
chosen month that leaves the charges already made as they are."""

import json
from datetime import date
from decimal import Decimal

from wuye.billing.models import Charge, FeeItem, FeePrice
from wuye.billing.runs.services import bill_run_start
from wuye.core.models import AuditEntry
from wuye.testing.api import bearer

from .fixtures import FeeItemFactory


def send(client, method, url, body, user):
    return client.generic(
        method, url, data=json.dumps(body), content_type="application/json", headers=bearer(user)
    )


def amounts(site, period: str) -> dict[int, Decimal]:
    return dict(
        Charge.objects.filter(community=site.community, period=period).values_list(
            "unit_id", "amount"
        )
    )


def test_a_price_from_next_month_leaves_this_months_charges_and_prices_next_months_run(
    site, client
):
    item = FeeItemFactory(community=site.community, code="PF-MS")  # ¥0.80 per m² a month
    run = bill_run_start(
        community=site.community, period="2026-01", actor=site.manager, background=False
    )
    assert run.total_amount == Decimal("315.20")
    january = amounts(site, "2026-01")

    response = send(
        client,
        "PATCH",
        f"/api/v1/fee-items/{item.pk}",
        {"unit_price": "1.00", "effective_from": "2026-02"},
        site.manager,
    )

    assert response.status_code == 200, response.content
    assert amounts(site, "2026-01") == january
    again = bill_run_start(
        community=site.community, period="2026-01", actor=site.manager, background=False
    )
    assert again.charges_created == 0 and amounts(site, "2026-01") == january
    february = bill_run_start(
        community=site.community, period="2026-02", actor=site.manager, background=False
    )
    assert february.total_amount == Decimal("394.00")  # the same 394 m² at ¥1.00
    assert {unit: amount / Decimal("0.80") for unit, amount in january.items()} == amounts(
        site, "2026-02"
    )
    entry = AuditEntry.objects.get(action="fee_item.price")
    assert entry.actor == site.manager
    assert entry.changes == {
        "effective_from": ["", "2026-02-01"],
        "unit_price": ["0.8000", "1.0000"],
    }


def test_a_price_for_a_month_already_billed_is_refused_and_says_from_when(site, client):
    item = FeeItemFactory(community=site.community)
    bill_run_start(community=site.community, period="2026-01", actor=site.manager, background=False)

    response = send(
        client,
        "PATCH",
        f"/api/v1/fee-items/{item.pk}",
        {"unit_price": "1.00", "effective_from": "2026-01-01"},
        site.manager,
    )

    assert response.status_code == 409
    [message] = response.json()["errors"]["effective_from"]
    assert "2026-01-31" in message and "2026-02" in message
    assert not FeePrice.objects.filter(fee_item=item, unit_price=Decimal("1.00")).exists()


def test_a_day_other_than_the_first_of_a_month_is_not_a_price_start(site, client):
    item = FeeItemFactory(community=site.community)
    response = send(
        client,
        "PATCH",
        f"/api/v1/fee-items/{item.pk}",
        {"unit_price": "1.00", "effective_from": "2026-02-15"},
        site.manager,
    )
    assert response.status_code == 422
    assert "effective_from" in response.json()["errors"]


def test_a_manager_adds_a_fee_item_with_its_first_price(site, client):
    response = send(
        client,
        "POST",
        "/api/v1/fee-items",
        {
            "community_id": site.community.pk,
            "code": "GB",
            "name": "垃圾费",
            "kind": "garbage",
            "method": "fixed",
            "unit_price": "10.00",
            "start_date": "2026-03-01",
            "applies_building_id": site.buildings[0].pk,
        },
        site.manager,
    )

    assert response.status_code == 201, response.content
    body = response.json()
    item = FeeItem.objects.get(pk=body["id"])
    assert (item.code, item.applies_to, item.applies_building) == (
        "GB",
        "building",
        site.buildings[0],
    )
    assert body["unit_price"] == "10.00"
    assert list(item.prices.values_list("effective_from", "unit_price")) == [
        (date(2026, 3, 1), Decimal("10.00"))
    ]
    assert AuditEntry.objects.get(action="fee_item.create").changes["code"] == ["", "GB"]


def test_a_code_already_used_is_a_conflict(site, client):
    FeeItemFactory(community=site.community, code="GB")
    response = send(
        client,
        "POST",
        "/api/v1/fee-items",
        {
            "community_id": site.community.pk,
            "code": "GB",
            "kind": "garbage",
            "method": "fixed",
            "unit_price": "10.00",
            "start_date": "2026-03-01",
        },
        site.manager,
    )
    assert response.status_code == 409
    assert response.json()["errors"]["code"]


def test_those_who_take_money_but_do_not_set_fees_are_refused(site, client):
    item = FeeItemFactory(community=site.community)
    for user in (site.cashier, site.frontdesk):
        response = send(
            client, "PATCH", f"/api/v1/fee-items/{item.pk}", {"unit_price": "9.00"}, user
        )
        assert response.status_code == 403
    assert not FeePrice.objects.filter(fee_item=item).exists()


def test_a_billed_items_calculation_stays_while_its_name_changes(site, client):
    item = FeeItemFactory(community=site.community)
    bill_run_start(community=site.community, period="2026-01", actor=site.manager, background=False)

    refused = send(
        client, "PATCH", f"/api/v1/fee-items/{item.pk}", {"method": "fixed"}, site.manager
    )
    renamed = send(
        client, "PATCH", f"/api/v1/fee-items/{item.pk}", {"name": "物业服务费"}, site.manager
    )

    assert refused.status_code == 409 and "method" in refused.json()["errors"]
    assert renamed.status_code == 200 and renamed.json()["name"] == "物业服务费"
    assert FeeItem.objects.get(pk=item.pk).method == "building_area"


def test_a_price_is_taken_to_the_four_places_it_is_kept_to(site, client):
    item = FeeItemFactory(community=site.community)
    response = send(
        client,
        "PATCH",
        f"/api/v1/fee-items/{item.pk}",
        {"unit_price": "0.4850", "effective_from": "2026-02-01"},
        site.manager,
    )
    assert response.status_code == 200, response.content
    assert FeePrice.objects.get(fee_item=item, effective_from=date(2026, 2, 1)).unit_price == (
        Decimal("0.485")
    )
