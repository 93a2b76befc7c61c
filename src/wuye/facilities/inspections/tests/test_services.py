"""A plan from a template: every template makes a valid plan with its checklist that makes
tasks; the office's daily inspection speaks the maker's language; bad input changes nothing."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import translation

from wuye.core.models import AuditEntry
from wuye.facilities.inspections import services
from wuye.facilities.inspections.models import PlanOrigin
from wuye.facilities.inspections.templates import TEMPLATES
from wuye.facilities.maintenance import services as maintenance
from wuye.facilities.maintenance.models import ChecklistItem, MaintenancePlan, TaskStatus
from wuye.servicedesk.models import Team, WorkOrder

from .fixtures import START, good_answers, office_plan, pump


@pytest.mark.parametrize("key", list(TEMPLATES))
def test_every_template_makes_a_valid_plan_that_makes_its_tasks(site, team, key):
    template = TEMPLATES[key]
    plan = services.plan_from_template(
        actor=site.manager, community=site.community, template_key=key, team=team, starts_on=START
    )
    assert (plan.cadence, plan.interval, plan.purpose) == (
        template.cadence,
        template.interval,
        template.purpose,
    )
    assert plan.statutory == template.statutory
    assert PlanOrigin.objects.get(plan=plan).template == key
    items = list(plan.items.all())
    assert [i.order for i in items] == list(range(1, len(template.items) + 1))
    for item in items:
        item.full_clean()
    assert any(i.failing_answer or i.kind == "number" for i in items)
    task = maintenance.task_generate(plan, START)
    assert task is not None and task.occurrence == START
    done = maintenance.task_complete(
        actor=site.electrician, task=task, answers=good_answers(plan), at=None
    )
    assert done.task.status == TaskStatus.DONE and done.work_orders == []


def test_the_half_monthly_lift_plan_comes_every_15_days_one_open_task_at_a_time(site, team):
    plan = services.plan_from_template(
        actor=site.manager,
        community=site.community,
        template_key="lift_half_monthly",
        team=team,
        starts_on=date(2026, 1, 3),
    )
    first = maintenance.task_generate(plan, date(2026, 1, 3))
    assert maintenance.task_generate(plan, date(2026, 1, 18)) is None  # the first is open
    maintenance.task_complete(actor=site.electrician, task=first, answers=good_answers(plan))
    second = maintenance.task_generate(plan, date(2026, 1, 18))
    assert second.occurrence == date(2026, 1, 18) == first.occurrence + timedelta(days=15)


def test_the_office_inspection_is_the_hardware_checklist_in_the_makers_language(site, team):
    with translation.override("zh-hans"):
        plan = office_plan(site, team)
    questions = [i.question for i in plan.items.all()]
    assert plan.name == "办公区每日巡查" and plan.purpose == "inspection"
    assert "卫生间清洁干燥" in questions
    assert plan.place == "客户中心" and plan.equipment.count() == 0
    english = office_plan(site, team, name="Office")
    assert "Toilets clean and dry" in [i.question for i in english.items.all()]


def test_a_pump_reading_out_of_range_raises_a_work_order_for_the_pump(site, team):
    item = pump(site)
    plan = services.plan_from_template(
        actor=site.engineer,
        community=site.community,
        template_key="water_pump_monthly",
        equipment=[item],
        team=team,
        starts_on=START,
    )
    task = maintenance.task_generate(plan, START)
    done = maintenance.task_complete(
        actor=site.electrician, task=task, answers=good_answers(plan, failing=(1,))
    )
    order = WorkOrder.objects.get()
    assert done.work_orders == [order] and "PUMP-01" in order.description


def test_the_plan_is_audited(site, team):
    plan = office_plan(site, team)
    entry = AuditEntry.objects.get(action="inspections.plan_from_template")
    assert entry.object_id == str(plan.pk) and entry.changes["template"] == "office_daily"


@pytest.mark.parametrize(
    "change",
    [
        {"template_key": "no_such_template"},
        {"team": None},
        {"interval": 0},
        {"cadence": "fixed_dates"},
        {"name": "x" * 101},
        {"other_team": True},
        {"other_equipment": True},
    ],
)
def test_bad_input_is_refused_and_changes_nothing(site, team, change):
    arguments = {
        "actor": site.manager,
        "community": site.community,
        "template_key": "water_pump_monthly",
        "team": team,
        "starts_on": START,
    }
    if change.pop("other_team", False):
        arguments["team"] = Team.objects.create(community=site.other, name="外区")
    if change.pop("other_equipment", False):
        arguments["equipment"] = [pump(site, site.other)]
    arguments.update(change)
    with pytest.raises(ValidationError):
        services.plan_from_template(**arguments)
    assert not MaintenancePlan.objects.exists() and not ChecklistItem.objects.exists()


def test_a_technician_may_not_make_plans(site, team):
    with pytest.raises(PermissionDenied):
        services.plan_from_template(
            actor=site.electrician,
            community=site.community,
            template_key="office_daily",
            team=team,
            starts_on=START,
        )
    assert not MaintenancePlan.objects.exists()


def test_a_contractor_may_take_the_plan_instead_of_a_team(site):
    plan = services.plan_from_template(
        actor=site.manager,
        community=site.community,
        template_key="greenery_weekly",
        contractor="绿城园林",
        place="中心花园",
        starts_on=START,
    )
    assert plan.team is None and plan.contractor == "绿城园林"
