"""The cashier's desk: find a home, take a payment once, print and void its receipt."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from wuye.billing.models import LedgerEntry, Payment
from wuye.billing.runs.services import bill_run_start
from wuye.testing import factories as f

from .fixtures import FeeItemFactory


@pytest.fixture
def billed(site):
    """Two months of property fee on every home of Bordeaux Town."""
    FeeItemFactory(community=site.community, name="物业费")
    for period in ("2026-01", "2026-02"):
        bill_run_start(
            community=site.community, period=period, actor=site.manager, background=False
        )
    return site.units["owner_home"]


def desk_url(site, name, *args):
    return reverse(f"billing:{name}", args=[site.community.pk, *args])


def pay_form(client, site, home, **data):
    page = client.get(desk_url(site, "home", home.pk))
    key = page.context["form"]["idempotency_key"].value()
    body = {"amount": "50.00", "method": "cash", "allocate": "oldest", "idempotency_key": key}
    return client.post(desk_url(site, "home", home.pk), body | data)


def test_cashier_finds_a_home_by_the_owners_name(client, site, billed):
    client.force_login(site.cashier)
    response = client.get(desk_url(site, "desk"), {"q": "Zhang"})
    assert response.status_code == 302
    assert response.url == desk_url(site, "home", site.units["owner2_home"].pk)


def test_cashier_finds_a_home_by_the_owners_mobile(client, site, billed):
    client.force_login(site.cashier)
    response = client.get(desk_url(site, "desk"), {"q": "13912340003"})
    assert response.url == desk_url(site, "home", site.units["owner2_home"].pk)


def test_cashier_finds_a_home_by_room_number(client, site, billed):
    client.force_login(site.cashier)
    response = client.get(desk_url(site, "desk"), {"q": "1-1-101"})
    assert response.url == desk_url(site, "home", billed.pk)


def test_desk_shows_charges_owed_oldest_first_and_the_prepaid_balance(client, site, billed):
    client.force_login(site.cashier)
    response = client.get(desk_url(site, "home", billed.pk))
    periods = [c.period for c in response.context["charges"]]
    assert periods == ["2026-01", "2026-02"]
    assert response.context["balances"].prepaid == Decimal("0.00")
    assert "物业费" in response.text


def test_cashier_takes_a_part_payment_and_lands_on_the_receipt(client, site, billed):
    client.force_login(site.cashier)
    response = pay_form(client, site, billed, amount="50.00")
    payment = Payment.objects.get(unit=billed)
    assert response.url == desk_url(site, "payment", payment.pk)
    page = client.get(response.url)
    assert payment.receipt_number in page.text
    assert desk_url(site, "receipt", payment.pk) in page.text
    assert [a.charge.period for a in payment.allocations.all()] == ["2026-01"]


def test_the_payer_is_the_owner_unless_the_cashier_names_someone_else(client, site, billed):
    client.force_login(site.cashier)
    page = client.get(desk_url(site, "home", billed.pk))
    assert 'placeholder="Wang Fang"' in page.text  # the home's owner, if nobody is named
    pay_form(client, site, billed, amount="10.00")
    pay_form(client, site, billed, amount="10.00", payer="  Li Na ")
    first, second = Payment.objects.filter(unit=billed).order_by("pk")
    assert (first.payer_name, second.payer_name) == ("Wang Fang", "Li Na")
    receipt = client.get(desk_url(site, "payment", second.pk))
    assert "Li Na" in receipt.text
    refused = pay_form(client, site, billed, amount="10.00", payer="李" * 101)
    assert refused.status_code == 400
    assert Payment.objects.filter(unit=billed).count() == 2


def test_excess_goes_to_the_prepaid_balance(client, site, billed):
    client.force_login(site.cashier)
    owed = sum(
        c.outstanding for c in client.get(desk_url(site, "home", billed.pk)).context["charges"]
    )
    pay_form(client, site, billed, amount=str(owed + Decimal("10.00")))
    page = client.get(desk_url(site, "home", billed.pk))
    assert page.context["balances"].prepaid == Decimal("10.00")
    assert page.context["charges"] == []


def test_payment_on_a_chosen_charge_pays_only_that_charge(client, site, billed):
    client.force_login(site.cashier)
    charges = client.get(desk_url(site, "home", billed.pk)).context["charges"]
    later = charges[1]
    pay_form(client, site, billed, amount="20.00", allocate="chosen", charge_ids=[later.pk])
    payment = Payment.objects.get(unit=billed)
    assert [a.charge_id for a in payment.allocations.all()] == [later.pk]


def test_submitting_the_same_form_twice_records_one_payment(client, site, billed):
    client.force_login(site.cashier)
    page = client.get(desk_url(site, "home", billed.pk))
    body = {
        "amount": "30.00",
        "method": "wechat_pay",
        "allocate": "oldest",
        "idempotency_key": page.context["form"]["idempotency_key"].value(),
    }
    first = client.post(desk_url(site, "home", billed.pk), body)
    second = client.post(desk_url(site, "home", billed.pk), body)
    assert first.url == second.url
    assert Payment.objects.filter(unit=billed).count() == 1


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"amount": "-5"}, "amount"),
        ({"amount": "abc"}, "amount"),
        ({"amount": "1.234"}, "amount"),
        ({"method": "bitcoin"}, "method"),
        ({"allocate": "chosen", "charge_ids": ["999999"]}, "charge_ids"),
        ({"allocate": "chosen"}, "charge_ids"),
    ],
)
def test_bad_payment_shows_a_field_error_and_writes_nothing(client, site, billed, data, field):
    client.force_login(site.cashier)
    entries = LedgerEntry.objects.count()
    response = pay_form(client, site, billed, **data)
    assert response.status_code == 400
    assert response.context["form"].errors[field]
    assert Payment.objects.count() == 0
    assert LedgerEntry.objects.count() == entries


def test_prepaying_beyond_twelve_months_is_refused_on_the_amount(client, site, billed):
    client.force_login(site.cashier)
    response = pay_form(client, site, billed, amount="99999.00")
    assert response.status_code == 400
    assert "12" in response.context["form"].errors["amount"][0]
    assert Payment.objects.count() == 0


def test_guard_cannot_open_the_desk_or_take_a_payment(client, site, billed):
    client.force_login(site.guard)
    assert client.get(desk_url(site, "desk")).status_code == 403
    assert client.get(desk_url(site, "home", billed.pk)).status_code == 403
    response = client.post(
        desk_url(site, "home", billed.pk),
        {"amount": "10", "method": "cash", "allocate": "oldest", "idempotency_key": "k1"},
    )
    assert response.status_code == 403
    assert Payment.objects.count() == 0


def test_front_desk_sees_bills_but_cannot_take_payments(client, site, billed):
    client.force_login(site.frontdesk)
    page = client.get(desk_url(site, "home", billed.pk))
    assert page.status_code == 200
    assert 'id="take-payment"' not in page.text
    response = client.post(
        desk_url(site, "home", billed.pk),
        {"amount": "10", "method": "cash", "allocate": "oldest", "idempotency_key": "k2"},
    )
    assert response.status_code == 403


def test_home_of_another_community_is_not_found(client, site, billed):
    client.force_login(site.cashier)
    other = site.units["other_home"]
    assert client.get(desk_url(site, "home", other.pk)).status_code == 404


def test_reprint_from_the_desk_is_marked_copy(client, site, billed):
    client.force_login(site.cashier)
    pay_form(client, site, billed)
    payment = Payment.objects.get(unit=billed)
    first = client.get(desk_url(site, "receipt", payment.pk))
    assert first["Content-Type"] == "application/pdf"
    page = client.get(desk_url(site, "payment", payment.pk))
    assert "Print a copy (PDF)" in page.text


def test_void_needs_a_reason_and_restores_what_was_owed(client, site, billed):
    client.force_login(site.cashier)
    before = client.get(desk_url(site, "home", billed.pk)).context["balances"].owed
    pay_form(client, site, billed)
    payment = Payment.objects.get(unit=billed)
    refused = client.post(desk_url(site, "payment_void", payment.pk), {"reason": ""})
    assert refused.status_code == 400
    assert refused.context["void_form"].errors["reason"]
    client.post(desk_url(site, "payment_void", payment.pk), {"reason": "Wrong home"})
    payment.refresh_from_db()
    assert payment.status == Payment.Status.VOID
    assert client.get(desk_url(site, "home", billed.pk)).context["balances"].owed == before
    assert "Wrong home" in client.get(desk_url(site, "payment", payment.pk)).text


def test_front_desk_cannot_void(client, site, billed):
    client.force_login(site.cashier)
    pay_form(client, site, billed)
    payment = Payment.objects.get(unit=billed)
    client.force_login(site.frontdesk)
    assert (
        client.post(desk_url(site, "payment_void", payment.pk), {"reason": "x"}).status_code == 403
    )
    assert Payment.objects.get(pk=payment.pk).status == Payment.Status.POSTED


def _owners(site, names):
    building = site.buildings[0]
    for name in names:
        unit = f.UnitFactory(building=building, entrance="3", number=name[-2:])
        resident = f.ResidentFactory(community=site.community, name=name)
        f.ResidencyFactory(unit=unit, resident=resident, relation="owner")


def test_desk_search_and_home_pages_keep_their_query_counts_as_homes_grow(
    client, site, billed, django_assert_num_queries
):
    client.force_login(site.cashier)
    home_url = desk_url(site, "home", billed.pk)
    _owners(site, ["Qian 01", "Qian 02"])
    client.get(home_url)  # the session remembers the community once
    with CaptureQueriesContext(connection) as few:
        assert len(client.get(desk_url(site, "desk"), {"q": "Qian"}).context["homes"]) == 2
        client.get(home_url)
    _owners(site, [f"Qian 1{n}" for n in range(5)])
    bill_run_start(community=site.community, period="2026-03", actor=site.manager, background=False)
    with django_assert_num_queries(len(few.captured_queries)):
        assert len(client.get(desk_url(site, "desk"), {"q": "Qian"}).context["homes"]) == 7
        client.get(home_url)
