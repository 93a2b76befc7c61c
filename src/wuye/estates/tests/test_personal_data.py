"""Personal-data requests: a copy of everything held about one resident, and deletion at
their request carried out as anonymisation that keeps every amount and work order."""

import json
import zipfile
from datetime import date
from decimal import Decimal
from io import BytesIO

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Sum
from django.urls import reverse
from openpyxl import load_workbook

from wuye.billing import services as billing
from wuye.billing.models import Charge, LedgerEntry, Payment
from wuye.billing.services.ledger import balances
from wuye.billing.tests.fixtures import billed_home
from wuye.core.models import AuditEntry, Role
from wuye.estates.models import ErasureRequest, Residency, Resident, Vehicle
from wuye.estates.personal_data import services
from wuye.servicedesk.models import WorkOrder
from wuye.servicedesk.tests.fixtures import submit
from wuye.testing import factories as f

ASKED = {"export-asked_by": "Zhang Wei in person, ID card checked", "export-reason": "PIPL §45"}


def url(name, site, *args):
    return reverse(f"estates:{name}", args=[site.community.pk, *args])


@pytest.fixture
def zhang(site):
    """Zhang Wei, owner of 1-2-502 since 2025, billed for January with a work order raised
    from the portal; his home still owes part of January."""
    zhang = site.residents["owner2"]
    Residency.objects.filter(resident=zhang).update(start_date=date(2025, 1, 1))
    billed_home(site.units["owner2_home"], site.manager)
    people = {
        "owner": site.owner2,
        "unit": site.units["owner2_home"],
        "community": site.community,
    }
    submit(site, people=people, contact_name=zhang.name, contact_phone=zhang.mobile)
    return zhang


def _moved_out_and_paid_up(site, zhang):
    home = site.units["owner2_home"]
    owed = balances(home.pk).owed
    billing.payment_record(unit=home, amount=owed, method="cash", actor=site.cashier)
    residency = Residency.objects.get(resident=zhang)
    residency.end_date = date.today()
    residency.save()


def _money():
    return {
        "charges": Charge.objects.aggregate(total=Sum("amount"))["total"],
        "payments": Payment.objects.aggregate(total=Sum("amount"))["total"],
        "ledger": LedgerEntry.objects.aggregate(total=Sum("amount"))["total"],
        "rows": (Charge.objects.count(), Payment.objects.count(), LedgerEntry.objects.count()),
    }


# ---- the copy of a person's data ------------------------------------------------------------


def _export(client, site, person, user=None):
    client.force_login(user or site.manager)
    return client.post(url("personal_data_export", site, person.pk), ASKED)


def test_the_export_holds_the_residents_data_and_not_a_neighbours(client, site, zhang):
    response = _export(client, site, zhang)

    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    archive = zipfile.ZipFile(BytesIO(response.content))
    text = archive.read("personal-data.json").decode()
    document = json.loads(text)
    order = WorkOrder.objects.get(reporter_user=site.owner2)
    payment = Payment.objects.get(unit=site.units["owner2_home"])
    for held in ["Zhang Wei", "13912340003", "新BD23456", order.number, payment.receipt_number]:
        assert held in text
    for neighbours in ["Wang Fang", "13912340001", "新B12345", "Li Na", "Liu Yang"]:
        assert neighbours not in text
    titles = [section["title"] for section in document["sections"]]
    assert {"Profile", "Homes", "Vehicles", "Bills", "Payments", "Work orders", "Votes"} <= set(
        titles
    )
    book = load_workbook(BytesIO(archive.read("personal-data.xlsx")), read_only=True)
    assert book.sheetnames == titles


def test_the_export_writes_the_full_id_number_and_is_audited(client, site):
    owner = site.residents["owner"]

    response = _export(client, site, owner)

    text = zipfile.ZipFile(BytesIO(response.content)).read("personal-data.json").decode()
    assert owner.reveal_id_number() in text
    entry = AuditEntry.objects.get(action="resident.personal_data_exported")
    assert entry.object_id == str(owner.pk)
    assert entry.changes == {"asked_by": ASKED["export-asked_by"], "reason": "PIPL §45"}


def test_an_export_without_who_asked_is_refused_and_leaves_no_trace(client, site):
    client.force_login(site.manager)

    response = client.post(
        url("personal_data_export", site, site.residents["owner"].pk), {"export-reason": "x"}
    )

    assert response.status_code == 400
    assert not AuditEntry.objects.filter(action="resident.personal_data_exported").exists()


@pytest.mark.parametrize("who", ["frontdesk", "guard", "cashier", "electrician"])
def test_front_desk_and_guard_may_not_handle_personal_data(client, site, who):
    owner = site.residents["owner"]
    client.force_login(getattr(site, who))

    assert client.get(url("personal_data", site, owner.pk)).status_code == 403
    assert client.post(url("personal_data_export", site, owner.pk), ASKED).status_code == 403
    assert client.get(url("erasure_requests", site)).status_code == 403
    assert not AuditEntry.objects.filter(action="resident.personal_data_exported").exists()


