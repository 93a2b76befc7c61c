"""Payments, voids, waivers, late fees, refunds and deposits keep every yuan accounted for."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Sum
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from wuye.billing import queries, services
from wuye.billing.models import (
    Account,
    BillingSettings,
    Charge,
    EntryKind,
    LedgerEntry,
    Payment,
    ReceiptCounter,
)
from wuye.billing.runs.services import bill_run_start
from wuye.billing.services import repairs

from .fixtures import FeeItemFactory

HYPOTHESIS = settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
# five of these stay within the twelve months a home may prepay
amounts = st.decimals(min_value=Decimal("0.01"), max_value=Decimal("200.00"), places=2)


@pytest.fixture
def billed(site):
    """Three months of property fee (¥78.80 each) on every home of Bordeaux Town."""
    FeeItemFactory(community=site.community)
    for period in ("2026-01", "2026-02", "2026-03"):
        bill_run_start(
            community=site.community, period=period, actor=site.manager, background=False
        )
    return site.units["owner_home"]


def pay(site, home, amount, **kwargs):
    payment, _created = services.payment_record(
        unit=home, amount=Decimal(amount), method="cash", actor=site.cashier, **kwargs
    )
    return payment


def ledger_sum(home, account) -> Decimal:
    total = LedgerEntry.objects.filter(unit=home, account=account).aggregate(s=Sum("amount"))["s"]
    return Decimal(total or 0).quantize(Decimal("0.01"))


@HYPOTHESIS
@given(payments=st.lists(amounts, min_size=1, max_size=5))
def test_allocations_and_prepaid_add_up_to_each_payment(site, billed, payments):
    with transaction.atomic():
        for amount in payments:
            payment = pay(site, billed, amount)
            allocated = sum((a.amount for a in payment.allocations.all()), Decimal(0))
            assert allocated + services.prepaid_added(payment) == amount
        transaction.set_rollback(True)


@HYPOTHESIS
@given(payments=st.lists(amounts, min_size=1, max_size=5), voids=st.data())
def test_balances_equal_the_sum_of_entries_and_a_void_restores_them(site, billed, payments, voids):
    with transaction.atomic():
        before = services.balances(billed.pk)
        taken = [pay(site, billed, amount) for amount in payments]
        balance = services.balances(billed.pk)
        assert balance.owed == ledger_sum(billed, Account.RECEIVABLE)
        assert balance.prepaid == -ledger_sum(billed, Account.PREPAID)
        assert before.owed - balance.owed + balance.prepaid == sum(payments)
        # voided newest first, each void restores the balance as it was before that payment
        for payment in reversed(taken[voids.draw(st.integers(0, len(taken) - 1)) :]):
            paid = payment.amount
            owed_then = services.balances(billed.pk)
            services.payment_void(payment=payment, reason="Entered twice", actor=site.cashier)
            now = services.balances(billed.pk)
            assert (now.owed - owed_then.owed) + (owed_then.prepaid - now.prepaid) == paid
        transaction.set_rollback(True)


def test_a_void_of_every_payment_restores_the_home_exactly(site, billed):
    before = services.balances(billed.pk)
    first, second = pay(site, billed, "100.00"), pay(site, billed, "150.00")
    for payment in (second, first):
        services.payment_void(payment=payment, reason="Wrong home", actor=site.cashier)
    assert services.balances(billed.pk) == before
    assert Payment.objects.filter(status="void").count() == 2


def test_payment_goes_to_the_oldest_charge_first(site, billed):
    payment = pay(site, billed, "100.00")
    periods = [(a.charge.period, a.amount) for a in payment.allocations.order_by("pk")]
    assert periods == [("2026-01", Decimal("78.80")), ("2026-02", Decimal("21.20"))]


def test_chosen_charges_are_paid_and_the_rest_goes_to_prepaid(site, billed):
    march = Charge.objects.get(unit=billed, period="2026-03")
    payment = pay(site, billed, "100.00", charge_ids=[march.pk])
    assert [(a.charge_id, a.amount) for a in payment.allocations.all()] == [
        (march.pk, Decimal("78.80"))
    ]
    assert services.prepaid_added(payment) == Decimal("21.20")


def test_choosing_another_homes_charge_is_refused(site, billed):
    neighbours = Charge.objects.filter(unit=site.units["owner2_home"]).first()
    with pytest.raises(ValidationError) as exc:
        pay(site, billed, "10.00", charge_ids=[neighbours.pk])
    assert "charge_ids" in exc.value.message_dict


def test_prepaid_balance_pays_next_months_charge_by_itself(site, billed):
    pay(site, billed, "300.00")  # 3 × 78.80 = 236.40 owed, 63.60 prepaid
    bill_run_start(community=site.community, period="2026-04", actor=site.manager, background=False)
    april = queries.with_amounts(Charge.objects.filter(unit=billed, period="2026-04")).get()
    assert april.outstanding == Decimal("15.20")
    assert services.balances(billed.pk).prepaid == Decimal("0.00")


@pytest.mark.parametrize("amount", ["0", "-5.00", "1.005", "abc", "NaN", "8.7e263", "-8.7e263"])
def test_a_payment_of_a_wrong_amount_names_the_field(site, billed, amount):
    with pytest.raises(ValidationError) as exc:
        services.payment_record(unit=billed, amount=amount, method="cash", actor=site.cashier)
    assert "amount" in exc.value.message_dict


def test_prepaying_more_than_twelve_months_is_refused(site, billed):
    owed = services.balances(billed.pk).owed
    pay(site, billed, str(owed + Decimal("945.60")))  # exactly 12 × 78.80 in advance
    with pytest.raises(ValidationError):
        pay(site, billed, "0.01")


def test_receipts_are_numbered_per_community_and_year_without_gaps(site, billed):
    numbers = [pay(site, billed, "1.00").receipt_number for _ in range(3)]
    year = date.today().year
    assert numbers == [f"BDX-{year}-{n:06d}" for n in (1, 2, 3)]
    with pytest.raises(ValidationError), transaction.atomic():
        pay(site, billed, "1.001")
    assert pay(site, billed, "1.00").receipt_number == f"BDX-{year}-000004"
    assert ReceiptCounter.objects.get(community=site.community).last == 4


def test_a_voided_receipt_number_is_never_given_again(site, billed):
    voided = pay(site, billed, "5.00")
    services.payment_void(payment=voided, reason="Customer changed mind", actor=site.cashier)
    assert pay(site, billed, "5.00").receipt_number != voided.receipt_number


def test_a_payment_cannot_be_voided_twice_or_without_a_reason(site, billed):
    payment = pay(site, billed, "5.00")
    with pytest.raises(ValidationError):
        services.payment_void(payment=payment, reason="  ", actor=site.cashier)
    services.payment_void(payment=payment, reason="Typo", actor=site.cashier)
    with pytest.raises(ValidationError):
        services.payment_void(payment=payment, reason="Typo", actor=site.cashier)


def test_ledger_rows_are_never_edited_or_deleted(site, billed):
    entry = LedgerEntry.objects.first()
    with pytest.raises(PermissionError):
        entry.save()
    with pytest.raises(PermissionError):
        entry.delete()
    with pytest.raises(PermissionError):
        LedgerEntry.objects.filter(pk=entry.pk).update(amount=1)
    with pytest.raises(PermissionError):
        Charge.objects.all().delete()


def test_front_desk_and_owners_cannot_take_money(site, billed):
    for person in (site.frontdesk, site.owner):
        with pytest.raises(PermissionDenied):
            services.payment_record(unit=billed, amount="1.00", method="cash", actor=person)


def test_a_manager_waives_part_of_a_charge_with_a_reason(site, billed):
    charge = Charge.objects.get(unit=billed, period="2026-01")
    with pytest.raises(PermissionDenied):
        services.charge_waive(charge=charge, amount="8.80", reason="Leak", actor=site.cashier)
    services.charge_waive(charge=charge, amount="8.80", reason="Leak damage", actor=site.manager)
    row = queries.with_amounts(Charge.objects.filter(pk=charge.pk)).get()
    assert row.outstanding == Decimal("70.00")
    with pytest.raises(ValidationError):
        services.charge_waive(charge=charge, amount="70.01", reason="Too much", actor=site.manager)


def test_late_fees_only_when_switched_on_and_only_once(site, billed):
    on = date(2026, 6, 30)
    assert services.late_fees_assess(community=site.community, on=on) == 0
    BillingSettings.objects.create(
        community=site.community,
        late_fee_enabled=True,
        late_fee_daily_rate=Decimal("0.001"),
        late_fee_grace_days=30,
    )
    assert services.late_fees_assess(community=site.community, on=on) == 12
    assert services.late_fees_assess(community=site.community, on=on) == 0
    january = Charge.objects.get(unit=billed, period="2026-01")
    fee = january.entries.get(kind=EntryKind.LATE_FEE).amount
    assert fee == Decimal("13.00")  # 78.80 × 0.001 × 165 days late (due 16 January)


def test_refund_of_prepaid_needs_a_managers_approval(site, billed):
    pay(site, billed, "300.00")
    refund = services.refund_request(
        unit=billed, amount="50.00", reason="Moving out", actor=site.cashier
    )
    assert services.balances(billed.pk).prepaid == Decimal("63.60")
    with pytest.raises(PermissionDenied):
        services.refund_decide(refund=refund, approve=True, actor=site.cashier)
    services.refund_decide(refund=refund, approve=True, actor=site.manager)
    assert services.balances(billed.pk).prepaid == Decimal("13.60")
    with pytest.raises(ValidationError):
        services.refund_decide(refund=refund, approve=True, actor=site.manager)


def test_a_deposit_is_held_apart_and_refunded(site, billed):
    owed = services.balances(billed.pk).owed
    deposit = services.deposit_take(
        unit=billed, purpose="Renovation", amount="2000.00", method="card", actor=site.cashier
    )
    assert deposit.receipt_number.startswith("BDX-")
    held = services.balances(billed.pk)
    assert (held.owed, held.deposits) == (owed, Decimal("2000.00"))
    services.deposit_refund(deposit=deposit, actor=site.manager)
    assert services.balances(billed.pk).deposits == Decimal("0.00")


def test_a_paid_repair_becomes_a_repair_charge_once(site):
    home = site.units["owner_home"]
    first = repairs.repair_charge_post(
        unit=home, amount="35.00", source_ref="WO-2026-000017", description="Tap replaced"
    )
    again = repairs.repair_charge_post(unit=home, amount="35.00", source_ref="WO-2026-000017")
    assert first.pk == again.pk
    assert first.fee_item.kind == "repair"
    assert services.balances(home.pk).owed == Decimal("35.00")
    statement = queries.statement(site.owner, home.pk)
    assert [c.amount for c in statement.charges] == [Decimal("35.00")]


def test_arrears_aging_puts_what_is_owed_in_its_bucket(site, billed):
    pay(site, billed, "78.80")
    aging = queries.arrears_aging(site.community.pk, date(2026, 5, 20))
    # due on 16 Jan, 16 Feb and 16 Mar: 124, 93 and 65 days before 20 May
    assert aging["totals"] == {
        "0-30": Decimal("0.00"),
        "31-90": Decimal("315.20"),
        "91-180": Decimal("551.60"),
        "181-365": Decimal("0.00"),
        ">365": Decimal("0.00"),
    }


def test_statement_query_count_does_not_grow_with_charges(site, billed, django_assert_num_queries):
    pay(site, billed, "100.00")
    with django_assert_num_queries(8):
        queries.statement(site.owner, billed.pk)
    for period in ("2026-04", "2026-05", "2026-06"):
        bill_run_start(
            community=site.community, period=period, actor=site.manager, background=False
        )
    pay(site, billed, "100.00")
    site.owner.__dict__.pop("_wuye_policy", None)
    with django_assert_num_queries(8):
        queries.statement(site.owner, billed.pk)


class DeclinedGateway:
    """An online provider that has not received the money (the outside world, mocked)."""

    name = "test-gateway"

    def confirm(self, *, reference, amount):
        raise ValidationError({"provider_reference": ["No such transaction."]})


def test_an_online_payment_is_recorded_only_when_its_provider_confirms_it(site, billed):
    from wuye.billing import providers

    providers.register(DeclinedGateway())
    try:
        with pytest.raises(ValidationError) as exc:
            pay(site, billed, "10.00", provider="test-gateway", provider_reference="T-1")
        assert "provider_reference" in exc.value.message_dict
        with pytest.raises(ValidationError) as exc:
            pay(site, billed, "10.00", provider="nobody-set-this-up")
        assert "provider" in exc.value.message_dict
    finally:
        providers.PROVIDERS.pop("test-gateway")
    assert not Payment.objects.exists()


@pytest.fixture
def discounted(site):
    """A community that takes 5 per cent off twelve months paid ahead; one home with nothing
    owed and ¥78.80 of property fee a month."""
    FeeItemFactory(community=site.community)
    BillingSettings.objects.create(
        community=site.community, prepay_discount_months=12, prepay_discount_percent=Decimal("5")
    )
    return site.units["owner_home"]


def test_twelve_months_paid_ahead_earn_the_prepayment_discount_with_its_reason(site, discounted):
    # twelve months are ¥945.60; at 5 per cent off the home pays ¥898.32
    payment = pay(site, discounted, "898.32")
    discount = LedgerEntry.objects.get(payment=payment, kind=EntryKind.DISCOUNT)
    assert (discount.account, discount.amount) == (Account.PREPAID, Decimal("-47.28"))
    assert discount.reason == "Prepayment discount: 12 months paid ahead, 5 per cent off."
    assert services.prepaid_added(payment) == Decimal("898.32")
    assert services.balances(discounted.pk).prepaid == Decimal("945.60")  # twelve months


def test_less_than_the_qualifying_months_earns_no_discount(site, discounted):
    payment = pay(site, discounted, "898.31")
    assert not LedgerEntry.objects.filter(payment=payment, kind=EntryKind.DISCOUNT).exists()
    assert services.balances(discounted.pk).prepaid == Decimal("898.31")


def test_a_discount_never_takes_the_prepaid_balance_beyond_twelve_months(site, discounted):
    # the full price of twelve months would, with the discount, be credit for more than twelve
    with pytest.raises(ValidationError) as exc:
        pay(site, discounted, "945.60")
    assert "amount" in exc.value.message_dict
    assert not Payment.objects.exists() and not LedgerEntry.objects.filter(kind="discount")
    pay(site, discounted, "898.32")
    with pytest.raises(ValidationError):
        pay(site, discounted, "0.01")  # twelve months are prepaid already


def test_voiding_a_discounted_prepayment_takes_the_discount_back(site, discounted):
    payment = pay(site, discounted, "898.32")
    services.payment_void(payment=payment, reason="Paid by the wrong owner", actor=site.manager)
    assert services.balances(discounted.pk).prepaid == 0
    assert LedgerEntry.objects.filter(kind=EntryKind.VOID, reverses__kind="discount").count() == 1


def test_a_charge_paid_in_two_parts_owes_nothing_even_where_sums_are_floats(site):
    # 10.00 − 3.86 − 6.14 is 8.9e-16 in floating point, which SQLite's SUM gives back
    garbage = FeeItemFactory(
        community=site.community, code="GB", method="fixed", unit_price=Decimal("10.00")
    )
    bill_run_start(community=site.community, period="2026-01", actor=site.manager, background=False)
    home = site.units["owner_home"]
    charge = Charge.objects.get(unit=home, fee_item=garbage)
    pay(site, home, "3.86")
    pay(site, home, "6.14")
    assert not services.outstanding_charges(home.pk).exists()
    assert queries.owed_charges(home.pk) == []
    assert services.balances(home.pk).owed == 0
    later = pay(site, home, "5.00")
    assert not later.allocations.exists()
    assert services.prepaid_added(later) == Decimal("5.00")
    with pytest.raises(ValidationError):
        services.charge_waive(charge=charge, amount="0.01", reason="Goodwill", actor=site.manager)
