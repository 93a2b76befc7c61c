"""Today's exceptions on top of the manager's indicators: each a count linking to the list
that shows it, all clear at zero, and the same queries however many there are."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from wuye.billing.models import BillRun
from wuye.core.models import Role
from wuye.servicedesk import services
from wuye.servicedesk.models import SpotCheck, Status
from wuye.testing import factories as f

from .fixtures import order


def _dashboard(client, site, language="en") -> str:
    url = reverse("servicedesk_dashboard:dashboard", args=[site.community.pk])
    return client.get(url, HTTP_ACCEPT_LANGUAGE=language).content.decode()


def _complaint_today(site):
    return services.work_order_submit(
        actor=site.frontdesk,
        community=site.community,
        category="complaint",
        subcategory="noise",
        channel="hotline",
        description="Hammering upstairs every night",
        unit=site.units["owner_home"],
        at=timezone.now() - timedelta(minutes=5),
    )


def _exceptions(site, n: int) -> None:
    """`n` of each exception of today in Bordeaux Town, and one of each in the neighbouring
    community that must not count."""
    now = timezone.now()
    for _ in range(n):
        order(site, status=Status.DISPATCHED, created_at=now - timedelta(hours=5),
              next_due_at=now - timedelta(hours=1))  # fmt: skip
        _complaint_today(site)
        checked = order(site, closed_at=now - timedelta(days=2))
        SpotCheck.objects.create(
            order=checked, community=site.community, by=site.manager, passed=False,
            finding="Ceiling still stained", at=now - timedelta(days=1),
        )  # fmt: skip
        BillRun.objects.create(
            community=site.community, period="2026-01", created_at=now - timedelta(minutes=2)
        )
    order(site, community=site.other, unit=None, status=Status.DISPATCHED,
          next_due_at=now - timedelta(hours=1))  # fmt: skip
    BillRun.objects.create(community=site.other, period="2026-01", created_at=now - timedelta(1))


def _count(html: str, key: str) -> str:
    return html.split(f'data-exception="{key}" data-count="', 1)[1].split('"', 1)[0]


def test_the_manager_sees_todays_exceptions_counted_with_links_to_their_lists(site, client):
    _exceptions(site, 2)
    # Not exceptions: a complaint answered today, a passed check, a run just queued, a
    # failed check of last month.
    answered = _complaint_today(site)
    services.work_order_reply(
        order=answered, text="Spoken to upstairs", channel="phone", actor=site.frontdesk
    )
    closed = order(site, closed_at=timezone.now() - timedelta(days=2))
    SpotCheck.objects.create(order=closed, community=site.community, by=site.manager, passed=True)
    SpotCheck.objects.create(
        order=closed, community=site.community, by=site.manager, passed=False,
        at=timezone.now() - timedelta(days=30),
    )  # fmt: skip
    BillRun.objects.create(community=site.community, period="2026-02")
    client.force_login(site.manager)

    html = _dashboard(client, site)

    keys = ("breaches", "complaints", "spot_checks", "bill_runs")
    assert [_count(html, key) for key in keys] == ["2", "2", "2", "2"]
    cid = site.community.pk
    for link in (
        reverse("servicedesk:supervision", args=[cid]) + "#breaches",
        reverse("servicedesk:complaint_register", args=[cid]),
        reverse("servicedesk:supervision", args=[cid]) + "#failed-checks",
        reverse("billing:runs", args=[cid]),
    ):
        assert f'href="{link}"' in html
    assert html.index('id="sd-exceptions"') < html.index('data-indicator="response"')


def test_a_day_without_exceptions_shows_all_clear(site, client):
    client.force_login(site.manager)
    html = _dashboard(client, site, "zh-hans")
    assert html.count('data-count="0"') == 4
    assert html.count("一切正常") == 4


def test_the_lists_behind_the_counts_show_the_same_rows(site, client):
    _exceptions(site, 1)
    client.force_login(site.manager)
    cid = site.community.pk
    supervision = client.get(reverse("servicedesk:supervision", args=[cid])).content.decode()
    failed = supervision.split('id="failed-checks"', 1)[1].split("id=", 1)[0]
    assert "Ceiling still stained" in failed
    register = client.get(reverse("servicedesk:complaint_register", args=[cid])).content.decode()
    assert "Hammering upstairs every night" in register


def test_a_supervisor_without_billing_sees_no_bill_runs(site, client):
    security = f.UserFactory(username="security-supervisor")
    f.MembershipFactory(user=security, community=site.community, role=Role.SECURITY_SUPERVISOR)
    client.force_login(security)
    html = _dashboard(client, site)
    assert 'data-exception="breaches"' in html
    assert 'data-exception="bill_runs"' not in html
    # no reply register for them: the count links to the supervision page's complaints
    supervision = reverse("servicedesk:supervision", args=[site.community.pk])
    assert f'href="{supervision}#complaints"' in html


@pytest.mark.parametrize("more", [3])
def test_the_exceptions_cost_the_same_queries_however_many_there_are(site, client, more):
    _exceptions(site, 1)
    client.force_login(site.manager)
    _dashboard(client, site)
    with CaptureQueriesContext(connection) as few:
        _dashboard(client, site)
    _exceptions(site, more)
    with CaptureQueriesContext(connection) as many:
        _dashboard(client, site)
    assert len(many) == len(few)