def test_a_manager_of_another_community_cannot_export_our_resident(client, site):
    response = _export(client, site, site.residents["owner"], user=site.other_manager)

    assert response.status_code == 403


def test_the_personal_data_page_opens_from_the_residents_page(client, site):
    client.force_login(site.manager)
    owner = site.residents["owner"]

    page = client.get(url("resident", site, owner.pk)).content.decode()
    assert url("personal_data", site, owner.pk) in page
    assert client.get(url("personal_data", site, owner.pk)).status_code == 200


# ---- deletion at the person's request ------------------------------------------------------


def _request(site, person):
    return services.erasure_request_record(
        actor=site.manager, resident=person, asked_by="In person", reason="Sold the flat"
    )


def test_anonymising_keeps_every_amount_and_removes_the_person(client, site, zhang):
    site.community.language = "zh-hans"
    site.community.save()
    _moved_out_and_paid_up(site, zhang)
    before = _money()
    request = _request(site, zhang)
    client.force_login(site.manager)

    response = client.post(url("erasure_request_carry_out", site, request.pk))

    assert response.status_code == 302
    assert _money() == before
    zhang.refresh_from_db()
    assert zhang.name == f"已注销住户 #{zhang.pk}"
    assert (zhang.mobile, zhang.id_number_masked, zhang.emergency_contact) == ("", "", "")
    assert not Vehicle.objects.filter(plate="新BD23456").exists()
    login = zhang.user
    login.refresh_from_db()
    assert not login.is_active and not login.has_usable_password()
    assert login.username != "owner2" and not login.first_name
    assert not Payment.objects.filter(payer_name__contains="Zhang Wei").exists()
    assert Payment.objects.filter(payer_name=zhang.name).count() == 2
    order = WorkOrder.objects.get(reporter_user=login)
    assert (order.contact_name, order.contact_phone) == (zhang.name, "")
    request.refresh_from_db()
    assert request.status == ErasureRequest.Status.CARRIED_OUT
    assert request.decided_by == site.manager
    assert AuditEntry.objects.filter(action="resident.anonymised", object_id=str(zhang.pk))


def test_a_person_still_living_in_a_home_is_not_anonymised(site):
    owner = site.residents["owner"]
    request = _request(site, owner)

    with pytest.raises(ValidationError) as refused:
        services.erasure_request_carry_out(actor=site.manager, request=request)

    assert "still lives in or owns 1-1-101" in " ".join(refused.value.messages)
    owner.refresh_from_db()
    assert owner.name == "Wang Fang" and owner.mobile == "13912340001"
    request.refresh_from_db()
    assert request.status == ErasureRequest.Status.REQUESTED


def test_a_person_who_owes_for_a_home_they_owned_is_not_anonymised(client, site, zhang):
    Residency.objects.filter(resident=zhang).update(end_date=date.today())
    owed = balances(site.units["owner2_home"].pk).owed
    request = _request(site, zhang)
    client.force_login(site.manager)

    response = client.post(url("erasure_request_carry_out", site, request.pk), follow=True)

    assert f"still owes ¥{owed}" in response.content.decode()
    zhang.refresh_from_db()
    assert zhang.name == "Zhang Wei"
    assert owed > Decimal("0")


def test_a_request_is_rejected_with_a_reason_and_the_person_stays(client, site, zhang):
    request = _request(site, zhang)
    client.force_login(site.manager)

    client.post(url("erasure_request_reject", site, request.pk), {"note": "Still owns the flat"})

    request.refresh_from_db()
    assert request.status == ErasureRequest.Status.REJECTED
    assert request.decision_note == "Still owns the flat"
    assert Resident.objects.get(pk=zhang.pk).name == "Zhang Wei"


def test_the_customer_service_supervisor_records_but_only_a_manager_carries_out(site, zhang):
    supervisor = f.UserFactory(username="supervisor")
    f.MembershipFactory(user=supervisor, community=site.community, role=Role.CS_SUPERVISOR)
    _moved_out_and_paid_up(site, zhang)
    request = services.erasure_request_record(
        actor=supervisor, resident=zhang, asked_by="By letter", reason="Moved abroad"
    )

    with pytest.raises(PermissionDenied):
        services.erasure_request_carry_out(actor=supervisor, request=request)


def test_the_deletion_requests_list_shows_open_requests(client, site, zhang):
    _request(site, zhang)
    client.force_login(site.manager)

    page = client.get(url("erasure_requests", site)).content.decode()

    assert "Zhang Wei" in page and "In person" in page
