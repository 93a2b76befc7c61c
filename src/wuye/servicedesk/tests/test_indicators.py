"""The indicators on hand-made orders whose numerators and denominators are known."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from decimal import Decimal

import pytest

from wuye.servicedesk import tally
from wuye.servicedesk.indicators import period_bounds, service_indicators
from wuye.servicedesk.models import CallBack, Status, TallyMark, Team
from wuye.testing.api import bearer

from .fixtures import NOV_2, SHANGHAI, order

# Orders of November 2026 (from NOV_2); "now" is after every deadline.
NOW = datetime(2026, 12, 15, 9, 0, tzinfo=SHANGHAI)
NOVEMBER = (date(2026, 11, 1), date(2026, 12, 1))


def figures(site, now=NOW, period=NOVEMBER):
    result = service_indicators(site.community, *period, now=now)
    return result, {m.key: m for m in result.measures}


def test_deadlines_met_by_their_time_count_as_on_time(site):
    hour = timedelta(hours=1)
    order(site, response_due_at=NOV_2 + hour, responded_at=NOV_2 + hour)  # on time
    order(site, response_due_at=NOV_2 + hour, responded_at=NOV_2 + 2 * hour)  # late
    order(site, response_due_at=NOV_2 + hour, status=Status.SUBMITTED)  # passed, unmet: late
    order(site, response_due_at=NOW + hour, status=Status.SUBMITTED)  # not yet due: not counted
    order(site, response_due_at=NOV_2 + hour, status=Status.CANCELLED)  # cancelled: left out
    order(site)  # no target: not counted
    order(site, arrival_due_at=NOV_2 + hour, arrived_at=NOV_2)
    order(site, resolution_due_at=NOV_2 + hour, resolved_at=NOV_2 + 3 * hour)

    _result, m = figures(site)

    assert (m["response"].numerator, m["response"].denominator) == (1, 3)
    assert m["response"].value == Decimal("33.3")
    assert m["response"].target == Decimal("100")
    assert m["response"].met is False
    assert (m["arrival"].numerator, m["arrival"].denominator, m["arrival"].met) == (1, 1, True)
    assert (m["resolution"].numerator, m["resolution"].denominator) == (0, 1)


def test_call_back_rate_counts_resolved_repairs_and_complaints_called_back(site):
    called = order(site, resolved_at=NOV_2)
    twice = order(site, category="complaint", subcategory="noise", resolved_at=NOV_2)
    order(site, resolved_at=NOV_2)  # resolved, never called back
    order(site, category="enquiry", resolved_at=NOV_2)  # enquiries are not called back
    order(site, status=Status.IN_PROGRESS)  # not resolved yet
    for target, satisfied in [(called, True), (twice, False), (twice, True)]:
        CallBack.objects.create(
            order=target,
            community=site.community,
            at=NOV_2,
            by=site.frontdesk,
            satisfied=satisfied,
            method="phone",
        )

    _result, m = figures(site)

    assert (m["callback"].numerator, m["callback"].denominator) == (2, 3)
    assert (m["satisfaction"].numerator, m["satisfaction"].denominator) == (2, 3)
    assert m["satisfaction"].value == Decimal("66.7")
    assert m["satisfaction"].target == Decimal("80.00")
    assert m["satisfaction"].met is False


def test_same_home_and_subcategory_within_30_days_is_rework(site):
    order(site, at=NOV_2 - timedelta(days=20))  # October: the first leak, outside the period
    order(site, at=NOV_2)  # 20 days later, same home and subcategory: a repeat
    order(site, at=NOV_2 + timedelta(days=1), subcategory="electrical")  # other subcategory
    order(site, at=NOV_2 + timedelta(days=2), unit="owner2_home")  # other home
    order(site, at=NOV_2 + timedelta(days=3), unit="tenant_home", rework_count=1)  # sent back
    order(site, at=NOV_2 - timedelta(days=40), unit="vacant_home")
    order(site, at=NOV_2, unit="vacant_home")  # 40 days later: not a repeat
    order(site, at=NOV_2, unit=None, category="repair_common")  # common area: not counted
    order(site, at=NOV_2 + timedelta(days=4), status=Status.CANCELLED)  # cancelled: left out

    _result, m = figures(site)

    assert (m["rework"].numerator, m["rework"].denominator) == (2, 5)
    assert m["rework"].value == Decimal("40.0")
    assert m["rework"].bound == "max" and m["rework"].met is False


def test_cancelled_earlier_report_does_not_make_a_repeat(site):
    order(site, at=NOV_2 - timedelta(days=3), status=Status.CANCELLED)
    order(site, at=NOV_2)

    _result, m = figures(site)

    assert (m["rework"].numerator, m["rework"].denominator) == (0, 1)
    assert m["rework"].met is True


def test_complaints_are_counted_per_100_homes(site):
    for _ in range(3):
        order(site, category="complaint", subcategory="noise")
    order(site, category="complaint", at=NOV_2 - timedelta(days=10))  # October

    result, m = figures(site)

    assert result.homes == 4
    assert (m["complaints"].numerator, m["complaints"].denominator) == (3, 4)
    assert m["complaints"].value == Decimal("75.00")
    assert m["complaints"].met is None


def test_other_communities_and_other_periods_are_left_out(site):
    order(site, community=site.other, unit="other_home", resolved_at=NOV_2)
    order(site, at=datetime(2026, 12, 1, 0, 0, tzinfo=SHANGHAI), resolved_at=NOV_2)

    result, m = figures(site)

    assert result.total.counts["orders"] == 0
    assert all(m[key].value is None for key in m if key != "complaints")
    assert m["complaints"].value == Decimal("0.00")


def test_breakdowns_by_week_category_and_team_add_up_to_the_total(site):
    plumbers = Team.objects.create(community=site.community, name="Engineering")
    hour = timedelta(hours=1)
    order(site, team=plumbers, response_due_at=NOV_2 + hour, responded_at=NOV_2)
    order(site, at=NOV_2 + timedelta(days=7), response_due_at=NOV_2, responded_at=NOV_2 + hour)
    order(site, category="complaint", at=NOV_2 + timedelta(days=8))

    result = service_indicators(site.community, *NOVEMBER, now=NOW)

    # November 2026 touches six weeks (from Monday 26 October to Monday 30 November).
    assert [g.key for g in result.weeks][:3] == [
        date(2026, 10, 26),
        date(2026, 11, 2),
        date(2026, 11, 9),
    ]
    assert len(result.weeks) == 6
    response = {g.key: m.numerator for g, m in result.series(result.weeks, "response")}
    assert response[date(2026, 11, 2)] == 1 and response[date(2026, 11, 9)] == 0
    assert [g.key for g in result.categories] == ["repair_home", "complaint"]
    assert {str(g.label): g.tally.counts["orders"] for g in result.teams} == {
        "Engineering": 1,
        "No team": 2,
    }
    assert sum(g.tally.counts["orders"] for g in result.weeks) == 3


@pytest.mark.parametrize(
    ("kind", "day", "bounds"),
    [
        ("month", date(2026, 12, 5), (date(2026, 12, 1), date(2027, 1, 1))),
        ("quarter", date(2026, 11, 5), (date(2026, 10, 1), date(2027, 1, 1))),
        ("quarter", date(2026, 2, 5), (date(2026, 1, 1), date(2026, 4, 1))),
        ("year", date(2026, 2, 5), (date(2026, 1, 1), date(2027, 1, 1))),
    ],
)
def test_periods_are_calendar_months_quarters_and_years(kind, day, bounds):
    assert period_bounds(kind, day) == bounds


def test_the_number_of_queries_does_not_grow_with_orders(site, django_assert_max_num_queries):
    for n in range(30):
        order(site, at=NOV_2 + timedelta(hours=n), resolved_at=NOV_2)
    with django_assert_max_num_queries(5):
        service_indicators(site.community, *NOVEMBER, now=NOW)
    # From the daily summary for whole past days, with some days marked as changed.
    tally.refresh(today=date(2026, 12, 1))
    TallyMark.objects.create(community=site.community, day=date(2026, 11, 2))
    with django_assert_max_num_queries(9):
        service_indicators(site.community, *NOVEMBER, now=NOW)


# ---- the API ------------------------------------------------------------------------------


def indicators_url(site) -> str:
    return f"/api/v1/communities/{site.community.pk}/service-indicators"


def test_api_gives_the_figures_of_the_period_with_their_targets(site, client):
    hour = timedelta(hours=1)
    order(site, response_due_at=NOV_2 + hour, responded_at=NOV_2)
    order(site, response_due_at=NOV_2 + hour, responded_at=NOV_2 + 2 * hour)

    response = client.get(
        indicators_url(site),
        {"from": "2026-11-01", "to": "2026-11-30"},
        headers=bearer(site.manager),
    )

    assert response.status_code == 200
    body = response.json()
    assert (body["from"], body["to"], body["orders"]) == ("2026-11-01", "2026-11-30", 2)
    response_time = next(m for m in body["measures"] if m["key"] == "response")
    assert response_time["value"] == 50.0
    assert response_time["target"] == 100.0 and response_time["met"] is False
    assert [w["key"] for w in body["weeks"]][0] == "2026-10-26"


def test_api_refuses_a_period_that_ends_before_it_starts(site, client):
    response = client.get(
        indicators_url(site),
        {"from": "2026-11-30", "to": "2026-11-01"},
        headers=bearer(site.manager),
    )

    assert response.status_code == 400
    assert "to" in response.json()["errors"]


@pytest.mark.parametrize(
    ("who", "status"), [("guard", 403), ("owner", 403), ("other_manager", 404)]
)
def test_api_indicators_are_for_managers_and_supervisors(site, client, who, status):
    response = client.get(indicators_url(site), headers=bearer(getattr(site, who)))

    assert response.status_code == status
