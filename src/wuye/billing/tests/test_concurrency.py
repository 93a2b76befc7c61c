"""What happens when two cashiers, two retries or two workers act at the same moment.

These need real concurrent transactions, so they run on PostgreSQL only (SQLite serialises
every write by itself), outside the per-test transaction, with one thread per actor.
"""

import json
from decimal import Decimal

import pytest
from django.test import Client

from wuye.billing import pricing, services
from wuye.billing.models import BillRun, Charge, LedgerEntry, Payment
from wuye.billing.runs import generate
from wuye.billing.runs.generate import bill_run_generate
from wuye.billing.runs.services import bill_run_resume, bill_run_start
from wuye.testing import factories as f
from wuye.testing.api import bearer
from wuye.testing.concurrency import POSTGRES_CONCURRENCY, at_once

from .fixtures import FeeItemFactory

pytestmark = POSTGRES_CONCURRENCY


@pytest.fixture
def billed(site):
    FeeItemFactory(community=site.community)
    bill_run_start(community=site.community, period="2026-01", actor=site.manager, background=False)
    return site


def test_two_requests_with_one_idempotency_key_take_one_payment(billed):
    site, headers = billed, bearer(billed.cashier)
    body = json.dumps({"unit_id": site.units["owner_home"].pk, "amount": "78.80", "method": "cash"})

    def send():
        response = Client().post(
            "/api/v1/payments",
            data=body,
            content_type="application/json",
            headers={**headers, "Idempotency-Key": "counter-2-0042"},
        )
        return response.status_code, response.json()

    first, second = at_once(send, send)
    assert sorted([first[0], second[0]]) == [200, 201]
    assert first[1] == second[1]
    assert Payment.objects.count() == 1
    assert LedgerEntry.objects.filter(kind="allocation").count() == 1


def test_cashiers_paying_at_once_never_share_a_receipt_number(billed):
    site = billed
    homes = [site.units[name] for name in ("owner_home", "owner2_home", "tenant_home")]
    homes += [f.UnitFactory(building=site.buildings[0], number=f"9{i}") for i in range(5)]
    bill_run_start(community=site.community, period="2026-02", actor=site.manager, background=False)

    def payer(home):
        return lambda: (
            services.payment_record(
                unit=home, amount=Decimal("10.00"), method="cash", actor=site.cashier
            )[0].receipt_number
        )

    numbers = at_once(*(payer(home) for home in homes))
    assert all(isinstance(n, str) for n in numbers), numbers
    assert sorted(int(n.rsplit("-", 1)[1]) for n in numbers) == list(range(1, len(homes) + 1))


def test_a_bill_run_killed_midway_and_resumed_equals_an_uninterrupted_one(site, monkeypatch):
    FeeItemFactory(community=site.community)
    for i in range(6):
        f.UnitFactory(building=site.buildings[1], number=f"8{i}")
    write, calls = generate._write_batch, {"n": 0}

    def dies_on_the_fourth_batch(*args):
        calls["n"] += 1
        if calls["n"] == 4:
            raise SystemExit("worker killed")
        write(*args)

    monkeypatch.setattr(generate, "_write_batch", dies_on_the_fourth_batch)
    run = BillRun.objects.create(community=site.community, period="2026-01")
    with pytest.raises(SystemExit):
        bill_run_generate(run=run, batch_size=2)
    assert Charge.objects.count() == 6  # three whole batches committed, nothing half-written
    monkeypatch.setattr(generate, "_write_batch", write)
    bill_run_resume(run=run, actor=site.manager)

    plans = pricing.plans_for(site.community, "2026-01")
    expected = {
        (c.unit_id, c.fee_item_id, c.amount)
        for c in pricing.charges_for(plans, pricing.homes_of(site.community), "2026-01", None)
    }
    assert set(Charge.objects.values_list("unit_id", "fee_item_id", "amount")) == expected
    assert LedgerEntry.objects.filter(kind="charge").count() == len(expected) == 10


def test_two_workers_running_one_period_at_once_write_each_charge_once(site):
    FeeItemFactory(community=site.community)
    for i in range(20):
        f.UnitFactory(building=site.buildings[0], number=f"7{i:02d}")
    runs = [BillRun.objects.create(community=site.community, period="2026-01") for _ in range(2)]
    results = at_once(
        *(lambda r=r: bill_run_generate(run=r, batch_size=3).charges_created for r in runs)
    )
    assert sum(results) == 24 == Charge.objects.count()
    assert LedgerEntry.objects.filter(kind="charge").count() == 24
