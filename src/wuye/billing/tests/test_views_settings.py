"""Billing's settings pages: the fee items with their prices and the community's fee rules,
for those who set fees (the manager, the accountant), refused to the desk."""

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import translation

from wuye.billing.models import BillingSettings, FeeItem, FeePrice
from wuye.billing.runs.services import bill_run_start
from wuye.core.models import AuditEntry, Role
from wuye.testing import factories as f

from .fixtures import FeeItemFactory


@pytest.fixture
def accountant(site):
    user = f.UserFactory(username="accountant")
    f.MembershipFactory(user=user, community=site.community, role=Role.ACCOUNTANT)
    return user


def pages(site, item) -> list[str]:
    c = site.community.pk
    return [
        reverse("billing:fee_items", args=[c]),
        reverse("billing:fee_item_new", args=[c]),
        reverse("billing:fee_item_history", args=[c]),
        reverse("billing:fee_item_edit", args=[c, item.pk]),
        reverse("billing:fee_item_price", args=[c, item.pk]),
        reverse("billing:fee_item_end", args=[c, item.pk]),
        reverse("billing:settings", args=[c]),
        reverse("billing:settings_history", args=[c]),
    ]


def test_the_manager_and_the_accountant_open_every_settings_page(client, site, accountant):
    item = FeeItemFactory(community=site.community)
    for user in (site.manager, accountant):
        client.force_login(user)
        for url in pages(site, item):
            assert client.get(url).status_code == 200, (user, url)


def test_the_cashier_and_the_front_desk_are_refused(client, site):
    item = FeeItemFactory(community=site.community)
    for user in (site.cashier, site.frontdesk):
        client.force_login(user)
        for url in pages(site, item):
            assert client.get(url).status_code == 403, (user, url)
    client.force_login(site.other_manager)
    assert client.get(pages(site, item)[0]).status_code == 403


def test_the_settings_menu_offers_the_fee_items_to_the_manager_only(client, site):
    client.force_login(site.manager)
    url = reverse("billing:fee_items", args=[site.community.pk])
    assert url in client.get(reverse("billing:desk", args=[site.community.pk])).content.decode()
    client.force_login(site.cashier)
    assert url not in client.get(reverse("billing:desk", args=[site.community.pk])).content.decode()


def test_the_list_shows_the_price_now_and_the_next_one_and_ended_items_last(client, site):
    item = FeeItemFactory(community=site.community, code="A-PF")
    FeeItemFactory(
        community=site.community, code="0-OLD", name="Old fee", end_date=date(2025, 6, 30)
    )
    FeePrice.objects.create(fee_item=item, effective_from=date(2025, 1, 1), unit_price="0.80")
    FeePrice.objects.create(fee_item=item, effective_from=date(2099, 1, 1), unit_price="1.25")
    client.force_login(site.manager)
    with translation.override("en"):
        html = client.get(reverse("billing:fee_items", args=[site.community.pk])).content.decode()
    assert "0.80" in html and "1.25 from 2099-01" in html
    assert html.index("A-PF") < html.index("0-OLD")


def test_a_new_item_is_added_with_its_first_price(client, site):
    client.force_login(site.manager)
    response = client.post(
        reverse("billing:fee_item_new", args=[site.community.pk]),
        {
            "code": "GB",
            "name": "垃圾费",
            "kind": "garbage",
            "method": "fixed",
            "unit_price": "10",
            "cycle_months": "1",
            "timing": "prepaid",
            "due_days": "15",
            "rounding": "half_up",
            "start_date": "2026-03-01",
            "applies_to": "use",
            "applies_use": "residential",
            "auto_pay_from_prepaid": "on",
        },
    )
    assert response.status_code == 302
    item = FeeItem.objects.get(community=site.community, code="GB")
    assert list(item.prices.values_list("effective_from", "unit_price")) == [
        (date(2026, 3, 1), Decimal("10.0000"))
    ]


