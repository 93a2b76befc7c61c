"""Usage-based plans: counter readings that only go up (unless the meter was replaced), a
checklist reading that feeds the counter, and a task made every N units of it."""

from datetime import date, datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from wuye.facilities.maintenance import counters, services
from wuye.facilities.maintenance.models import (
    CounterReading,
    MaintenancePlan,
    MaintenanceTask,
    TaskAnswer,
    TaskStatus,
)

from .fixtures import START, generator_plan

SHANGHAI = ZoneInfo("Asia/Shanghai")


def at(day: date, hour: int = 12) -> datetime:
    return datetime(day.year, day.month, day.day, hour, tzinfo=SHANGHAI)


@pytest.fixture
def gen(site):
    return generator_plan(site)


def read(site, gen, value, day, **kwargs):
    return counters.counter_reading_record(
        actor=site.electrician,
        equipment=gen["generator"],
        counter="运行小时",
        value=value,
        read_at=at(day),
        **kwargs,
    )


@time_machine.travel(at(date(2026, 6, 1)), tick=False)
def test_a_counter_only_goes_up_unless_the_meter_was_replaced(site, gen):
    first = read(site, gen, "100", date(2026, 1, 5), unit="h")
    assert (first.total, first.unit, first.source) == (Decimal("100"), "h", "manual")
    second = read(site, gen, "150.5", date(2026, 1, 6))
    assert second.total == Decimal("150.5") and second.unit == "h"
    with pytest.raises(ValidationError) as caught:
        read(site, gen, "120", date(2026, 1, 7))
    assert "lower than the last one" in caught.value.message_dict["value"][0]
    with pytest.raises(ValidationError):  # older than the last reading
        read(site, gen, "200", date(2026, 1, 5))
    with pytest.raises(ValidationError):  # in the future
        read(site, gen, "200", date(2026, 7, 1))
    for bad in ("abc", "-1", "NaN", "1e13", "1\x00"):
        with pytest.raises(ValidationError):
            read(site, gen, bad, date(2026, 1, 8))
    assert CounterReading.objects.count() == 2
    # a new meter starts low: the running total goes on from the old meter's
    replaced = read(site, gen, "3", date(2026, 1, 8), meter_replaced=True)
    assert replaced.meter_replaced and replaced.total == Decimal("150.5")
    after = read(site, gen, "53", date(2026, 1, 9))
    assert after.total == Decimal("200.5")


@time_machine.travel(at(date(2026, 6, 1)), tick=False)
def test_only_those_who_do_maintenance_record_a_reading(site, gen):
    with pytest.raises(PermissionDenied):
        counters.counter_reading_record(
            actor=site.guard, equipment=gen["generator"], counter="运行小时", value="1"
        )
    assert not CounterReading.objects.exists()


def test_a_usage_plan_makes_its_task_every_n_units(site, gen):
    plan = gen["plan"]
    day = date(2026, 2, 1)
    with time_machine.travel(at(day), tick=False):
        assert services.task_generate(plan, day) is None  # no reading yet
        read(site, gen, "499", day)
        assert services.tasks_generate_all(day) == 0
        read(site, gen, "512", day)
        assert services.tasks_generate_all(day) == 1
        assert services.tasks_generate_all(day) == 0  # one open task at a time
    task = plan.tasks.get()
    assert (task.occurrence, task.due_on) == (day, day + timedelta(days=3))
    assert task.counter_value == Decimal("512")
    answers = [(gen["hours"].pk, "530"), (gen["oil"].pk, "yes")]
    done_on = day + timedelta(days=1)
    services.task_complete(actor=site.electrician, task=task, answers=answers, at=at(done_on))
    fed = CounterReading.objects.get(source="maintenance")
    assert fed.value == Decimal("530") and fed.answer == TaskAnswer.objects.get(item=gen["hours"])
    with time_machine.travel(at(done_on, 15), tick=False):
        read(site, gen, "1011", done_on)
        assert services.task_generate(plan, done_on) is None  # 1011 < 512 + 500
        read(site, gen, "1012", done_on)
        following = services.task_generate(plan, done_on)
    assert following.counter_value == Decimal("1012") and following.occurrence == done_on


