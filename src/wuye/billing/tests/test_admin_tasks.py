"""Company administrators configure fees in the admin; the nightly late-fee task runs."""

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from wuye.billing.models import BillingSettings, EntryKind, LedgerEntry
from wuye.billing.runs.services import bill_run_start
from wuye.billing.tasks import assess_late_fees
from wuye.core.schedule import discover

from .fixtures import FeeItemFactory


@pytest.mark.parametrize(
    "model",
    [
        "feeitem",
        "billingsettings",
        "parkingcontract",
        "billrun",
        "charge",
        "payment",
        "ledgerentry",
    ],
)
def test_company_admin_opens_each_billing_list(client, site, model):
    FeeItemFactory(community=site.community)
    client.force_login(site.admin)
    assert client.get(reverse(f"admin:billing_{model}_changelist")).status_code == 200


def test_money_rows_cannot_be_added_in_the_admin(client, site):
    client.force_login(site.admin)
    assert client.get(reverse("admin:billing_payment_add")).status_code == 403
    assert client.get(reverse("admin:billing_ledgerentry_add")).status_code == 403


def test_late_fees_are_assessed_every_night_where_switched_on(site):
    names = {entry.name: entry.cron for entry in discover()}
    assert names["wuye.billing.tasks.assess_late_fees"] == "15 1 * * *"
    FeeItemFactory(community=site.community, start_date=date(2020, 1, 1))
    bill_run_start(community=site.community, period="2020-01", actor=site.manager, background=False)
    assert assess_late_fees.call() == 0
    BillingSettings.objects.create(community=site.community, late_fee_enabled=True)
    assert assess_late_fees.call() == 4
    fee = LedgerEntry.objects.filter(kind=EntryKind.LATE_FEE).first().amount
    assert fee == Decimal("23.64")  # capped at 30 % of 78.80