def test_a_building_item_without_its_building_says_which_field(client, site):
    client.force_login(site.manager)
    with translation.override("zh-hans"):
        response = client.post(
            reverse("billing:fee_item_new", args=[site.community.pk]),
            {
                "code": "GB",
                "kind": "garbage",
                "method": "fixed",
                "unit_price": "10",
                "cycle_months": "1",
                "timing": "prepaid",
                "due_days": "15",
                "rounding": "half_up",
                "start_date": "2026-03-01",
                "applies_to": "building",
                "applies_use": "residential",
            },
            HTTP_ACCEPT_LANGUAGE="zh-hans",
        )
    assert response.status_code == 400
    assert response.context["form"].errors["applies_building"] == ["请选择缴纳这项费用的楼栋。"]
    assert not FeeItem.objects.filter(code="GB").exists()


def test_a_price_from_a_billed_month_is_refused_on_its_field(client, site):
    item = FeeItemFactory(community=site.community)
    bill_run_start(community=site.community, period="2026-01", actor=site.manager, background=False)
    client.force_login(site.manager)
    url = reverse("billing:fee_item_price", args=[site.community.pk, item.pk])

    assert client.get(url).context["form"].initial["effective_from"] == "2026-02"
    refused = client.post(url, {"unit_price": "1.00", "effective_from": "2026-01"})
    done = client.post(url, {"unit_price": "1.00", "effective_from": "2026-02"})

    assert refused.status_code == 400
    assert "2026-02" in refused.context["form"].errors["effective_from"][0]
    assert done.status_code == 302
    assert FeePrice.objects.get(fee_item=item, effective_from=date(2026, 2, 1)).unit_price == 1


def test_an_item_ends_no_earlier_than_its_last_billed_day(client, site):
    item = FeeItemFactory(community=site.community)
    bill_run_start(community=site.community, period="2026-01", actor=site.manager, background=False)
    client.force_login(site.manager)
    url = reverse("billing:fee_item_end", args=[site.community.pk, item.pk])

    refused = client.post(url, {"end_date": "2026-01-15"})
    ended = client.post(url, {"end_date": "2026-01-31"})

    assert refused.status_code == 400 and refused.context["form"].errors["end_date"]
    assert ended.status_code == 302
    item.refresh_from_db()
    assert item.end_date == date(2026, 1, 31)
    assert item.charges.count() == 4  # kept, as they were
    assert not bill_run_start(
        community=site.community, period="2026-02", actor=site.manager, background=False
    ).charges_created


def test_billing_settings_are_saved_with_their_history(client, site):
    client.force_login(site.manager)
    url = reverse("billing:settings", args=[site.community.pk])
    response = client.post(
        url,
        {
            "vacant_rate_enabled": "on",
            "vacant_rate_percent": "60",
            "late_fee_daily_rate": "0.0005",
            "late_fee_grace_days": "30",
            "late_fee_cap_percent": "30",
            "prepay_discount_months": "12",
            "prepay_discount_percent": "0",
        },
    )
    assert response.status_code == 302
    row = BillingSettings.objects.get(community=site.community)
    assert row.vacant_rate_enabled and row.vacant_rate_percent == 60
    entry = AuditEntry.objects.get(action="billing.settings")
    assert entry.changes["vacant_rate_percent"] == ["70.00", "60.00"]
    with translation.override("en"):
        history = client.get(reverse("billing:settings_history", args=[site.community.pk]))
    assert "vacant-home rate (%)" in history.content.decode()


def test_a_late_fee_rate_above_the_legal_cap_is_refused(client, site):
    client.force_login(site.manager)
    response = client.post(
        reverse("billing:settings", args=[site.community.pk]),
        {
            "vacant_rate_percent": "70",
            "late_fee_enabled": "on",
            "late_fee_daily_rate": "0.01",
            "late_fee_grace_days": "30",
            "late_fee_cap_percent": "30",
            "prepay_discount_months": "12",
            "prepay_discount_percent": "0",
        },
    )
    assert response.status_code == 400
    assert response.context["form"].errors["late_fee_daily_rate"]
    assert not BillingSettings.objects.filter(community=site.community).exists()
