"""Former residents kept for a limited time: three years after the last move-out (or the
community's own period) their contact and ID data go, as an erasure request takes them,
while every amount and work order stays."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.db.models import Sum
from django.utils import timezone

from wuye.billing import services as billing
from wuye.billing.models import Charge, LedgerEntry, Payment
from wuye.billing.services.ledger import balances
from wuye.billing.tests.fixtures import billed_home
from wuye.core import retention
from wuye.core.models import RetentionPeriod
from wuye.core.tests.fixtures import file_bytes
from wuye.estates.models import Residency, Resident, Vehicle
from wuye.servicedesk.models import WorkOrder
from wuye.servicedesk.tests.fixtures import submit
from wuye.testing import factories as f

pytestmark = pytest.mark.django_db

FORMER = "former_residents"


def moved_out(person: Resident, *, days_ago: int) -> None:
    today = timezone.localdate()
    Residency.objects.filter(resident=person).update(
        start_date=today - timedelta(days=days_ago + 2000),
        end_date=today - timedelta(days=days_ago),
    )


@pytest.fixture
def zhang(site):
    """Zhang Wei, owner of 1-2-502, billed while he owned it, with a work order raised from
    the portal; he moved out 400 days ago, and Bordeaux Town keeps former residents a year."""
    zhang = site.residents["owner2"]
    people = {"owner": site.owner2, "unit": site.units["owner2_home"], "community": site.community}
    submit(site, people=people, contact_name=zhang.name, contact_phone=zhang.mobile)
    moved_out(zhang, days_ago=400)
    while_owned = timezone.localdate() - timedelta(days=450)
    billed_home(site.units["owner2_home"], site.manager, period=f"{while_owned:%Y-%m}")
    RetentionPeriod.objects.create(community=site.community, key=FORMER, days=365)
    return zhang


def paid_up(site) -> None:
    home = site.units["owner2_home"]
    billing.payment_record(
        unit=home, amount=balances(home.pk).owed, method="cash", actor=site.cashier
    )


def money() -> dict:
    return {
        "charges": Charge.objects.aggregate(total=Sum("amount"))["total"],
        "payments": Payment.objects.aggregate(total=Sum("amount"))["total"],
        "ledger": LedgerEntry.objects.aggregate(total=Sum("amount"))["total"],
        "rows": (Charge.objects.count(), Payment.objects.count(), LedgerEntry.objects.count()),
    }


def test_a_resident_gone_past_the_period_is_anonymised_and_every_amount_stays(site, zhang):
    paid_up(site)
    before, orders = money(), WorkOrder.objects.count()

    assert retention.purge()[FORMER] == 1

    zhang.refresh_from_db()
    assert zhang.name == f"Former resident #{zhang.pk}"
    assert (zhang.mobile, zhang.id_number_masked, zhang.emergency_phone) == ("", "", "")
    assert zhang.anonymised_at is not None
    assert not Vehicle.objects.filter(plate="新BD23456").exists()
    assert money() == before
    assert WorkOrder.objects.count() == orders
    assert not Payment.objects.filter(payer_name__contains="Zhang Wei").exists()
    order = WorkOrder.objects.get(reporter_user=zhang.user)
    assert order.contact_name == zhang.name
    owner = site.residents["owner"]
    owner.refresh_from_db()
    assert (owner.name, owner.mobile) == ("Wang Fang", "13912340001")


def test_a_second_purge_finds_nobody(site, zhang):
    paid_up(site)
    retention.purge()

    assert retention.purge()[FORMER] == 0


def test_a_former_resident_who_still_owes_is_kept(site, zhang):
    assert balances(site.units["owner2_home"].pk).owed > Decimal("0")

    assert retention.purge()[FORMER] == 0

    zhang.refresh_from_db()
    assert zhang.name == "Zhang Wei"


def test_a_recent_move_out_waits_for_the_communitys_period(site):
    tenant = site.residents["tenant"]
    moved_out(tenant, days_ago=400)

    assert retention.purge()[FORMER] == 0

    RetentionPeriod.objects.create(community=site.community, key=FORMER, days=365)
    assert retention.purge()[FORMER] == 1
    tenant.refresh_from_db()
    assert tenant.name == f"Former resident #{tenant.pk}"


def test_someone_who_moved_from_one_home_to_another_is_kept(site):
    owner = site.residents["owner"]
    moved_out(owner, days_ago=4 * 365)
    f.ResidencyFactory(unit=site.units["vacant_home"], resident=owner)

    assert retention.purge()[FORMER] == 0


@pytest.mark.parametrize("name", ["Ouyang Mingyue", "欧阳明月"])
def test_no_anonymised_name_is_left_in_the_database_file(file_database, name):
    home = f.UnitFactory()
    person = f.ResidentFactory(community=home.community, name=name, mobile="13700001111")
    f.ResidencyFactory(unit=home, resident=person)
    moved_out(person, days_ago=4 * 365)
    assert name.encode() in file_bytes(file_database)

    assert retention.purge()[FORMER] == 1

    on_disk = file_bytes(file_database)
    assert name.encode() not in on_disk
    assert b"13700001111" not in on_disk