def test_a_feeding_answer_lower_than_the_counter_refuses_the_completion(site, gen):
    day = date(2026, 2, 1)
    with time_machine.travel(at(day), tick=False):
        read(site, gen, "600", day)
        task = services.task_generate(gen["plan"], day)
    with pytest.raises(ValidationError) as caught:
        services.task_complete(
            actor=site.electrician,
            task=task,
            answers=[(gen["hours"].pk, "590"), (gen["oil"].pk, "yes")],
            at=at(day, 14),
        )
    assert "运行小时表读数" in caught.value.message_dict["answers"][0]
    task.refresh_from_db()
    assert task.status == TaskStatus.OPEN and not TaskAnswer.objects.exists()
    assert CounterReading.objects.count() == 1


def test_a_usage_plan_needs_its_equipment_counter_and_interval(site, gen):
    plan = MaintenancePlan(
        community=site.community, name="空压机", trigger="usage", team=gen["team"], counter=" "
    )
    with pytest.raises(ValidationError) as caught:
        plan.full_clean()
    assert {"usage_equipment", "counter", "usage_interval"} <= set(caught.value.message_dict)
    assert "cadence" not in caught.value.message_dict
    plan.usage_equipment, plan.counter, plan.usage_interval = gen["generator"], "启动次数", 10000
    plan.full_clean()  # the calendar is not asked for
    plan.save()
    assert plan.cadence == "days" and plan.starts_on is not None
    calendar = MaintenancePlan(community=site.community, name="巡检", team=gen["team"])
    with pytest.raises(ValidationError) as caught:
        calendar.full_clean()
    assert {"cadence", "starts_on"} <= set(caught.value.message_dict)
    plan.community = site.other  # the generator is not of the other community
    with pytest.raises(ValidationError) as caught:
        plan.full_clean()
    assert "usage_equipment" in caught.value.message_dict


def _mixed_plans(site, community):
    from wuye.servicedesk.models import Team

    found = generator_plan(site, community, usage_interval=300)
    team = found["team"]
    plans = [found["plan"]]

    def plan(name, **fields):
        fields.setdefault("starts_on", START)
        plans.append(MaintenancePlan.objects.create(community=community, name=name, **fields))

    plan("电梯半月保养", cadence="days", interval=15, team=team, statutory=True)
    plan("水泵月保", cadence="months", interval=1, team=team, starts_on=date(2026, 1, 31))
    plan("风机浮动", cadence="weeks", interval=2, team=team, schedule="floating")
    plan("周巡检", cadence="weeks", interval=1, team=team, lead_days=0)
    plan("日巡检", cadence="days", interval=1, team=team, lead_days=0)
    plan("消防年检", cadence="fixed_dates", fixed_dates="2026-03-01\n2026-09-01", team=team)
    plan("外包清洗", cadence="months", interval=3, contractor="清洗公司", lead_days=20)
    plan("停用", cadence="days", interval=1, team=team, active=False)
    assert Team.objects.filter(community=community).exists()
    return found["generator"], plans


def test_the_set_based_generation_makes_the_same_tasks_as_plan_by_plan(site):
    other = site.other
    a_gen, a_plans = _mixed_plans(site, site.community)
    b_gen, b_plans = _mixed_plans(site, other)
    a_qs = MaintenancePlan.objects.filter(community=site.community)
    b_qs = MaintenancePlan.objects.filter(community=other)
    day, hours = date(2026, 1, 1), Decimal(0)
    while day <= date(2026, 12, 31):
        with time_machine.travel(at(day, 6), tick=False):
            hours += 37 if day.weekday() < 5 else 0
            for equipment in (a_gen, b_gen):
                counters.counter_reading_record(
                    actor=None,
                    equipment=equipment,
                    counter="运行小时",
                    value=hours,
                    check_perm=False,
                )
            services.tasks_generate_all(day, plans=a_qs)
            services.tasks_generate_each(day, plans=b_qs)
            # a year of use: the day's tasks are done (the floating one a day late)
            for community in (site.community, other):
                MaintenanceTask.objects.filter(
                    community=community, status="open", due_on__lte=day
                ).exclude(plan__schedule="floating", due_on=day).update(
                    status="done", completed_at=timezone.now()
                )
        day += timedelta(days=1)

    def made(plans):
        return [
            list(
                p.tasks.order_by("occurrence").values_list(
                    "occurrence", "due_on", "status", "counter_value"
                )
            )
            for p in plans
        ]

    a_made, b_made = made(a_plans), made(b_plans)
    assert a_made == b_made
    lift = a_made[1]
    assert len(lift) == 25 and all(
        row[0] - START == timedelta(days=15 * i) for i, row in enumerate(lift)
    )
    assert len(a_made[5]) == 363 and a_made[-1] == []
    assert len(a_made[0]) > 10  # the generator every 300 run hours
    assert sum(len(rows) for rows in a_made) > 500
