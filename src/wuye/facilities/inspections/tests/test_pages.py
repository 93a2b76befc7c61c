"""The inspections page by area with its failed items and their work orders, and the pass
rates as a chart and a table; the new plan from a template; the manager's home panel."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import time_machine
from django.urls import reverse

from wuye.facilities.inspections import services
from wuye.facilities.maintenance import services as maintenance
from wuye.facilities.maintenance.models import MaintenancePlan, TaskStatus
from wuye.servicedesk.models import WorkOrder

from .fixtures import START, good_answers, office_plan

SHANGHAI = ZoneInfo("Asia/Shanghai")


def url(name, site, *args):
    return reverse(f"facilities:{name}", args=[site.community.pk, *args])


def at(day, hour=10):
    return time_machine.travel(
        datetime(day.year, day.month, day.day, hour, tzinfo=SHANGHAI), tick=False
    )


def test_the_week_by_area_with_failures_and_their_work_orders(
    client, site, team, django_assert_max_num_queries
):
    plans = [
        office_plan(site, team),
        office_plan(site, team, name="二号楼大堂巡查", place="2 号楼大堂"),
        services.plan_from_template(
            actor=site.manager,
            community=site.community,
            template_key="cleaning_daily",
            contractor="洁美保洁",
            place="中心广场",
            starts_on=START,
        ),
    ]
    for day in range(3):
        for n, plan in enumerate(plans):
            task = maintenance.task_generate(plan, START + timedelta(days=day))
            if day < 2:
                failing = (7,) if (n, day) == (0, 1) else ()
                with at(START + timedelta(days=day)):
                    maintenance.task_complete(
                        actor=site.engineer, task=task, answers=good_answers(plan, failing=failing)
                    )
    order = WorkOrder.objects.get()
    client.force_login(site.manager)
    with at(START + timedelta(days=3)), django_assert_max_num_queries(30):
        page = client.get(url("inspections", site), {"span": "week", "day": "2026-03-04"})
    assert page.status_code == 200
    text = page.text
    assert 'data-area="客户中心"' in text and 'data-area="2 号楼大堂"' in text
    assert text.count('data-state="done"') == 6 and text.count('data-state="overdue"') == 3
    assert f'data-work-order="{order.pk}"' in text and "<svg" in text
    assert f'data-plan="{plans[0].pk}"' in text and "33.3 %" in text and "66.7 %" in text


def test_the_page_counts_the_same_queries_with_more_plans(
    client, site, team, django_assert_max_num_queries
):
    for n in range(6):
        plan = office_plan(site, team, name=f"巡查 {n}", place=f"区域 {n}")
        maintenance.task_generate(plan, START)
    client.force_login(site.engineer)
    with at(START), django_assert_max_num_queries(30):
        page = client.get(url("inspections", site), {"day": "2026-03-02"})
    assert page.status_code == 200 and page.text.count('data-state="open"') == 6


def test_who_may_see_the_inspections(client, site, team):
    for name, status in [("manager", 200), ("engineer", 200), ("electrician", 403), ("guard", 403)]:
        client.force_login(getattr(site, name))
        assert client.get(url("inspections", site)).status_code == status, name


def test_a_bad_day_or_window_shows_today(client, site, team):
    client.force_login(site.manager)
    for day in ("2026-02-30", "9999-12-31", "0001-01-01"):
        page = client.get(url("inspections", site), {"day": day, "window": "x", "span": "week"})
        assert page.status_code == 200, day


def test_a_plan_from_a_template_through_the_pages(client, site, team):
    client.force_login(site.engineer)
    plans = client.get(url("maintenance_plans", site))
    assert url("inspection_plan_new", site) in plans.text
    chooser = client.get(url("inspection_plan_new", site))
    assert 'data-template="office_daily"' in chooser.text and "lift_half_monthly" in chooser.text
    form = client.get(url("inspection_plan_new", site), {"template": "lift_half_monthly"})
    assert form.status_code == 200 and 'name="interval" value="15"' in form.text
    new = url("inspection_plan_new", site) + "?template=office_daily"
    made = client.post(
        new,
        {
            "name": "客户中心每日巡查",
            "cadence": "days",
            "interval": "1",
            "starts_on": "2026-03-02",
            "place": "客户中心",
            "team": team.pk,
            "lead_days": "1",
        },
    )
    assert made.status_code == 302
    plan = MaintenancePlan.objects.get()
    assert plan.purpose == "inspection" and plan.items.count() == 13
    refused = client.post(new, {"name": "x", "cadence": "days", "interval": "1", "lead_days": "1"})
    assert refused.status_code == 400 and MaintenancePlan.objects.count() == 1


def test_a_technician_may_not_make_a_plan(client, site):
    client.force_login(site.electrician)
    assert client.get(url("inspection_plan_new", site)).status_code == 403


def test_the_manager_is_told_when_the_office_inspection_is_not_done(client, site, team):
    plan = office_plan(site, team)
    task = maintenance.task_generate(plan, START)
    home = reverse("estates:overview", args=[site.community.pk])
    client.force_login(site.manager)
    with at(START, 18):
        page = client.get(home)
    assert f'data-undone="{task.pk}"' in page.text
    client.force_login(site.engineer)
    with at(START, 18):
        assert 'data-panel="office_inspection"' not in client.get(home).text
    with at(START, 9):
        maintenance.task_complete(actor=site.electrician, task=task, answers=good_answers(plan))
    assert task.__class__.objects.get(pk=task.pk).status == TaskStatus.DONE
    client.force_login(site.manager)
    with at(START, 18):
        assert 'data-panel="office_inspection"' not in client.get(home).text
