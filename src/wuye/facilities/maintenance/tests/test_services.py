from datetime import date, datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from wuye.facilities.equipment.models import EquipmentFault
from wuye.facilities.maintenance import queries, services
from wuye.facilities.maintenance.models import MaintenanceTask, TaskAnswer, TaskStatus
from wuye.servicedesk.models import WorkOrder

from .fixtures import START, good_answers

SHANGHAI = ZoneInfo("Asia/Shanghai")


def noon(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, 12, tzinfo=SHANGHAI)


def test_a_year_of_daily_runs_gives_the_calendar_and_one_open_task_at_a_time(site, pump):
    plan, items = pump["plan"], pump["items"]
    plan.lead_days = 0
    plan.save()
    day = date(2026, 1, 1)
    while day <= date(2026, 12, 31):
        with time_machine.travel(noon(day), tick=False):
            services.tasks_generate_all(day)
            services.tasks_generate_all(day)  # a second run the same day makes nothing
            assert plan.tasks.filter(status=TaskStatus.OPEN).count() <= 1
            for task in plan.tasks.filter(status=TaskStatus.OPEN, due_on=day):
                services.task_complete(
                    actor=site.electrician, task=task, answers=good_answers(items)
                )
        day += timedelta(days=1)
    dates = list(plan.tasks.order_by("occurrence").values_list("occurrence", flat=True))
    expected, d = [], START
    while d.year == 2026:
        expected.append(d)
        d += timedelta(days=15)
    assert dates == expected


def test_the_next_task_waits_for_the_open_one(site, pump):
    plan = pump["plan"]
    first = services.task_generate(plan, START)
    assert first.occurrence == START and first.due_on == START
    assert services.task_generate(plan, date(2026, 3, 1)) is None
    with pytest.raises(IntegrityError), transaction.atomic():
        MaintenanceTask.objects.create(
            plan=plan,
            community=site.community,
            occurrence=date(2026, 1, 18),
            due_on=date(2026, 1, 18),
        )


def test_a_floating_plan_counts_from_the_last_completion(site, pump):
    plan, items = pump["plan"], pump["items"]
    plan.schedule = "floating"
    plan.save()
    task = services.task_generate(plan, START)
    services.task_complete(
        actor=site.electrician, task=task, answers=good_answers(items), at=noon(date(2026, 1, 10))
    )
    assert services.task_generate(plan, date(2026, 1, 10)) is None  # 25 January is 15 days off
    following = services.task_generate(plan, date(2026, 1, 20))
    assert following.occurrence == date(2026, 1, 25)


def test_a_reading_beyond_its_maximum_raises_exactly_one_work_order(site, pump):
    task = services.task_generate(pump["plan"], START)
    answers = good_answers(pump["items"], pressure="0.82")
    done = services.task_complete(
        actor=site.electrician, task=task, answers=answers, at=noon(START)
    )
    assert len(done.work_orders) == 1
    order = done.work_orders[0]
    assert "PUMP-01" in order.description and "0.82" in order.description
    assert "PUMP-01" in order.location and order.priority == "urgent"
    reading = TaskAnswer.objects.get(task=task, item=pump["items"]["pressure"])
    assert reading.work_order == order and reading.failed and reading.equipment == pump["pump"]
    assert reading.number == Decimal("0.820")
    # the order is one of the pump's faults on the equipment register
    assert [f.work_order for f in EquipmentFault.objects.filter(equipment=pump["pump"])] == [order]
    # the client retries: the same task and the same order, nothing new
    again = services.task_complete(actor=site.electrician, task=task, answers=answers)
    assert [o.pk for o in again.work_orders] == [order.pk]
    assert WorkOrder.objects.filter(community=site.community).count() == 1
    assert TaskAnswer.objects.filter(task=task).count() == 4
    # different answers to a completed task are refused
    with pytest.raises(ValidationError):
        services.task_complete(
            actor=site.electrician, task=task, answers=good_answers(pump["items"])
        )


