"""Benchmark of the customer center (`wuye bench servicedesk`).

Loads the demo, then seeds `int(1_000_000 * scale)` work orders (and call-backs for most
resolved repairs and complaints) with set-based INSERT … SELECT statements, spread over ten
communities and two years. It prints:

- work orders created per second through the service layer (`work_order_submit`, each in its
  own transaction, as the front desk receives a phone call), beside a floor: the same rows
  (the day's counter, the order and its two timeline events) written by hand-written
  statements, one transaction each;
- the dashboard's indicators for Bordeaux Town over the last year (read from the daily
  summary for whole past days, live for yesterday and today), beside two floors: one
  hand-written SQL aggregate over the orders computing the same totals, and the same totals
  by hand-written SQL over the daily summary; the live computation is timed too. All must
  agree.

Targets (issue 3): at least 300 orders a second; the dashboard within 300 ms; each within 3×
of its floor.
"""

from __future__ import annotations

import time
from datetime import UTC, date, datetime, timedelta

from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import connection, transaction
from django.utils import timezone

from wuye.core.bench import Table, median_ms, timed
from wuye.core.models import Community
from wuye.core.services import community_create
from wuye.estates.models import Unit

from . import services
from .indicators import tally
from .indicators.queries import Indicators, service_indicators
from .models import TallyState, Team, WorkOrder

COMMUNITIES = 10
YEARS = 2
SUBMITS = 2000
CATEGORIES = (
    ["repair_home"] * 12
    + ["repair_common"] * 2
    + ["complaint"] * 2
    + ["enquiry"] * 2
    + ["suggestion", "concierge"]
)
SUBCATEGORIES = ("plumbing", "electrical", "leak", "heating", "doors_windows", "noise")


