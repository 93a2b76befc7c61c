"""The technician's pages on the phone and the supervisor's: the task list, the checklist,
skipping, the plans, the readings chart and the breach on the home page."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import time_machine
from django.urls import reverse

from wuye.facilities.maintenance import services
from wuye.facilities.maintenance.models import TaskAnswer, TaskStatus
from wuye.servicedesk.models import WorkOrder

from .fixtures import START, good_answers

SHANGHAI = ZoneInfo("Asia/Shanghai")


def url(name, site, *args):
    return reverse(f"facilities:{name}", args=[site.community.pk, *args])


def form(items, pressure="0.45"):
    return {f"answer-{pk}": value for pk, value in good_answers(items, pressure)} | {
        "action": "complete"
    }


def test_the_technician_sees_his_teams_tasks_due_first(
    client, site, pump, django_assert_max_num_queries
):
    task = services.task_generate(pump["plan"], START)
    client.force_login(site.electrician)
    with django_assert_max_num_queries(25):
        page = client.get(url("maintenance_tasks", site))
    assert page.status_code == 200
    assert f'data-task="{task.pk}"' in page.text and "PUMP-01" in page.text
    client.force_login(site.guard)
    assert client.get(url("maintenance_tasks", site)).status_code == 403


def test_completing_the_checklist_with_a_high_pressure_raises_one_work_order(client, site, pump):
    task = services.task_generate(pump["plan"], START)
    client.force_login(site.electrician)
    page = client.get(url("maintenance_task", site, task.pk))
    assert 'data-form="checklist"' in page.text and 'data-form="skip"' not in page.text
    with time_machine.travel(datetime(2026, 1, 3, 10, tzinfo=SHANGHAI), tick=False):
        done = client.post(url("maintenance_task", site, task.pk), form(pump["items"], "0.95"))
    assert done.status_code == 302
    order = WorkOrder.objects.get()
    assert "PUMP-01" in order.description
    shown = client.get(url("maintenance_task", site, task.pk))
    assert f'data-work-order="{order.pk}"' in shown.text
    readings = client.get(url("maintenance_readings", site, pump["pump"].pk))
    assert readings.status_code == 200 and "<svg" in readings.text and "0.95" in readings.text


def test_a_bad_answer_is_shown_and_changes_nothing(client, site, pump):
    task = services.task_generate(pump["plan"], START)
    client.force_login(site.electrician)
    refused = client.post(url("maintenance_task", site, task.pk), form(pump["items"], "很高"))
    assert refused.status_code == 400 and "出水压力" in refused.text
    assert 'value="王师傅"' in refused.text  # what was typed is kept
    task.refresh_from_db()
    assert task.status == TaskStatus.OPEN and not TaskAnswer.objects.exists()


def test_the_supervisor_skips_with_a_reason_and_sees_the_plans(client, site, pump):
    task = services.task_generate(pump["plan"], START)
    client.force_login(site.engineer)
    client.post(url("maintenance_task", site, task.pk), {"action": "skip", "reason": "停水"})
    task.refresh_from_db()
    assert task.status == TaskStatus.SKIPPED and task.skipped_by == site.engineer
    plans = client.get(url("maintenance_plans", site))
    assert plans.status_code == 200 and "水泵月度保养" in plans.text
    client.force_login(site.electrician)
    assert client.get(url("maintenance_plans", site)).status_code == 403


def test_an_overdue_statutory_task_is_on_the_managers_home_page(client, site, pump):
    plan = pump["plan"]
    plan.statutory = True
    plan.save()
    task = services.task_generate(plan, START)
    client.force_login(site.manager)
    with time_machine.travel(datetime(2026, 1, 5, 9, tzinfo=SHANGHAI), tick=False):
        home = client.get(reverse("estates:overview", args=[site.community.pk]))
    assert f'data-breach="{task.pk}"' in home.text
    with time_machine.travel(datetime(2026, 1, 3, 9, tzinfo=SHANGHAI), tick=False):
        home = client.get(reverse("estates:overview", args=[site.community.pk]))
    assert 'data-panel="maintenance_breaches"' in home.text
    assert f'data-breach="{task.pk}"' not in home.text
    assert date(2026, 1, 3) == task.due_on


def test_another_communitys_equipment_has_no_readings_page(client, site, pump):
    client.force_login(site.engineer)
    other = reverse("facilities:maintenance_readings", args=[site.other.pk, pump["pump"].pk])
    assert client.get(other).status_code == 403


def test_the_supervisor_configures_plans_in_the_admin_and_the_technician_cannot(client, site, pump):
    changelist = reverse("admin:facilities_maintenanceplan_changelist")
    for user in (site.engineer, site.electrician):
        user.is_staff = True  # given the admin; the policy decides what they may do there
        user.save()
    client.force_login(site.engineer)
    assert "水泵月度保养" in client.get(changelist).text
    change = reverse("admin:facilities_maintenanceplan_change", args=[pump["plan"].pk])
    assert client.get(change).status_code == 200
    client.force_login(site.electrician)
    assert client.get(change).status_code == 403
