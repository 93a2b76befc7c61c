"""The manager's dashboard: who sees it, what it shows, and that it costs the same queries
however many orders there are."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from wuye.core.models import Role
from wuye.servicedesk.models import Status, Team
from wuye.testing import factories as f

from .fixtures import NOV_2, order


def url(site, **params) -> str:
    query = "&".join(f"{k}={v}" for k, v in params.items())
    return f"/c/{site.community.pk}/service/dashboard/" + (f"?{query}" if query else "")


@pytest.fixture
def cs_supervisor(site):
    user = f.UserFactory(username="cs-supervisor")
    f.MembershipFactory(user=user, community=site.community, role=Role.CS_SUPERVISOR)
    return user


def test_manager_sees_the_figures_against_their_targets(site, client):
    hour = timedelta(hours=1)
    order(site, response_due_at=NOV_2 + hour, responded_at=NOV_2)
    order(site, response_due_at=NOV_2 + hour, responded_at=NOV_2 + 2 * hour)
    order(site, resolution_due_at=NOV_2 + hour, resolved_at=NOV_2)
    client.force_login(site.manager)

    response = client.get(url(site, period="month", on="2026-11-15"))

    assert response.status_code == 200
    html = response.content.decode()
    assert 'data-indicator="response" data-met="no"' in html
    assert 'data-indicator="resolution" data-met="yes"' in html
    assert "50.0 %" in html
    assert html.count("chart chart-wide") == 4
    assert "<script" not in html.split("</nav>", 1)[1].split("</main>")[0]


def test_cs_supervisor_sees_the_dashboard_and_the_menu_entry(site, client, cs_supervisor):
    client.force_login(cs_supervisor)

    response = client.get(url(site))

    assert response.status_code == 200
    assert url(site).encode() in response.content


@pytest.mark.parametrize("who", ["guard", "owner", "other_manager"])
def test_guards_owners_and_strangers_are_refused(site, client, who):
    client.force_login(getattr(site, who))

    response = client.get(url(site))

    assert response.status_code == 403


def test_front_desk_has_no_menu_entry_for_it(site, client):
    client.force_login(site.frontdesk)

    response = client.get(f"/c/{site.community.pk}/")

    assert url(site).encode() not in response.content


@pytest.mark.parametrize("period", ["month", "quarter", "year", "nonsense"])
def test_every_period_renders(site, client, period):
    order(site)
    client.force_login(site.manager)

    response = client.get(url(site, period=period, on="2026-11-15"))

    assert response.status_code == 200


def test_a_bad_day_falls_back_to_today(site, client):
    client.force_login(site.manager)

    response = client.get(url(site, on="2026-13-45"))

    assert response.status_code == 200


def test_the_dashboard_costs_the_same_queries_with_more_orders(site, client):
    engineering = Team.objects.create(community=site.community, name="Engineering")
    client.force_login(site.manager)
    order(site, team=engineering, resolved_at=NOV_2)
    page = url(site, period="year", on="2026-11-15")
    client.get(page)
    with CaptureQueriesContext(connection) as few:
        client.get(page)
    security = Team.objects.create(community=site.community, name="Security")
    for n in range(40):
        order(
            site,
            at=NOV_2 - timedelta(days=3 * n),
            team=[engineering, security, None][n % 3],
            category=["repair_home", "complaint", "enquiry", "repair_common"][n % 4],
            status=[Status.CLOSED, Status.SUBMITTED][n % 2],
            resolved_at=NOV_2,
        )
    with CaptureQueriesContext(connection) as many:
        response = client.get(page)

    assert response.status_code == 200
    assert len(many) == len(few)
