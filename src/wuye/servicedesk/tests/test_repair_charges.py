"""A paid repair on the home's bill: pending from resolution (待确认), posted once the owner
accepts the work, adjusted by further charges and credit notes when rework changes the
items, and never posted twice."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q, Sum
from django.urls import reverse
from django.utils import translation
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from wuye.billing import queries as billing
from wuye.billing import services as billing_services
from wuye.billing.models import Charge, EntryKind, LedgerEntry, RepairBill, RepairPosting
from wuye.servicedesk import services
from wuye.servicedesk.models import DeskSettings, PriceListItem, WorkOrder, WorkOrderItem
from wuye.servicedesk.services.charges import repair_bill_sync
from wuye.servicedesk.workflow import InvalidTransition

from .fixtures import MONDAY_10, order_in, step

pytestmark = pytest.mark.django_db

HOUR = timedelta(hours=1)


@pytest.fixture
def prices(site):
    def item(name, price):
        return PriceListItem.objects.create(
            community=site.community, name=name, unit="each", price=Decimal(price)
        )

    return {
        "tap": item("Replace a tap", "45.00"),
        "valve": item("Replace an angle valve", "35.00"),
        "seal": item("Renew a seal", "20.00"),
    }


def resolve(site, order, at, items=(), withdraw=()):
    return services.work_order_resolve(
        order=order,
        result="Replaced",
        items=list(items),
        withdraw_item_ids=list(withdraw),
        actor=site.electrician,
        at=at,
    )


def rate(site, order, at):
    return services.work_order_rate(order=order, score=5, actor=site.owner, at=at)


def on_ledger(order) -> Decimal:
    """What the order's repair has put on the home's accounts: charges less credit notes."""
    ref = f"work-order:{order.number}"
    charged = Q(kind=EntryKind.CHARGE) & (
        Q(charge__source_ref=ref) | Q(charge__source_ref__startswith=f"{ref}/")
    )
    credited = Q(kind=EntryKind.CREDIT, reason=order.number)
    entries = LedgerEntry.objects.filter(charged | credited)
    return entries.aggregate(total=Sum("amount"))["total"] or Decimal("0")


def current_items(order) -> Decimal:
    return WorkOrderItem.objects.filter(order=order, removed_at__isnull=True).aggregate(
        total=Sum("amount")
    )["total"] or Decimal("0")


def test_resolved_repair_is_pending_with_its_number_until_the_owner_accepts(site, prices):
    order = order_in(site, "in_progress")
    order = resolve(site, order, MONDAY_10 + HOUR, [{"price_item_id": prices["tap"].pk}])
    home = site.units["owner_home"]
    statement = billing.statement(site.cashier, home.pk)
    assert statement.balance_due == 0
    [pending] = statement.pending
    assert (pending.number, pending.pending, pending.waiting_for) == (
        order.number,
        Decimal("45.00"),
        "acceptance",
    )
    assert not Charge.objects.filter(unit=home).exists()

    rate(site, order, MONDAY_10 + 2 * HOUR)
    statement = billing.statement(site.cashier, home.pk)
    assert statement.balance_due == Decimal("45.00") and statement.pending == []
    [charge] = statement.charges
    assert (charge.amount, charge.description) == (Decimal("45.00"), order.number)
    assert charge.fee_item.kind == "repair"


def test_a_satisfied_call_back_accepts_the_work_and_closing_adds_nothing(site, prices):
    order = order_in(site, "in_progress")
    order = resolve(site, order, MONDAY_10 + HOUR, [{"price_item_id": prices["valve"].pk}])
    order = step(site, order, "visit", MONDAY_10 + 2 * HOUR)
    assert billing_services.balances(order.unit_id).owed == Decimal("35.00")
    step(site, order, "close", MONDAY_10 + 3 * HOUR)
    repair_bill_sync(WorkOrder.objects.get(pk=order.pk), actor=None, at=MONDAY_10 + 4 * HOUR)
    assert Charge.objects.filter(unit_id=order.unit_id).count() == 1
    assert RepairPosting.objects.count() == 1


def test_the_community_may_post_at_resolution(site, prices):
    DeskSettings.objects.create(community=site.community, repair_charges_posted="resolution")
    order = order_in(site, "in_progress")
    resolve(site, order, MONDAY_10 + HOUR, [{"price_item_id": prices["tap"].pk}])
    statement = billing.statement(site.owner, order.unit_id)
    assert statement.balance_due == Decimal("45.00") and statement.pending == []


def test_rework_charges_the_difference_and_credits_what_it_takes_back(site, prices):
    order = order_in(site, "in_progress")
    order = resolve(
        site,
        order,
        MONDAY_10 + HOUR,
        [{"price_item_id": prices["tap"].pk}, {"price_item_id": prices["valve"].pk}],
    )
    order = rate(site, order, MONDAY_10 + 2 * HOUR)
    assert on_ledger(order) == Decimal("80.00")
    first = Charge.objects.get(source_ref=f"work-order:{order.number}")

    # reopened: the valve was not needed after all, a seal was
    valve = order.items.get(price_item=prices["valve"])
    for n, action in enumerate(["reopen", "start"], start=3):
        order = step(site, order, action, MONDAY_10 + n * HOUR)
    order = resolve(
        site,
        order,
        MONDAY_10 + 5 * HOUR,
        [{"price_item_id": prices["seal"].pk}],
        withdraw=[valve.pk],
    )
    assert order.amount_owed == Decimal("65.00")
    [pending] = billing.statement(site.owner, order.unit_id).pending
    assert pending.pending == Decimal("-15.00")
    assert on_ledger(order) == Decimal("80.00")  # nothing moves before the owner accepts

    order = step(site, order, "visit", MONDAY_10 + 6 * HOUR)
    assert on_ledger(order) == current_items(order) == Decimal("65.00")
    credit = LedgerEntry.objects.get(kind=EntryKind.CREDIT)
    assert (credit.amount, credit.charge_id, credit.reason) == (
        Decimal("-15.00"),
        first.pk,
        order.number,
    )
    first.refresh_from_db()
    assert first.amount == Decimal("80.00")  # the first charge is never edited
    assert billing_services.balances(order.unit_id).owed == Decimal("65.00")
    valve.refresh_from_db()
    assert valve.removed_at is not None  # withdrawn, still on record


def test_a_further_charge_after_rework_is_a_new_charge(site, prices):
    order = order_in(site, "in_progress")
    order = resolve(site, order, MONDAY_10 + HOUR, [{"price_item_id": prices["seal"].pk}])
    order = rate(site, order, MONDAY_10 + 2 * HOUR)
    for n, action in enumerate(["reopen", "start"], start=3):
        order = step(site, order, action, MONDAY_10 + n * HOUR)
    order = resolve(site, order, MONDAY_10 + 5 * HOUR, [{"price_item_id": prices["tap"].pk}])
    order = step(site, order, "visit", MONDAY_10 + 6 * HOUR)
    charges = Charge.objects.filter(unit_id=order.unit_id).order_by("pk")
    assert [(c.amount, c.source_ref) for c in charges] == [
        (Decimal("20.00"), f"work-order:{order.number}"),
        (Decimal("45.00"), f"work-order:{order.number}/2"),
    ]


def test_a_credit_for_a_paid_repair_goes_to_the_prepaid_balance(site, prices):
    order = order_in(site, "in_progress")
    order = resolve(site, order, MONDAY_10 + HOUR, [{"price_item_id": prices["tap"].pk}])
    order = rate(site, order, MONDAY_10 + 2 * HOUR)
    billing_services.payment_record(
        unit=order.unit, amount="45.00", method="cash", actor=site.cashier
    )
    tap = order.items.get()
    for n, action in enumerate(["reopen", "start"], start=3):
        order = step(site, order, action, MONDAY_10 + n * HOUR)
    order = resolve(
        site, order, MONDAY_10 + 5 * HOUR, [{"price_item_id": prices["seal"].pk}], [tap.pk]
    )
    step(site, order, "visit", MONDAY_10 + 6 * HOUR)
    held = billing_services.balances(order.unit_id)
    assert (held.owed, held.prepaid) == (Decimal("0.00"), Decimal("25.00"))


def test_withdrawing_an_item_the_order_does_not_charge_is_refused(site, prices):
    order = order_in(site, "in_progress")
    with pytest.raises(ValidationError) as refused:
        resolve(site, order, MONDAY_10 + HOUR, withdraw=[999999])
    assert "withdraw_item_ids" in refused.value.message_dict
    assert WorkOrder.objects.get(pk=order.pk).status == "in_progress"


def test_items_off_the_list_need_the_setting_and_a_supervisors_approval(site, prices):
    pipe = {"name": "Copper pipe", "unit": "m", "unit_price": "30.00", "quantity": "1.5"}
    order = order_in(site, "in_progress")
    with pytest.raises(ValidationError) as refused:
        resolve(site, order, MONDAY_10 + HOUR, [pipe])
    assert "items.0" in refused.value.message_dict
    assert not WorkOrderItem.objects.exists()

    DeskSettings.objects.create(community=site.community, off_list_items_allowed=True)
    order = resolve(site, order, MONDAY_10 + HOUR, [pipe, {"price_item_id": prices["tap"].pk}])
    order = rate(site, order, MONDAY_10 + 2 * HOUR)
    # accepted by the owner, but the pipe is not approved: nothing is charged yet
    [pending] = billing.statement(site.owner, order.unit_id).pending
    assert (pending.pending, pending.waiting_for) == (Decimal("90.00"), "approval")
    assert not Charge.objects.exists()
    for someone in (site.electrician, site.frontdesk, site.cashier, site.owner):
        with pytest.raises(PermissionDenied):
            services.work_order_approve_items(order=order, actor=someone)

    services.work_order_approve_items(order=order, actor=site.engineer, at=MONDAY_10 + 3 * HOUR)
    assert billing_services.balances(order.unit_id).owed == Decimal("90.00")
    assert billing.statement(site.owner, order.unit_id).pending == []
    with pytest.raises(InvalidTransition):
        services.work_order_approve_items(order=order, actor=site.engineer)


def test_approved_off_list_items_wait_for_the_owner_still(site):
    DeskSettings.objects.create(community=site.community, off_list_items_allowed=True)
    order = order_in(site, "in_progress")
    pipe = {"name": "Copper pipe", "unit": "m", "unit_price": "30.00", "quantity": "1"}
    order = resolve(site, order, MONDAY_10 + HOUR, [pipe])
    services.work_order_approve_items(order=order, actor=site.manager, at=MONDAY_10 + 2 * HOUR)
    [pending] = billing.statement(site.owner, order.unit_id).pending
    assert pending.waiting_for == "acceptance"


def test_the_repair_fee_item_reads_in_the_readers_language(site, prices):
    order = order_in(site, "in_progress")
    order = resolve(site, order, MONDAY_10 + HOUR, [{"price_item_id": prices["tap"].pk}])
    rate(site, order, MONDAY_10 + 2 * HOUR)
    item = Charge.objects.get().fee_item
    with translation.override("zh-hans"):
        assert item.label == "维修费"
    with translation.override("en"):
        assert item.label == "Repair charges"


# ---- the pages and the API -------------------------------------------------------------------


@pytest.fixture
def pending_repair(site, prices):
    order = order_in(site, "in_progress")
    return resolve(site, order, MONDAY_10 + HOUR, [{"price_item_id": prices["tap"].pk}])


def test_cashier_sees_the_pending_repair_apart_from_what_is_owed(client, site, pending_repair):
    client.force_login(site.cashier)
    home = site.units["owner_home"]
    page = client.get(reverse("billing:home", args=[site.community.pk, home.pk]))
    assert page.status_code == 200
    text = page.content.decode()
    link = reverse("servicedesk:order", args=[site.community.pk, pending_repair.pk])
    assert pending_repair.number in text and link in text
    assert page.context["balances"].owed == 0
    assert 'id="pending">¥45.00' in text
    statement = client.get(reverse("billing:statement", args=[site.community.pk, home.pk]))
    assert pending_repair.number in statement.content.decode()


def test_owner_sees_the_pending_repair_on_the_bills_page_in_chinese(client, site, pending_repair):
    client.force_login(site.owner)
    page = client.get(reverse("billing_portal:bills"), headers={"accept-language": "zh-hans"})
    text = page.content.decode()
    assert pending_repair.number in text
    assert "待确认" in text and "45.00" in text
    assert reverse("servicedesk_portal:order", args=[pending_repair.pk]) in text
    # not the neighbour's
    client.force_login(site.owner2)
    assert pending_repair.number not in client.get(reverse("billing_portal:bills")).text


def test_statement_api_lists_pending_repairs(client, site, pending_repair):
    from wuye.testing.api import bearer

    home = site.units["owner_home"]
    response = client.get(f"/api/v1/units/{home.pk}/statement", headers=bearer(site.owner))
    body = response.json()
    assert body["balance_due"] == "0.00" and body["pending_total"] == "45.00"
    assert body["pending"] == [
        {
            "work_order_id": pending_repair.pk,
            "work_order_number": pending_repair.number,
            "amount": "45.00",
            "waiting_for": "acceptance",
        }
    ]


# ---- the invariant -----------------------------------------------------------------------------

ROUNDS = st.lists(
    st.tuples(
        st.lists(st.sampled_from(["tap", "valve", "seal"]), max_size=3),  # items added
        st.lists(st.integers(min_value=0, max_value=5), max_size=3),  # positions withdrawn
    ),
    min_size=1,
    max_size=4,
)


@settings(
    max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(rounds=ROUNDS)
def test_what_is_posted_always_equals_the_current_items(site, prices, rounds):
    """Whatever rework adds and withdraws, once the owner accepts, the ledger holds exactly
    the sum of the order's current priced items: no edit, no loss, nothing twice."""
    order = order_in(site, "in_progress")
    at = MONDAY_10 + HOUR
    for n, (added, withdrawn) in enumerate(rounds):
        if n:
            for action in ("reopen", "start"):
                at += HOUR
                order = step(site, order, action, at)
        live = list(order.items.filter(removed_at__isnull=True).order_by("pk"))
        taken = sorted({live[i].pk for i in withdrawn if i < len(live)})
        at += HOUR
        order = resolve(site, order, at, [{"price_item_id": prices[k].pk} for k in added], taken)
        at += HOUR
        order = step(site, order, "visit", at)
        assert on_ledger(order) == current_items(order) == order.amount_owed
    bill = RepairBill.objects.filter(number=order.number).first()
    assert bill is None or bill.waiting_for == ""
