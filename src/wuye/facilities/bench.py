"""`wuye bench facilities`: a year of preventive maintenance for 300 communities' plans.

Each community has eight plans of mixed cadences (two lifts every 15 days, two pumps monthly,
one of them floating, weekly and fortnightly rounds, a daily or three-daily inspection, fire
tests on fixed dates): about 100,000 task occurrences in a year. The year is run day by day
as in use: each morning `tasks_generate_all(day)` makes the tasks due, each evening the day's
tasks are completed in bulk so the next can be made. Only the generation is timed.

The floor, measured in the same run on a twin set of plans: the same rows, computed in
advance into an occurrence table, inserted day by day with one `INSERT … SELECT` each, the
same completions in between. The target is within 3× of the floor.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.db import connection, transaction
from django.utils import timezone

from wuye.core.bench import Table, timed
from wuye.core.models import Community, Company
from wuye.servicedesk.models import Team

from .maintenance.models import MaintenancePlan, MaintenanceTask, TaskStatus
from .maintenance.services import PLAN_FIELDS, _due, tasks_generate_all

YEAR_START, YEAR_END = date(2026, 1, 1), date(2026, 12, 31)
OCCURRENCES = "bench_maintenance_occurrence"


def _plans(community: Community, team: Team, n: int, active: bool) -> list[MaintenancePlan]:
    def plan(name, cadence, interval=1, starts=YEAR_START, **fields):
        return MaintenancePlan(
            community=community,
            name=name,
            cadence=cadence,
            interval=interval,
            starts_on=starts,
            team=team,
            active=active,
            **fields,
        )

    daily = 1 if n % 3 == 0 else 3
    return [
        plan("电梯 1 号半月保养", "days", 15, statutory=True),
        plan("电梯 2 号半月保养", "days", 15, YEAR_START + timedelta(days=7), statutory=True),
        plan("生活水泵月度保养", "months", 1, date(2026, 1, 31)),
        plan("消防水泵月度保养", "months", 1, date(2026, 1, 10), schedule="floating"),
        plan("设备房周巡检", "weeks", 1, lead_days=2),
        plan("配电房双周巡检", "weeks", 2, YEAR_START + timedelta(days=3)),
        plan("公区日常巡检", "days", daily, lead_days=0),
        plan(
            "消防联动测试",
            "fixed_dates",
            fixed_dates="2026-03-15\n2026-06-15\n2026-09-15\n2026-12-15",
            statutory=True,
        ),
    ]


def build(prefix: str, communities: int, *, active: bool) -> list[int]:
    """`communities` communities, each with its engineering team and eight plans."""
    company = Company.objects.create(name=f"Bench Facilities {prefix}")
    made = Community.objects.bulk_create(
        Community(company=company, code=f"{prefix}{n:04d}", name=f"Bench {prefix} {n}")
        for n in range(communities)
    )
    made = list(Community.objects.filter(company=company).order_by("pk"))
    teams = Team.objects.bulk_create(Team(community=c, name="工程部") for c in made)
    plans = [
        p for n, (c, t) in enumerate(zip(made, teams, strict=True)) for p in _plans(c, t, n, active)
    ]
    MaintenancePlan.objects.bulk_create(plans, batch_size=2000)
    return list(
        MaintenancePlan.objects.filter(community__company=company)
        .order_by("pk")
        .values_list("pk", flat=True)
    )


def _noon(day: date) -> datetime:
    return datetime.combine(day, time(12), tzinfo=ZoneInfo("Asia/Shanghai"))


def expected(plan_ids: list[int]) -> list[tuple[int, int, date, date, date]]:
    """The rows a year of use makes (plan, community, occurrence, due date, day made),
    computed plan by plan in memory with the same rules as the generation."""
    rows = []
    for plan in MaintenancePlan.objects.filter(pk__in=plan_ids).values(*PLAN_FIELDS):
        plan["trigger"] = "calendar"
        last, open_due = None, None
        day = YEAR_START
        while day <= YEAR_END:
            if open_due is None:
                due = _due(plan, last, None, day)
                if due is not None:
                    rows.append((plan["pk"], plan["community_id"], due[0], due[1], day))
                    open_due = due
            if open_due is not None and open_due[1] <= day:
                last = {
                    "occurrence": open_due[0],
                    "status": TaskStatus.DONE,
                    "completed_at": _noon(day),
                    "counter_value": None,
                }
                open_due = None
            day += timedelta(days=1)
    return rows


def _complete(day: date, plan_ids: tuple[int, int]) -> None:
    """The evening: every open task due by today is done."""
    MaintenanceTask.objects.filter(
        plan_id__gte=plan_ids[0], plan_id__lte=plan_ids[1], status=TaskStatus.OPEN, due_on__lte=day
    ).update(status=TaskStatus.DONE, completed_at=_noon(day))


def _days():
    day = YEAR_START
    while day <= YEAR_END:
        yield day
        day += timedelta(days=1)


def floor(rows, plan_ids: list[int]) -> float:
    """Seconds to insert the precomputed rows day by day with `INSERT … SELECT`."""
    table = connection.ops.quote_name(MaintenanceTask._meta.db_table)
    span = (plan_ids[0], plan_ids[-1])
    with connection.cursor() as cursor:
        cursor.execute(
            f"CREATE TABLE {OCCURRENCES} (plan_id integer, community_id integer, "
            "occurrence date, due_on date, made_on date)"
        )
        cursor.executemany(f"INSERT INTO {OCCURRENCES} VALUES (%s, %s, %s, %s, %s)", rows)
        cursor.execute(f"CREATE INDEX {OCCURRENCES}_made ON {OCCURRENCES} (made_on)")
        if connection.vendor == "postgresql":
            cursor.execute(f"ANALYZE {OCCURRENCES}")
    seconds = 0.0
    now = timezone.now()
    for day in _days():
        with transaction.atomic(), connection.cursor() as cursor:
            taken, _ = timed(
                lambda day=day: cursor.execute(
                    f"INSERT INTO {table} (plan_id, community_id, occurrence, due_on, status, "
                    "created_at, skip_reason) SELECT plan_id, community_id, occurrence, due_on, "
                    f"'open', %s, '' FROM {OCCURRENCES} WHERE made_on = %s",
                    [now, day],
                )
            )
            seconds += taken
            _complete(day, span)
    return seconds


def engine(plan_ids: list[int]) -> float:
    """Seconds `tasks_generate_all` takes over the year, day by day."""
    span = (plan_ids[0], plan_ids[-1])
    seconds = 0.0
    for day in _days():
        with transaction.atomic():
            taken, _ = timed(lambda day=day: tasks_generate_all(day))
            seconds += taken
            _complete(day, span)
    return seconds


def _made(plan_ids: list[int]) -> list[tuple]:
    return sorted(
        MaintenanceTask.objects.filter(plan_id__gte=plan_ids[0], plan_id__lte=plan_ids[-1])
        .order_by()
        .values_list("plan__name", "community__code", "occurrence", "due_on")
    )


def measure(out, scale: float = 1.0) -> dict[str, float]:
    communities = max(2, round(300 * scale))
    # the floor's twin plans are inactive: the generation leaves them alone
    floor_plans = build("MF", communities, active=False)
    engine_plans = build("ME", communities, active=True)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    rows = expected(floor_plans)
    floor_seconds = floor(rows, floor_plans)
    seconds = engine(engine_plans)
    made = _made(engine_plans)
    same = [(name, code[2:], *rest) for name, code, *rest in made] == [
        (name, code[2:], *rest) for name, code, *rest in _made(floor_plans)
    ]
    floor_name = "set-based SQL floor (INSERT … SELECT a day)"
    table = Table(
        out,
        f"Maintenance: {communities:,} communities, {len(engine_plans):,} plans, "
        f"{len(made):,} task occurrences in a year, made day by day",
        "seconds",
    )
    table.add(floor_name, floor_seconds)
    table.add("tasks_generate_all (a day at a time)", seconds, floor_name)
    table.print()
    out.write(
        f"occurrences: {len(made):,} made, {len(rows):,} in the floor "
        f"({'the same rows' if same else 'ROWS DIFFER'}); generation {seconds:.2f} s, "
        f"{len(made) / seconds:,.0f} rows/s; floor {floor_seconds:.2f} s, "
        f"{len(rows) / floor_seconds:,.0f} rows/s; ratio {seconds / floor_seconds:.2f}×\n"
    )
    return {
        "occurrences": len(made),
        "seconds": seconds,
        "floor_s": floor_seconds,
        "same": same,
    }


def run(*, out, scale: float) -> None:
    measure(out, scale)
