"""The staff pages of the cars at the gate: listed, searched, opened, paid at the desk."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from wuye.core.models import AuditEntry
from wuye.security.parking.models import ParkingSettings

from .conftest import at

pytestmark = pytest.mark.django_db


def test_the_guard_finds_a_car_by_part_of_its_plate(client, site, drive):
    drive("in", "新A12345", at(2, 8))
    drive("in", "新B77777", at(2, 9))
    client.force_login(site.guard)
    url = reverse("security:parking_sessions", args=[site.community.pk])
    page = client.get(url, {"plate": "a123", "state": "open"})
    assert page.status_code == 200
    assert "新A12345" in page.content.decode() and "新B77777" not in page.content.decode()


def test_the_list_takes_the_same_queries_for_many_sessions(client, site, drive):
    client.force_login(site.guard)
    url = reverse("security:parking_sessions", args=[site.community.pk])
    drive("in", "新A10001", at(2, 8))
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for n in range(2, 15):
        drive("in", f"新A1{n:04d}", at(2, 8, n))
    with CaptureQueriesContext(connection) as many:
        client.get(url)
    assert len(many) == len(few)


def test_the_cashier_takes_the_fee_on_the_session_page(client, site, drive):
    drive("in", "新A12345", at(2, 8))
    shut = drive("out", "新A12345", at(2, 10, 30))
    client.force_login(site.cashier)
    url = reverse("security:parking_session", args=[site.community.pk, shut.session.pk])
    page = client.get(url)
    assert page.status_code == 200 and "data-owed" in page.content.decode()
    refused = client.post(url, {"amount": "999999", "method": "cash"})
    assert refused.status_code == 200 and not shut.session.payments.exists()
    taken = client.post(url, {"amount": "10", "method": "wechat_pay", "reference": "wx-1"})
    assert taken.status_code == 302
    assert shut.session.payments.get().amount == Decimal("10.00")


def test_residents_and_other_communities_are_refused(client, site, drive):
    entry = drive("in", "新A12345", at(2, 8))
    for user in (site.owner, site.other_manager, site.engineer):
        client.force_login(user)
        for url in (
            reverse("security:parking_sessions", args=[site.community.pk]),
            reverse("security:parking_session", args=[site.community.pk, entry.session.pk]),
        ):
            assert client.get(url).status_code in (403, 404)


def test_a_manager_changes_the_grace_days_audited(client, site):
    client.force_login(site.manager)
    url = reverse("security:parking_settings", args=[site.community.pk])
    assert client.get(url).status_code == 200
    answer = client.post(
        url,
        {
            "contract_grace_days": "7",
            "exit_grace_minutes": "15",
            "lost_ticket_fee": "60",
            "income_is_common": "on",
        },
    )
    assert answer.status_code == 302
    assert ParkingSettings.for_community(site.community.pk).contract_grace_days == 7
    assert AuditEntry.objects.filter(action="parking_settings.change").exists()
    client.force_login(site.guard)
    assert client.get(url).status_code == 403
