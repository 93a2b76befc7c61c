"""Receipts print as PDF at the desk and in the portal; reprints and voids are marked."""

from decimal import Decimal

import pytest

from wuye.billing import billrun, receipts, services

from .factories import FeeItemFactory


@pytest.fixture
def payment(site):
    FeeItemFactory(community=site.community)
    billrun.bill_run_start(
        community=site.community, period="2026-01", actor=site.manager, background=False
    )
    taken, _created = services.payment_record(
        unit=site.units["owner_home"], amount=Decimal("100.00"), method="cash", actor=site.cashier
    )
    return taken


def test_the_cashier_prints_the_original_and_then_copies(site, client, payment):
    client.force_login(site.cashier)
    url = f"/c/{site.community.pk}/billing/payments/{payment.pk}/receipt.pdf"
    first = client.get(url)
    assert first.status_code == 200
    assert first["Content-Type"] == "application/pdf"
    assert first.content.startswith(b"%PDF")
    assert payment.receipt_number in first["Content-Disposition"]
    client.get(url)
    payment.refresh_from_db()
    assert payment.receipt_prints == 2


def test_reprints_and_voids_are_stamped(site, payment):
    assert receipts.receipt_marks(payment, copy=False) == []
    assert receipts.receipt_marks(payment, copy=True) == ["COPY"]
    services.payment_void(payment=payment, reason="Wrong home", actor=site.cashier)
    payment.refresh_from_db()
    assert receipts.receipt_marks(payment, copy=True) == ["VOID", "COPY"]
    assert receipts.receipt_pdf(payment, copy=True).startswith(b"%PDF")


def test_the_owner_downloads_their_receipt_and_a_neighbour_cannot(site, client, payment):
    client.force_login(site.owner)
    response = client.get(f"/portal/billing/receipts/{payment.pk}.pdf")
    assert response.status_code == 200
    assert response.content.startswith(b"%PDF")
    client.force_login(site.owner2)
    assert client.get(f"/portal/billing/receipts/{payment.pk}.pdf").status_code == 404


def test_staff_of_another_community_cannot_print_it(site, client, payment):
    client.force_login(site.other_manager)
    url = f"/c/{site.community.pk}/billing/payments/{payment.pk}/receipt.pdf"
    assert client.get(url).status_code == 403
