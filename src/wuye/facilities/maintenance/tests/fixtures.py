"""Maintenance for tests: the pump room's booster pump and its monthly checklist (a pressure
reading with its range, a yes-or-no, a choice, a note, a signature), assigned to the
engineering team the electrician is on."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from wuye.facilities.equipment.models import Equipment
from wuye.facilities.maintenance.models import ChecklistItem, MaintenancePlan
from wuye.servicedesk.models import Team, TeamMember

START = date(2026, 1, 3)


def pump_plan(site, community=None, *, technician=None, **fields) -> dict:
    community = community or site.community
    team = Team.objects.create(community=community, name=f"工程部 {community.code}")
    TeamMember.objects.create(team=team, user=technician or site.electrician)
    pump = Equipment.objects.create(
        community=community,
        code="PUMP-01",
        name="生活水泵 1 号",
        kind="water_pump",
        place="B1 水泵房",
        importance="A",
    )
    plan = MaintenancePlan.objects.create(
        community=community,
        name="水泵月度保养",
        cadence=fields.pop("cadence", "days"),
        interval=fields.pop("interval", 15),
        starts_on=fields.pop("starts_on", START),
        team=team,
        **fields,
    )
    plan.equipment.add(pump)
    items = {
        "pressure": ChecklistItem.objects.create(
            plan=plan,
            order=1,
            question="出水压力",
            kind="number",
            unit="MPa",
            min_value=Decimal("0.3"),
            max_value=Decimal("0.6"),
        ),
        "leak": ChecklistItem.objects.create(
            plan=plan, order=2, question="有无漏水", kind="yes_no", failing_answer="yes"
        ),
        "noise": ChecklistItem.objects.create(
            plan=plan,
            order=3,
            question="运行声音",
            kind="choice",
            choices="正常\n轻微异响\n严重异响",
            failing_answer="严重异响",
        ),
        "note": ChecklistItem.objects.create(
            plan=plan, order=4, question="备注", kind="text", required=False
        ),
        "signature": ChecklistItem.objects.create(
            plan=plan, order=5, question="保养人签名", kind="signature"
        ),
    }
    return {"team": team, "pump": pump, "plan": plan, "items": items}


def good_answers(items, pressure="0.45") -> list[tuple[int, object]]:
    return [
        (items["pressure"].pk, pressure),
        (items["leak"].pk, "no"),
        (items["noise"].pk, "正常"),
        (items["signature"].pk, "王师傅"),
    ]


def sweep_maintenance(site, community=None, *, technician=None) -> dict:
    """An open task of the pump plan, for the access sweeps."""
    from wuye.facilities.maintenance.services import task_generate

    found = pump_plan(site, community, technician=technician, starts_on=date.today())
    task = task_generate(found["plan"], date.today())
    return {
        "maintenance_task_id": task.pk,
        "maintenance_equipment_id": found["pump"].pk,
        "maintenance_answers": [
            {"item_id": pk, "value": value} for pk, value in good_answers(found["items"])
        ],
    }


def generator_plan(site, community=None, *, technician=None, **fields) -> dict:
    """The standby generator and its service every 500 run hours, whose checklist's first item
    reads the hour meter (feeding the counter), assigned to the electrician's team."""
    community = community or site.community
    team = Team.objects.create(community=community, name=f"配电组 {community.code}")
    TeamMember.objects.create(team=team, user=technician or site.electrician)
    generator = Equipment.objects.create(
        community=community,
        code="GEN-01",
        name="备用柴油发电机",
        kind="generator",
        place="B1 发电机房",
        importance="A",
    )
    plan = MaintenancePlan.objects.create(
        community=community,
        name="发电机 500 小时保养",
        trigger="usage",
        cadence="days",
        starts_on=START,
        usage_equipment=generator,
        counter="运行小时",
        usage_interval=fields.pop("usage_interval", 500),
        usage_baseline=fields.pop("usage_baseline", Decimal("0")),
        lead_days=fields.pop("lead_days", 3),
        team=team,
        **fields,
    )
    plan.equipment.add(generator)
    hours = ChecklistItem.objects.create(
        plan=plan,
        order=1,
        question="运行小时表读数",
        kind="number",
        unit="h",
        feeds_counter="运行小时",
    )
    oil = ChecklistItem.objects.create(
        plan=plan, order=2, question="更换机油", kind="yes_no", failing_answer="no"
    )
    return {"team": team, "generator": generator, "plan": plan, "hours": hours, "oil": oil}
