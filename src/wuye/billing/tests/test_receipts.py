"""Receipts print as PDF at the desk and in the portal; reprints and voids are marked. A
receipt names the payer, the company with a place for its seal, and what is still owed, in a
font embedded in the file, so every viewer prints the same characters."""

from datetime import date
from decimal import Decimal

import pytest
from django.utils import translation

from wuye.billing import receipts, reminders, services
from wuye.billing.queries import reminder_homes
from wuye.billing.runs.services import bill_run_start
from wuye.testing.pdf import assert_fonts_embedded, pdf_text

from .fixtures import FeeItemFactory


@pytest.fixture
def payment(site):
    FeeItemFactory(community=site.community)
    bill_run_start(community=site.community, period="2026-01", actor=site.manager, background=False)
    taken, _created = services.payment_record(
        unit=site.units["owner_home"], amount=Decimal("100.00"), method="cash", actor=site.cashier
    )
    return taken


@pytest.fixture
def heating(site):
    """Two months of a fee item priced per m², owed by the owner's home (王芳)."""
    site.residents["owner"].name = "王芳"
    site.residents["owner"].save()
    site.community.company.name = "哈密宜居物业服务有限公司"
    site.community.company.save()
    FeeItemFactory(community=site.community, name="物业费（元/m²·月）", start_date=date(2026, 1, 1))
    for period in ("2026-01", "2026-02"):
        bill_run_start(
            community=site.community, period=period, actor=site.manager, background=False
        )
    return site.units["owner_home"]


def _owed(unit) -> Decimal:
    return services.balances(unit.pk).owed


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


def test_a_part_payment_receipt_names_payer_company_seal_and_what_is_still_owed(site, heating):
    owed = _owed(heating)
    taken, _created = services.payment_record(
        unit=heating, amount=Decimal("30.00"), method="cash", actor=site.cashier
    )
    still_owed = owed - Decimal("30.00")
    assert taken.payer_name == "王芳"  # nobody named: the home's owner
    with translation.override("zh-hans"):
        content = receipts.receipt_pdf(taken, copy=False)
    text = pdf_text(content)
    assert "收款收据" in text
    assert "交款人：王芳" in text
    assert "物业费（元/m²·月）" in text
    assert "哈密宜居物业服务有限公司" in text
    assert "收款单位（盖章）" in text and "盖章处" in text
    assert "本次实收" in text and "尚欠金额" in text
    assert f"本次收款后本户尚欠金额：¥{still_owed:,.2f}" in text
    assert "叁拾元整" in text and "¥30.00" in text
    assert "作废" not in text and "副本" not in text
    assert_fonts_embedded(content)

    # what was owed then stays on the receipt, whatever is paid or voided later
    services.payment_record(
        unit=heating, amount=still_owed, method="wechat_pay", actor=site.cashier
    )
    services.payment_void(payment=taken, reason="收错房屋", actor=site.cashier)
    taken.refresh_from_db()
    with translation.override("zh-hans"):
        reprint = pdf_text(receipts.receipt_pdf(taken, copy=True))
    assert "作废 · 副本" in reprint
    assert "已作废：收错房屋" in reprint
    assert f"本次收款后本户尚欠金额：¥{still_owed:,.2f}" in reprint


def test_the_cashier_names_another_payer_and_a_settled_home_is_said_to_owe_nothing(site, heating):
    taken, _created = services.payment_record(
        unit=heating, amount=_owed(heating), method="cash", actor=site.cashier, payer="李娜"
    )
    with translation.override("en"):
        text = pdf_text(receipts.receipt_pdf(taken, copy=False))
    assert "Payer: 李娜" in text
    assert "Nothing is owed by this home after this payment." in text
    assert "元/m²·月" in text


def test_a_payer_name_too_long_is_refused(site, heating):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as refused:
        services.payment_record(
            unit=heating,
            amount=Decimal("1.00"),
            method="cash",
            actor=site.cashier,
            payer="王" * 101,
        )
    assert "payer" in refused.value.message_dict
    assert not heating.payments.exists()


def test_a_reminder_prints_its_characters_in_an_embedded_font(site, heating):
    on = date(2026, 12, 31)
    homes = reminder_homes(site.manager, site.community.pk, on, [heating.pk])
    with translation.override("zh-hans"):
        content = reminders.reminders_pdf(homes, site.community, on)
    text = pdf_text(content)
    assert "催缴通知单" in text
    assert "王芳" in text
    assert "物业费（元/m²·月）" in text
    assert f"¥{_owed(heating):,.2f}" in text
    assert_fonts_embedded(content)


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