def _utc(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S")


class _Sql:
    """The few expressions that differ between PostgreSQL and SQLite."""

    def __init__(self):
        self.pg = connection.vendor == "postgresql"

    def series(self, n: int) -> str:
        if self.pg:
            return f"(SELECT g FROM generate_series(1::bigint, {n}) AS g) AS s"
        return (
            f"(WITH RECURSIVE s(g) AS (SELECT 1 UNION ALL SELECT g + 1 FROM s WHERE g < {n}) "
            "SELECT g FROM s) AS s"
        )

    def plus(self, base: str, seconds: str) -> str:
        if self.pg:
            return f"({base} + ({seconds}) * interval '1 second')"
        return f"strftime('%Y-%m-%d %H:%M:%S', {base}, '+' || ({seconds}) || ' seconds')"

    def moment(self, value: datetime) -> str:
        return f"'{_utc(value)}'::timestamptz" if self.pg else f"'{_utc(value)}'"

    def case_list(self, index: str, values) -> str:
        whens = " ".join(f"WHEN {n} THEN '{v}'" for n, v in enumerate(values))
        return f"(CASE {index} {whens} END)"


def _communities() -> list[Community]:
    home = Community.objects.get(code="BDX")
    rows = [home]
    for n in range(1, COMMUNITIES):
        rows.append(
            community_create(
                actor=None,
                company=home.company,
                code=f"B{n:02d}",
                name=f"Bench Garden {n}",
                service_level="1",
            )
        )
    return rows


def _seed(total: int, now: datetime) -> None:
    """`total` orders over the communities and the last two years, in one statement, then
    call-backs for most resolved repairs and complaints in another."""
    sql = _Sql()
    communities = _communities()
    home = communities[0]
    units = list(Unit.objects.filter(community=home).order_by("pk").values_list("pk", flat=True))
    teams = list(Team.objects.filter(community=home).order_by("pk").values_list("pk", flat=True))
    first_unit, unit_count = units[0], len(units)
    assert units[-1] - first_unit + 1 == unit_count, "the demo's homes have consecutive ids"
    span = YEARS * 365 * 86400
    start = sql.moment(now - timedelta(seconds=span))
    community = "(CASE g % {n} {w} END)".format(
        n=COMMUNITIES, w=" ".join(f"WHEN {i} THEN {c.pk}" for i, c in enumerate(communities))
    )
    in_home = f"(g % {COMMUNITIES} = 0 AND g % 20 < 12)"
    team = (
        "(CASE WHEN g % {n} = 0 THEN (CASE (g / 7) % {k} {w} END) END)".format(
            n=COMMUNITIES,
            k=len(teams),
            w=" ".join(f"WHEN {i} THEN {t}" for i, t in enumerate(teams)),
        )
        if teams
        else "NULL"
    )
    created = sql.plus(start, f"(g * 104729) % {span}")
    late_resolution = "((g * 7) % 30 > 24)"
    values = {
        "community_id": community,
        "number": "'S-' || g",
        "unit_id": f"(CASE WHEN {in_home} THEN {first_unit} + (g * 31) % {unit_count} END)",
        "location": "''",
        "contact_name": "''",
        "contact_phone": "''",
        "channel": "'hotline'",
        "category": sql.case_list("g % 20", CATEGORIES),
        "subcategory": sql.case_list("(g / 20) % 6", SUBCATEGORIES),
        "priority": "(CASE WHEN g % 10 = 0 THEN 'emergency' ELSE 'normal' END)",
        "description": "'Benchmark order'",
        "status": "(CASE WHEN g % 50 = 0 THEN 'cancelled' ELSE 'closed' END)",
        "status_before_hold": "''",
        "on_hold_seconds": "0",
        "team_id": team,
        "response_due_at": sql.plus(created, "1800"),
        "responded_at": sql.plus(created, "(g % 40) * 60"),
        "arrival_due_at": f"(CASE WHEN g % 10 = 0 THEN {sql.plus(created, '1800')} END)",
        "arrived_at": f"(CASE WHEN g % 10 = 0 THEN {sql.plus(created, '(g % 45) * 60')} END)",
        "resolution_due_at": sql.plus(created, "86400"),
        "resolved_at": sql.plus(created, "((g * 7) % 30) * 3600"),
        "closed_at": sql.plus(created, "((g * 7) % 30) * 3600 + 86400"),
        "sla_clocks": "'{}'",
        "escalation_level": f"(CASE WHEN {late_resolution} THEN 1 ELSE 0 END)",
        "result": "''",
        "rework_count": "(CASE WHEN g % 97 = 0 THEN 1 ELSE 0 END)",
        "amount_owed": "0",
        "owner_comment": "''",
        "chase_count": "0",
        "complainant_type": "''",
        "complaint_steps": "'[]'",
        "created_at": created,
        "updated_at": created,
    }
    columns = ", ".join(values)
    selected = ", ".join(values.values())
    by = get_user_model().objects.get(username="frontdesk").pk
    with transaction.atomic(), connection.cursor() as cursor:
        series = sql.series(total)
        cursor.execute(
            f"INSERT INTO servicedesk_workorder ({columns}) SELECT {selected} FROM {series}"
        )
        satisfied = "(o.id % 25 <> 0)"
        cursor.execute(
            "INSERT INTO servicedesk_callback (order_id, community_id, at, by_id, satisfied, "
            "score, method, note) SELECT o.id, o.community_id, "
            f"{sql.plus('o.resolved_at', '3600')}, {by}, {satisfied}, "
            f"CASE WHEN {satisfied} THEN 5 ELSE 2 END, 'phone', '' "
            "FROM servicedesk_workorder o WHERE o.number LIKE 'S-%%' AND o.id % 10 < 8 "
            "AND o.category IN ('repair_home', 'repair_common', 'complaint') "
            "AND o.status = 'closed'"
        )
    with connection.cursor() as cursor:
        # These tables only: a database-wide ANALYZE also waits for the shared catalogues.
        cursor.execute("ANALYZE servicedesk_workorder")
        cursor.execute("ANALYZE servicedesk_callback")


# ---- (a) creating orders ------------------------------------------------------------


def _submit_rate(n: int, now: datetime) -> float:
    home = Community.objects.select_related("standard").get(code="BDX")
    desk = get_user_model().objects.get(username="frontdesk")
    units = list(Unit.objects.filter(community=home).order_by("pk")[:200])
    start = time.perf_counter()
    for i in range(n):
        services.work_order_submit(
            actor=desk,
            community=home,
            category="repair_home",
            subcategory="plumbing",
            channel="hotline",
            description="The kitchen tap drips",
            unit=units[i % len(units)],
            at=now,
        )
    return n / (time.perf_counter() - start)


def _insert_rate(n: int, now: datetime) -> float:
    """The floor: the rows the service writes for each order, by hand-written statements in
    one transaction each: the day's counter (one upsert), the order with the same columns
    set, and its two events (submit, accept) in one INSERT."""
    home = Community.objects.get(code="BDX")
    desk = get_user_model().objects.get(username="frontdesk").pk
    unit = Unit.objects.filter(community=home).order_by("pk").values_list("pk", flat=True)[0]
    counter_sql = (
        "INSERT INTO servicedesk_workordercounter (community_id, day, last) VALUES (%s, %s, 1) "
        "ON CONFLICT (community_id, day) DO UPDATE SET last = servicedesk_workordercounter.last "
        "+ 1 RETURNING last"
    )
    order_sql = (
        "INSERT INTO servicedesk_workorder (community_id, number, unit_id, location, "
        "reporter_user_id, contact_name, contact_phone, channel, category, subcategory, "
        "priority, description, status, status_before_hold, on_hold_seconds, response_due_at, "
        "resolution_due_at, responded_at, next_due_at, warn_at, sla_started_at, sla_clocks, "
        "escalation_level, result, rework_count, amount_owed, owner_comment, chase_count, "
        "complainant_type, complaint_steps, created_at, updated_at) VALUES "
        "(%s, %s, %s, '', %s, '', '', 'hotline', 'repair_home', 'plumbing', 'normal', "
        "'The kitchen tap drips', 'accepted', '', 0, %s, %s, %s, %s, %s, %s, "
        '\'{"response": "service", "resolution": "24x7"}\', 0, \'\', 0, 0, \'\', 0, '
        "'', '[]', %s, %s) RETURNING id"
    )
    events_sql = (
        "INSERT INTO servicedesk_workorderevent (order_id, community_id, at, actor_id, action, "
        "from_status, to_status, note, data) VALUES "
        "(%s, %s, %s, %s, 'submit', '', 'submitted', '', '{\"channel\": \"hotline\"}'), "
        "(%s, %s, %s, %s, 'accept', 'submitted', 'accepted', '', '{}')"
    )
    adapt = connection.ops.adapt_datetimefield_value
    moment, due = adapt(now), adapt(now + timedelta(hours=24))
    day = connection.ops.adapt_datefield_value(timezone.localdate(now))
    start = time.perf_counter()
    for _ in range(n):
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(counter_sql, [home.pk, day])
            number = f"F-{cursor.fetchone()[0]}"
            cursor.execute(
                order_sql,
                [home.pk, number, unit, desk, due, due, moment, due, due, moment, moment, moment],
            )
            order_id = cursor.fetchone()[0]
            cursor.execute(events_sql, [order_id, home.pk, moment, desk] * 2)
    return n / (time.perf_counter() - start)


# ---- (b) the dashboard --------------------------------------------------------------


FLOOR_SQL = """
WITH repeats AS (
  SELECT id FROM (
    SELECT id, created_at,
      LAG(created_at) OVER (PARTITION BY unit_id, subcategory ORDER BY created_at, id)
        AS previous
    FROM servicedesk_workorder
    WHERE community_id = %(community)s AND unit_id IS NOT NULL AND status <> 'cancelled'
      AND category IN ('repair_home', 'repair_common')
      AND created_at >= %(repeat_start)s AND created_at < %(end)s
  ) w WHERE previous >= %(repeat)s
)
SELECT
  COUNT(*),
  SUM(CASE WHEN o.response_due_at IS NOT NULL AND o.status <> 'cancelled'
       AND (o.responded_at IS NOT NULL OR o.response_due_at < %(now)s) THEN 1 ELSE 0 END),
  SUM(CASE WHEN o.response_due_at IS NOT NULL AND o.status <> 'cancelled'
       AND o.responded_at <= o.response_due_at THEN 1 ELSE 0 END),
  SUM(CASE WHEN o.resolution_due_at IS NOT NULL AND o.status <> 'cancelled'
       AND (o.resolved_at IS NOT NULL OR o.resolution_due_at < %(now)s) THEN 1 ELSE 0 END),
  SUM(CASE WHEN o.resolution_due_at IS NOT NULL AND o.status <> 'cancelled'
       AND o.resolved_at <= o.resolution_due_at THEN 1 ELSE 0 END),
  SUM(CASE WHEN o.unit_id IS NOT NULL AND o.status <> 'cancelled'
       AND o.category IN ('repair_home', 'repair_common')
       AND (o.rework_count > 0 OR o.id IN (SELECT id FROM repeats)) THEN 1 ELSE 0 END),
  SUM(CASE WHEN o.category = 'complaint' THEN 1 ELSE 0 END)
FROM servicedesk_workorder o
WHERE o.community_id = %(community)s AND o.created_at >= %(start)s AND o.created_at < %(end)s
"""
CALLBACK_FLOOR_SQL = """
SELECT COUNT(*), SUM(CASE WHEN c.satisfied THEN 1 ELSE 0 END)
FROM servicedesk_callback c JOIN servicedesk_workorder o ON o.id = c.order_id
WHERE c.community_id = %(community)s AND c.at >= %(start)s
  AND o.created_at >= %(start)s AND o.created_at < %(end)s
"""


SUMMARY_FLOOR_SQL = """
SELECT SUM(orders), SUM(response_settled), SUM(response_met), SUM(resolution_settled),
  SUM(resolution_met), SUM(repeats), SUM(complaints), SUM(callbacks), SUM(satisfied)
FROM servicedesk_dailytally
WHERE community_id = %(community)s AND day >= %(first)s AND day <= %(through)s
"""
# The summarised days' orders with a deadline still unmet (the partial index holds them).
PENDING_FLOOR_SQL = """
SELECT 0, SUM(CASE WHEN response_due_at IS NOT NULL AND responded_at IS NULL
    AND response_due_at < %(now)s THEN 1 ELSE 0 END), 0,
  SUM(CASE WHEN resolution_due_at IS NOT NULL AND resolved_at IS NULL
    AND resolution_due_at < %(now)s THEN 1 ELSE 0 END), 0, 0, 0, 0, 0
FROM servicedesk_workorder
WHERE community_id = %(community)s AND created_at >= %(start)s AND created_at < %(end)s
  AND NOT (status = 'cancelled') AND ((responded_at IS NULL AND response_due_at IS NOT NULL)
  OR (arrival_due_at IS NOT NULL AND arrived_at IS NULL)
  OR (resolution_due_at IS NOT NULL AND resolved_at IS NULL))
"""


def _summary_floor(community: Community, start: date, end: date, now: datetime) -> tuple:
    """The same totals by hand-written SQL over the daily summary for the days it covers
    (the benchmark marks none), plus the unmet deadlines of those days and the raw aggregate
    for yesterday and today."""
    through = TallyState.objects.get().through
    aware = timezone.make_aware
    adapt = connection.ops.adapt_datetimefield_value
    split = aware(datetime.combine(through + timedelta(days=1), datetime.min.time()))
    params = {
        "community": community.pk,
        "first": start,
        "through": through,
        "start": adapt(aware(datetime.combine(start, datetime.min.time()))),
        "end": adapt(split),
        "now": adapt(now),
    }
    with connection.cursor() as cursor:
        cursor.execute(SUMMARY_FLOOR_SQL, params)
        summary = cursor.fetchone()
        cursor.execute(PENDING_FLOOR_SQL, params)
        pending = cursor.fetchone()
    live = _floor(community, through + timedelta(days=1), end, now)
    sums = zip(summary, pending, live, strict=True)
    return tuple(int(a or 0) + int(b or 0) + c for a, b, c in sums)


def _floor(community: Community, start: date, end: date, now: datetime) -> tuple:
    sql = _Sql()
    begin = timezone.make_aware(datetime.combine(start, datetime.min.time()))
    finish = timezone.make_aware(datetime.combine(end, datetime.min.time()))
    repeat = (
        "w.created_at - interval '30 days'"
        if sql.pg
        else "strftime('%%Y-%%m-%%d %%H:%%M:%%f', w.created_at, '-30 days')"
    )
    adapt = connection.ops.adapt_datetimefield_value
    params = {
        "community": community.pk,
        "start": adapt(begin),
        "repeat_start": adapt(begin - timedelta(days=30)),
        "end": adapt(finish),
        "now": adapt(now),
    }
    with connection.cursor() as cursor:
        cursor.execute(FLOOR_SQL.replace("%(repeat)s", repeat), params)
        orders = cursor.fetchone()
        cursor.execute(CALLBACK_FLOOR_SQL, params)
        callbacks = cursor.fetchone()
    return tuple(int(v or 0) for v in orders + callbacks)


def _ours(result: Indicators) -> tuple:
    c = result.total.counts
    return (
        c["orders"],
        c["response_due"],
        c["response_met"],
        c["resolution_due"],
        c["resolution_met"],
        c["repeats"],
        c["complaints"],
        c["callbacks"],
        c["satisfied"],
    )


def run(*, out, scale: float = 1.0) -> None:
    load_s, _ = timed(lambda: call_command("demo", verbosity=0))
    now = timezone.now()
    total = int(1_000_000 * scale)
    seed_s, _ = timed(lambda: _seed(total, now))
    orders = WorkOrder.objects.count()
    out.write(
        f"\nDemo loaded in {load_s:.1f} s; {total:,} orders seeded in {seed_s:.1f} s "
        f"({orders:,} in all, {COMMUNITIES} communities, {YEARS} years).\n"
    )
    summary_s, counts = timed(tally.refresh)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE servicedesk_dailytally")
    out.write(
        f"Daily summary of the indicators built in {summary_s:.1f} s "
        f"({counts['days']:,} days, {counts['rows']:,} rows); "
        "yesterday and today are read live.\n"
    )

    submits = max(200, min(SUBMITS, int(SUBMITS * scale * 10)))
    table = Table(out, f"Creating work orders ({submits:,} each)", "orders/s")
    floor = _insert_rate(submits, now)
    table.add("floor: hand-written SQL (counter, order, 2 events)", floor)
    service = _submit_rate(submits, now)
    table.add("work_order_submit (front desk, accepted)", service)
    table.print()
    out.write(
        f"target ≥ 300 orders/s: {'met' if service >= 300 else 'MISSED'}; "
        f"floor / service = {floor / service:.2f}× (target ≤ 3×)\n"
    )

    home = Community.objects.select_related("standard").get(code="BDX")
    today = timezone.localdate()
    start, end = today - timedelta(days=365), today + timedelta(days=1)
    result = service_indicators(home, start, end, now=now)
    floor_figures = _floor(home, start, end, now)
    if _ours(result) != floor_figures:
        raise AssertionError(f"indicators {_ours(result)} ≠ floor {floor_figures}")
    if _summary_floor(home, start, end, now) != floor_figures:
        raise AssertionError("the summary floor does not add up to the raw floor")
    live = service_indicators(home, start, end, now=now, live=True)
    if _ours(live) != floor_figures:
        raise AssertionError(f"live indicators {_ours(live)} ≠ floor {floor_figures}")
    runs = 7 if scale >= 0.5 else 11
    table = Table(
        out,
        f"Dashboard of Bordeaux Town, one year ({result.total.counts['orders']:,} orders)",
        "median ms",
    )
    table.add(
        "floor: hand-written SQL aggregate over orders",
        median_ms(lambda: _floor(home, start, end, now), runs=runs),
    )
    table.add(
        "floor: hand-written SQL over the daily summary",
        median_ms(lambda: _summary_floor(home, start, end, now), runs=runs),
    )
    table.add(
        "service_indicators, live from the orders",
        median_ms(
            lambda: service_indicators(home, start, end, now=now, live=True),
            runs=runs,
        ),
        floor="floor: hand-written SQL aggregate over orders",
    )
    dashboard = median_ms(lambda: service_indicators(home, start, end, now=now), runs=runs)
    table.add(
        "service_indicators (by week, category, team)",
        dashboard,
        floor="floor: hand-written SQL over the daily summary",
    )
    table.print()
    out.write(f"target ≤ 300 ms: {'met' if dashboard <= 300 else 'MISSED'}\n")
