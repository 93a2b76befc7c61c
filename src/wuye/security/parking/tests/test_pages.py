"""The guard console and the parking overview: who may open them, what they do, and what
they cost in queries."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from wuye.core import policy
from wuye.core.models import AuditEntry
from wuye.security.parking import charts, queries
from wuye.security.parking.models import (
    ParkingPayment,
    ParkingSession,
    SessionKind,
    SessionStatus,
)

from .conftest import at

pytestmark = pytest.mark.django_db


def console_url(site):
    return reverse("security:parking_console", args=[site.community.pk])


def overview_url(site):
    return reverse("security:parking_overview", args=[site.community.pk])


STAFF = ["manager", "frontdesk", "engineer", "electrician", "guard", "cashier", "other_manager"]


@pytest.mark.parametrize("who", ["owner", "tenant", "landlord", *STAFF])
def test_the_console_opens_only_for_those_who_operate_the_gate(client, site, gate, who):
    user = getattr(site, who)
    client.force_login(user)
    response = client.get(console_url(site))
    if policy.has_perm(user, "parking.operate", site.community.pk):
        assert response.status_code == 200
        assert b'data-section="no_entry"' in response.content
    else:
        assert response.status_code == 403


def test_residents_and_the_technicians_do_not_operate_the_gate_and_the_guard_does(site):
    def operates(user):
        return policy.has_perm(user, "parking.operate", site.community.pk)

    assert operates(site.guard) and operates(site.manager)
    assert not any(operates(getattr(site, who)) for who in ["owner", "tenant", "electrician"])


@pytest.mark.parametrize("who", ["owner", "electrician", "other_manager"])
def test_those_who_do_not_operate_the_gate_may_not_post_to_the_console(client, site, drive, who):
    session = drive("in", "", at(2, 8)).session
    client.force_login(getattr(site, who))
    url = reverse("security:parking_plate_correct", args=[site.community.pk, session.pk])
    assert client.post(url, {"plate": "新A12345", "reason": "x"}).status_code == 403
    assert ParkingSession.objects.get().plate == ""


def test_the_console_lists_what_waits_and_finds_a_car_by_a_lookalike(client, site, drive):
    drive("in", "新A82345", at(2, 8))
    drive("in", "", at(2, 8, 5))
    drive("out", "新A77777", at(2, 9))
    client.force_login(site.guard)
    page = client.get(console_url(site)).content.decode()
    assert page.count("data-session=") == 2  # the unread entry and the exit with no entry
    found = client.get(console_url(site), {"plate": "AB2345"}).content.decode()
    assert 'data-list="found"' in found and "新A82345" in found


def test_a_plate_corrected_in_the_console_is_audited(client, site, drive):
    session = drive("in", "", at(2, 8)).session
    client.force_login(site.guard)
    url = reverse("security:parking_plate_correct", args=[site.community.pk, session.pk])
    response = client.post(url, {"plate": "新A12345", "reason": "Read off the car"}, follow=True)
    assert response.status_code == 200
    assert ParkingSession.objects.get().plate == "新A12345"
    assert AuditEntry.objects.filter(action="parking_session.plate_correct").count() == 1


def test_a_lost_ticket_without_reason_says_why_in_chinese_and_changes_nothing(client, site, drive):
    stray = drive("out", "新A12345", at(2, 10)).session
    client.force_login(site.guard)
    url = reverse("security:parking_lost_ticket", args=[site.community.pk, stray.pk])
    response = client.post(
        url, {"method": "cash", "reason": ""}, follow=True, HTTP_ACCEPT_LANGUAGE="zh-hans"
    )
    said = [str(message) for message in response.context["messages"]]
    assert said == ["原因：此项为必填项。"]
    assert not ParkingPayment.objects.exists()
    stray.refresh_from_db()
    assert stray.status == SessionStatus.EXCEPTION


def test_opening_a_barrier_from_the_console_is_audited(client, site, gate):
    client.force_login(site.guard)
    url = reverse("security:parking_barrier_open", args=[site.community.pk])
    client.post(url, {"gate": gate.pk, "reason": "Fire engine"})
    assert AuditEntry.objects.get(action="parking_gate.open").changes["reason"] == "Fire engine"


def test_a_barrier_of_another_community_cannot_be_opened(client, site, gate):
    from wuye.security.parking.models import Gate

    foreign = Gate.objects.create(community=site.other, code="X", name="X")
    client.force_login(site.guard)
    url = reverse("security:parking_barrier_open", args=[site.community.pk])
    client.post(url, {"gate": foreign.pk, "reason": "x"})
    assert not AuditEntry.objects.filter(action="parking_gate.open").exists()


def stays(site, count, start):
    for n in range(count):
        session = ParkingSession.objects.create(
            community=site.community,
            plate=f"新A{n:05d}",
            kind=[SessionKind.MONTHLY, SessionKind.TEMPORARY, SessionKind.VISITOR][n % 3],
            entered_at=start - timedelta(days=n % 20, hours=1),
            status=SessionStatus.INSIDE if n % 2 else SessionStatus.LEFT,
        )
        if session.kind == SessionKind.TEMPORARY:
            ParkingPayment.objects.create(
                session=session,
                amount=Decimal("7.50"),
                method="cash",
                at=start - timedelta(days=40 * (n % 5)),
            )


def test_the_overview_draws_its_charts_empty_and_with_data(client, site):
    client.force_login(site.manager)
    empty = client.get(overview_url(site)).content.decode()
    assert "No car came in these days" in empty and empty.count('<svg role="img"') == 6
    stays(site, 12, timezone.now())
    full = client.get(overview_url(site)).content.decode()
    assert full.count('<svg role="img"') == 6 and "No car came in these days" not in full
    assert 'data-stat="inside">6<' in full and 'data-stat="spaces">2<' in full


def test_the_overview_reads_with_a_fixed_number_of_queries(client, site):
    client.force_login(site.manager)
    client.get(overview_url(site))
    stays(site, 3, timezone.now())
    with CaptureQueriesContext(connection) as few:
        client.get(overview_url(site))
    stays(site, 60, timezone.now() - timedelta(minutes=5))
    with CaptureQueriesContext(connection) as many:
        client.get(overview_url(site))
    assert len(many) == len(few)


def test_the_console_reads_with_a_fixed_number_of_queries(client, site, drive):
    client.force_login(site.guard)
    drive("in", "", at(2, 8))
    client.get(console_url(site))
    with CaptureQueriesContext(connection) as few:
        client.get(console_url(site), {"plate": "新A12345"})
    for n in range(15):
        drive("in", "", at(2, 9, n))
        drive("out", f"新A1234{n % 10}", at(2, 10, n))
    with CaptureQueriesContext(connection) as many:
        client.get(console_url(site), {"plate": "新A12345"})
    assert len(many) == len(few)


def test_the_home_page_shows_the_cars_inside(client, site):
    stays(site, 6, timezone.now())
    client.force_login(site.guard)
    page = client.get(reverse("estates:overview", args=[site.community.pk])).content.decode()
    assert 'data-panel="parking_inside"' in page and 'data-stat="inside">3<' in page


def test_income_by_month_covers_twelve_months_and_sums_each(site):
    stays(site, 10, timezone.now())
    months = queries.parking_income_by_month(site.community.pk, timezone.localdate())
    assert len(months) == 12 and months[-1]["month"].month == timezone.localdate().month
    # every payment lies within the last 160 days: the twelve months hold them all
    total = sum(ParkingPayment.objects.values_list("amount", flat=True))
    assert sum(row["income"] for row in months) == total == Decimal("22.50")
    assert "<svg" in charts.income_by_month(months)
