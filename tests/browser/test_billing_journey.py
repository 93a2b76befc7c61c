"""Billing in the browser: the cashier's part payment and receipt, the owner's bills, a bill run."""

import re
from datetime import date
from decimal import Decimal

import pytest
from playwright.sync_api import expect

from wuye.billing.models import BillRun, Charge, FeeItem, FeeKind, FeeMethod, Payment
from wuye.billing.runs.services import bill_run_start
from wuye.billing.runs.tasks import generate_bill_run
from wuye.testing.pdf import pdf_text
from wuye.testing.people import build_site

from .conftest import log_in

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def people(transactional_db):
    site = build_site()
    FeeItem.objects.create(
        community=site.community,
        name="物业费",
        code="WY",
        kind=FeeKind.PROPERTY,
        method=FeeMethod.BUILDING_AREA,
        unit_price=Decimal("1.20"),
        start_date=date(2026, 1, 1),
    )
    return site


def bill(site, *periods: str) -> None:
    for period in periods:
        bill_run_start(
            community=site.community, period=period, actor=site.manager, background=False
        )


def in_both_languages(page, shot, name: str) -> None:
    """Screenshot the page in English and in Simplified Chinese, then switch back."""
    shot(page, f"billing-{name}-en")
    origin = re.match(r"https?://[^/]+/", page.url).group(0)
    for language in ("zh-hans", "en"):
        page.context.add_cookies([{"name": "django_language", "url": origin, "value": language}])
        page.reload()
        expect(page.locator("html")).to_have_attribute("lang", language)
        if language == "zh-hans":
            shot(page, f"billing-{name}-zh")


def test_cashier_takes_a_part_payment_and_prints_the_receipt(people, open_page, shot):
    bill(people, "2026-01", "2026-02")
    page = open_page()
    log_in(page, "cashier")
    page.goto(f"/c/{people.community.pk}/billing/")
    page.fill("#desk-q", "1-1-101")
    page.press("#desk-q", "Enter")
    expect(page.locator("#owed-charges tbody tr")).to_have_count(2)
    in_both_languages(page, shot, "desk-home")
    expect(page.locator("input[name=payer]")).to_have_attribute("placeholder", "Wang Fang")
    page.fill("input[name=amount]", "50.00")
    page.select_option("select[name=method]", "wechat_pay")
    page.fill("input[name=payer]", "李娜")
    page.click("#take-payment")
    expect(page.locator("h1")).to_contain_text("Receipt")
    expect(page.locator("#payment-amount")).to_have_text("¥50.00")
    expect(page.locator("#payment-payer")).to_have_text("李娜")
    in_both_languages(page, shot, "receipt-page")
    receipt = page.request.get(page.locator("#print-receipt").get_attribute("href"))
    assert receipt.headers["content-type"] == "application/pdf"
    text = pdf_text(receipt.body())
    assert "Payer: 李娜" in text and "Still owed by this home after this payment" in text
    page.goto(f"/c/{people.community.pk}/billing/homes/{people.units['owner_home'].pk}/")
    expect(page.locator("#owed-charges tbody tr")).to_have_count(2)  # the first is part-paid
    assert Payment.objects.get().receipt_prints == 1
    page.click("main >> text=Arrears")
    expect(page.locator("#aging-buildings")).to_contain_text("Total")
    in_both_languages(page, shot, "arrears")


def test_cashier_ticks_charges_and_their_total_fills_the_amount(people, open_page, shot):
    bill(people, "2026-01", "2026-02", "2026-03")
    home = people.units["owner_home"]
    charges = list(Charge.objects.filter(unit=home).order_by("period"))
    ticked = charges[0].amount + charges[2].amount
    page = open_page(width=1366, height=900)
    log_in(page, "cashier")
    page.goto(f"/c/{people.community.pk}/billing/homes/{home.pk}/")
    origin = re.match(r"https?://[^/]+/", page.url).group(0)
    for language in ("zh-hans", "en"):
        page.context.add_cookies([{"name": "django_language", "url": origin, "value": language}])
        page.reload()
        expect(page.locator("[data-ticked-count]")).to_have_text("0")
        page.check(f"#charge-{charges[0].pk}")
        page.check(f"#charge-{charges[2].pk}")
        expect(page.locator("[data-ticked-count]")).to_have_text("2")
        expect(page.locator("[data-ticked-total]")).to_have_text(f"{ticked:,.2f}")
        expect(page.locator("input[name=amount]")).to_have_value(f"{ticked:.2f}")
        expect(page.locator("input[name=allocate][value=chosen]")).to_be_checked()
        shot(page, f"billing-desk-ticked-{language}")
    page.uncheck(f"#charge-{charges[0].pk}")
    expect(page.locator("input[name=amount]")).to_have_value(f"{charges[2].amount:.2f}")
    page.check(f"#charge-{charges[0].pk}")
    page.click("#take-payment")
    expect(page.locator("#payment-amount")).to_have_text(f"¥{ticked:,.2f}")
    paid = {a.charge_id for a in Payment.objects.get().entries.filter(kind="allocation")}
    assert paid == {charges[0].pk, charges[2].pk}


def test_owner_sees_the_bill_the_statement_and_downloads_the_receipt(people, open_page, shot):
    bill(people, "2026-01")
    from wuye.billing import services

    payment, _created = services.payment_record(
        unit=people.units["owner_home"],
        amount=Decimal("20.00"),
        method="cash",
        actor=people.cashier,
    )
    page = open_page(width=390, height=844)
    log_in(page, "owner")
    page.goto("/portal/billing/")
    bills = page.locator(".home-bills")
    expect(bills).to_have_count(1)
    expect(bills).to_contain_text("物业费")
    expect(bills).to_contain_text("1-1-101")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    in_both_languages(page, shot, "portal-bills-phone")
    page.click(".home-bills >> text=Statement")
    expect(page.locator("#statement-payments")).to_contain_text(payment.receipt_number)
    in_both_languages(page, shot, "portal-statement-phone")
    href = page.locator(f"[data-receipt='{payment.receipt_number}']").get_attribute("href")
    receipt = page.request.get(href)
    assert receipt.headers["content-type"] == "application/pdf"
    assert receipt.body().startswith(b"%PDF")


def test_bill_run_progress_bar_reaches_done(people, open_page, shot):
    page = open_page()
    log_in(page, "manager")
    page.goto(f"/c/{people.community.pk}/billing/runs/?period=2026-03")
    expect(page.locator("#run-preview")).to_contain_text("4 new charges")
    in_both_languages(page, shot, "run-preview")
    page.click("#generate")
    progress = page.locator("#run-progress")
    expect(progress).to_have_attribute("data-status", "queued")
    # No worker runs in the test: run the queued task here while the page keeps polling.
    generate_bill_run.call(BillRun.objects.get().pk)
    expect(page.locator("#run-progress")).to_have_attribute("data-status", "finished")
    expect(page.locator("#run-result")).to_contain_text("4 charges created")
    in_both_languages(page, shot, "run-done")
    page.click("text=Collection for this period")
    expect(page.locator("#trend-chart svg:visible")).to_be_visible()
    in_both_languages(page, shot, "collection")
