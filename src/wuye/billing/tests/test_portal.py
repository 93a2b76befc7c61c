"""The owner portal's bills: an owner sees their own home's bills and receipts, no one else's."""

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from wuye.billing import services
from wuye.billing.runs.services import bill_run_start
from wuye.billing.services import repairs

from .fixtures import FeeItemFactory


@pytest.fixture
def billed(site):
    """Two months of property fee; the owner paid part of it and a repair was charged."""
    FeeItemFactory(community=site.community, name="物业费", start_date=date(2026, 1, 1))
    FeeItemFactory(community=site.community, name="停车费", active=False, code="PK")
    for period in ("2026-01", "2026-02"):
        bill_run_start(
            community=site.community, period=period, actor=site.manager, background=False
        )
    home = site.units["owner_home"]
    payment, _created = services.payment_record(
        unit=home, amount=Decimal("30.00"), method="cash", actor=site.cashier
    )
    repairs.repair_charge_post(
        unit=home, amount=Decimal("80.00"), source_ref="WO-1", description="更换水龙头"
    )
    return payment


def test_owner_sees_outstanding_and_paid_bills_with_the_prepaid_balance(client, site, billed):
    client.force_login(site.owner)
    page = client.get(reverse("billing_portal:bills"))
    [statement] = page.context["statements"]
    assert statement.unit == site.units["owner_home"]
    assert len(statement.charges) == 3
    assert "物业费" in page.text
    assert "更换水龙头" in page.text  # the paid repair, as a repair-fee line
    assert "Repair charges" in page.text


def test_owner_reads_the_statement_and_payment_history(client, site, billed):
    client.force_login(site.owner)
    home = site.units["owner_home"]
    statement = client.get(reverse("billing_portal:statement", args=[home.pk]))
    assert billed.receipt_number in statement.text
    history = client.get(reverse("billing_portal:payments"))
    assert list(history.context["payments"]) == [billed]
    receipt = client.get(reverse("billing_portal:receipt", args=[billed.pk]))
    assert receipt["Content-Type"] == "application/pdf"


def test_owner_cannot_read_a_neighbours_statement_or_receipt(client, site, billed):
    client.force_login(site.owner2)
    home = site.units["owner_home"]
    assert client.get(reverse("billing_portal:statement", args=[home.pk])).status_code == 404
    assert client.get(reverse("billing_portal:receipt", args=[billed.pk])).status_code == 404
    page = client.get(reverse("billing_portal:bills"))
    assert [s.unit for s in page.context["statements"]] == [site.units["owner2_home"]]
    assert billed.receipt_number not in client.get(reverse("billing_portal:payments")).text


def test_tenant_sees_no_bills_but_the_fee_standards(client, site, billed):
    client.force_login(site.tenant)
    page = client.get(reverse("billing_portal:bills"))
    assert page.context["statements"] == []
    fees = client.get(reverse("billing_portal:fees"))
    assert "物业费" in fees.text
    assert "停车费" not in fees.text  # inactive items are not published


def test_portal_bills_are_for_residents(client, site, billed):
    client.force_login(site.nobody)
    assert client.get(reverse("billing_portal:bills")).status_code == 403
    client.force_login(site.cashier)
    assert client.get(reverse("billing_portal:bills")).status_code == 302
    client.logout()
    assert client.get(reverse("billing_portal:bills")).status_code == 302


def test_portal_navigation_offers_bills(client, site, billed):
    client.force_login(site.owner)
    page = client.get(reverse("portal:home"))
    assert reverse("billing_portal:bills") in page.text


def test_the_published_standards_show_a_season_fee_by_its_season(client, site, billed):
    FeeItemFactory(
        community=site.community,
        name="取暖费",
        code="HEAT",
        unit_price=Decimal("22.00"),
        season_start="10-15",
        season_end="04-15",
    )
    client.force_login(site.owner)
    row = next(
        line
        for line in client.get(reverse("billing_portal:fees")).text.split("<tr")
        if "取暖费" in line
    )
    assert "each season (10-15 to 04-15)" in row
    assert "every month" not in row
