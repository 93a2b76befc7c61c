"""The daily summary gives the indicators exactly as counting the orders themselves does."""

from __future__ import annotations

from datetime import datetime, time, timedelta
from itertools import count

import pytest
from django.db import transaction
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from wuye.core.schedule import discover
from wuye.servicedesk import services, tally
from wuye.servicedesk.indicators import service_indicators
from wuye.servicedesk.models import CallBack, DailyTally, Status, TallyMark, Team, WorkOrder

from .fixtures import step

pytestmark = pytest.mark.django_db

numbers = count(1)
UNITS = ("owner_home", "owner2_home", "tenant_home", None)
HOUR = timedelta(hours=1)


def figures(result) -> list:
    """Every count of the result: the total and each group of each breakdown."""
    return [
        result.total.counts,
        *[(g.key, g.tally.counts) for groups in (result.weeks, result.categories) for g in groups],
        *[(g.key, str(g.label), g.tally.counts) for g in result.teams],
    ]


def both_ways(site, start, end, now) -> tuple[list, list]:
    summary = service_indicators(site.community, start, end, now=now)
    live = service_indicators(site.community, start, end, now=now, live=True)
    return figures(summary), figures(live)


order_strategy = st.fixed_dictionaries(
    {
        "day": st.integers(min_value=-45, max_value=0),
        "hour": st.integers(min_value=0, max_value=23),
        "category": st.sampled_from(["repair_home", "repair_common", "complaint", "enquiry"]),
        "subcategory": st.sampled_from(["plumbing", "leak"]),
        "unit": st.sampled_from(UNITS),
        "status": st.sampled_from([Status.CLOSED, Status.CANCELLED, Status.DISPATCHED]),
        "team": st.sampled_from([None, 0, 1]),
        # Hours from receipt: (due, met); None where there is no deadline or it is unmet.
        "response": st.tuples(st.sampled_from([None, 1, 30]), st.sampled_from([None, 0, 2])),
        "arrival": st.tuples(st.sampled_from([None, 2]), st.sampled_from([None, 1, 5])),
        "resolution": st.tuples(st.sampled_from([None, 24, 400]), st.sampled_from([None, 3, 90])),
        "rework": st.sampled_from([0, 0, 1]),
        "escalated": st.sampled_from([0, 0, 1]),
        "callbacks": st.sampled_from([(), (True,), (False,), (False, True)]),
    }
)


def make_order(site, teams, spec) -> WorkOrder:
    today = timezone.localdate()
    at = timezone.make_aware(
        datetime.combine(today + timedelta(days=spec["day"]), time(spec["hour"]))
    )
    fields = {}
    for name, met_field in (
        ("response", "responded_at"),
        ("arrival", "arrived_at"),
        ("resolution", "resolved_at"),
    ):
        due, met = spec[name]
        fields[f"{name}_due_at"] = at + due * HOUR if due is not None else None
        fields[met_field] = at + met * HOUR if met is not None else None
    unit = spec["unit"]
    order = WorkOrder.objects.create(
        community=site.community,
        number=f"BDX-P-{next(numbers):06d}",
        unit=site.units[unit] if unit else None,
        location="" if unit else "Car park",
        channel="hotline",
        category=spec["category"],
        subcategory=spec["subcategory"],
        description="Test",
        status=spec["status"],
        team=teams[spec["team"]] if spec["team"] is not None else None,
        rework_count=spec["rework"],
        escalation_level=spec["escalated"],
        created_at=at,
        **fields,
    )
    for n, satisfied in enumerate(spec["callbacks"]):
        CallBack.objects.create(
            order=order,
            community=site.community,
            at=at + (n + 1) * HOUR,
            by=site.frontdesk,
            satisfied=satisfied,
            score=5 if satisfied else 2,
            method="phone",
        )
    return order


@settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    specs=st.lists(order_strategy, max_size=25),
    changed=st.lists(st.integers(min_value=0, max_value=24), max_size=4),
    first=st.integers(min_value=-40, max_value=0),
    length=st.integers(min_value=1, max_value=50),
    now_hours=st.integers(min_value=-48, max_value=48),
)
def test_summary_and_live_counts_agree_on_random_orders(
    site, specs, changed, first, length, now_hours
):
    with transaction.atomic():
        teams = [Team.objects.create(community=site.community, name=f"Team {n}") for n in range(2)]
        orders = [make_order(site, teams, spec) for spec in specs]
        today = timezone.localdate()
        start = today + timedelta(days=first)
        end = start + timedelta(days=length)
        now = timezone.now() + now_hours * HOUR

        # Nothing summarised yet, then summarised, then some orders changed afterwards
        # (their days marked, as every change through the services marks them).
        summary, live = both_ways(site, start, end, now)
        assert summary == live
        tally.refresh()
        assert DailyTally.objects.exists() == any(s["day"] <= -tally.LIVE_DAYS for s in specs)
        summary, live = both_ways(site, start, end, now)
        assert summary == live
        for n in changed:
            if n < len(orders):
                order = orders[n]
                WorkOrder.objects.filter(pk=order.pk).update(status=Status.CANCELLED, team=teams[0])
                tally.mark(order, following=True)
        summary, live = both_ways(site, start, end, now)
        assert summary == live
        tally.refresh()
        assert not TallyMark.objects.filter(day__lte=today - timedelta(days=2)).exists()
        summary, live = both_ways(site, start, end, now)
        assert summary == live
        transaction.set_rollback(True)


def test_changes_through_the_services_keep_the_summary_exact(site):
    """Orders received on earlier days and handled afterwards: each change marks its day,
    and the figures stay those of the orders, before and after the summary is refreshed."""
    today = timezone.localdate()
    start, end = today - timedelta(days=20), today + timedelta(days=1)

    def leak(days_ago: int) -> WorkOrder:
        return services.work_order_submit(
            actor=site.frontdesk,
            community=site.community,
            category="repair_home",
            subcategory="leak",
            channel="hotline",
            description="Water through the ceiling",
            unit=site.units["owner_home"],
            at=timezone.make_aware(datetime.combine(today - timedelta(days=days_ago), time(9))),
        )

    first, again = leak(15), leak(5)
    tally.refresh()
    assert not TallyMark.objects.filter(day__lte=today - timedelta(days=2)).exists()
    summary, live = both_ways(site, start, end, timezone.now())
    assert summary == live
    assert summary[0]["repeats"] == 1

    at = again.created_at
    for action in ("dispatch", "start", "resolve"):
        at += HOUR
        again = step(site, again, action, at)
    summary, live = both_ways(site, start, end, timezone.now())
    assert summary == live
    assert summary[0]["resolution_met"] == 1

    # Cancelling the first leak, ten days before, makes the second one no repeat.
    services.work_order_cancel(order=first, reason="Reported twice", actor=site.frontdesk)
    summary, live = both_ways(site, start, end, timezone.now())
    assert summary == live
    assert summary[0]["repeats"] == 0
    tally.refresh()
    summary, live = both_ways(site, start, end, timezone.now())
    assert summary == live
    assert summary[0]["repeats"] == 0


def test_the_summary_is_refreshed_every_five_minutes_and_summarises_each_day_once():
    crons = {entry.name: entry.cron for entry in discover()}
    assert crons["wuye.servicedesk.tasks.indicators_summary_refresh"] == "*/5 * * * *"
    first = tally.refresh()
    assert tally.refresh() == {"days": 0, "marked": 0, "rows": 0}
    assert first["days"] == 1