def test_a_failed_item_raises_its_own_work_order(site, pump):
    items = pump["items"]
    task = services.task_generate(pump["plan"], START)
    answers = [
        (items["pressure"].pk, "0.1"),
        (items["leak"].pk, "yes"),
        (items["noise"].pk, "严重异响"),
        (items["signature"].pk, "王师傅"),
    ]
    done = services.task_complete(actor=site.electrician, task=task, answers=answers)
    assert len(done.work_orders) == 3
    assert done.task.status == TaskStatus.DONE and done.task.completed_by == site.electrician


@pytest.mark.parametrize(
    ("key", "value"),
    [
        ("pressure", "abc"),
        ("pressure", "NaN"),
        ("pressure", "1e20"),
        ("leak", "maybe"),
        ("noise", "还行"),
        ("signature", "王" * 101),
        ("signature", ""),
    ],
)
def test_bad_answers_change_nothing(site, pump, key, value):
    items = pump["items"]
    task = services.task_generate(pump["plan"], START)
    answers = [(pk, value if pk == items[key].pk else v) for pk, v in good_answers(items)]
    with pytest.raises(ValidationError) as caught:
        services.task_complete(actor=site.electrician, task=task, answers=answers)
    assert caught.value.message_dict["answers"]
    task.refresh_from_db()
    assert task.status == TaskStatus.OPEN
    assert not TaskAnswer.objects.exists() and not WorkOrder.objects.exists()


def test_an_unknown_or_repeated_item_is_refused(site, pump):
    items = pump["items"]
    task = services.task_generate(pump["plan"], START)
    with pytest.raises(ValidationError):
        services.task_complete(
            actor=site.electrician, task=task, answers=[*good_answers(items), (999999, "x")]
        )
    with pytest.raises(ValidationError):
        services.task_complete(
            actor=site.electrician,
            task=task,
            answers=[*good_answers(items), (items["leak"].pk, "no")],
        )


def test_skipping_records_who_and_why_and_the_plan_moves_on(site, pump):
    plan = pump["plan"]
    task = services.task_generate(plan, START)
    with pytest.raises(ValidationError):
        services.task_skip(actor=site.engineer, task=task, reason="  ")
    with pytest.raises(PermissionDenied):  # a technician may not skip
        services.task_skip(actor=site.electrician, task=task, reason="停水")
    services.task_skip(actor=site.engineer, task=task, reason="全小区停水检修")
    task.refresh_from_db()
    assert task.status == TaskStatus.SKIPPED
    assert task.skipped_by == site.engineer and task.skip_reason == "全小区停水检修"
    assert services.task_generate(plan, date(2026, 1, 15)).occurrence == date(2026, 1, 18)


def test_a_statutory_task_open_past_its_date_is_a_breach(site, pump):
    plan = pump["plan"]
    plan.statutory = True
    plan.save()
    task = services.task_generate(plan, START)
    assert list(queries.statutory_overdue(site.community.pk, START)) == []
    assert list(queries.statutory_overdue(site.community.pk, START + timedelta(days=1))) == [task]


def test_a_technician_sees_his_teams_tasks_only(site, pump):
    task = services.task_generate(pump["plan"], START)
    assert list(queries.tasks_for(site.electrician, site.community.pk)) == [task]
    assert list(queries.tasks_for(site.engineer, site.community.pk)) == [task]
    assert list(queries.tasks_for(site.guard, site.community.pk)) == []
    pump["team"].members.update(active=False)
    assert list(queries.tasks_for(site.electrician, site.community.pk)) == []


def test_the_tasks_are_made_every_day_by_a_periodic_task():
    from wuye.core.schedule import discover

    found = {entry.name: entry.cron for entry in discover()}
    assert found["wuye.facilities.maintenance.tasks.generate_maintenance_tasks"] == "15 0 * * *"
