"""Inspections for tests: the engineering team, the office's daily inspection, a pump's
monthly check and the sweep's office inspection task."""

from __future__ import annotations

from datetime import date

from wuye.facilities.equipment.models import Equipment
from wuye.facilities.inspections import services
from wuye.servicedesk.models import Team, TeamMember

START = date(2026, 3, 2)  # a Monday


def engineering(site, community=None, *, technician=None, name="巡查组") -> Team:
    community = community or site.community
    team = Team.objects.create(community=community, name=f"{name} {community.code}")
    TeamMember.objects.create(team=team, user=technician or site.electrician)
    return team


def office_plan(site, team, community=None, **fields):
    return services.plan_from_template(
        actor=site.manager,
        community=community or site.community,
        template_key="office_daily",
        team=team,
        place=fields.pop("place", "客户中心"),
        starts_on=fields.pop("starts_on", START),
        **fields,
    )


def pump(site, community=None) -> Equipment:
    return Equipment.objects.create(
        community=community or site.community,
        code="PUMP-01",
        name="生活水泵 1 号",
        kind="water_pump",
        place="B1 水泵房",
        importance="A",
    )


def sweep_inspections(site, community=None, *, technician=None) -> dict:
    """An office inspection plan with an open task, for the access sweeps."""
    from wuye.facilities.maintenance.services import task_generate

    community = community or site.community
    plan = office_plan(
        site, engineering(site, community, technician=technician), community, starts_on=date.today()
    )
    task = task_generate(plan, date.today())
    return {"inspection_plan_id": plan.pk, "inspection_task_id": task.pk}


def good_answers(plan, *, failing: tuple[int, ...] = ()) -> list[tuple[int, object]]:
    """An answer to every item of the plan's checklist within range, but for the items at the
    given positions (1-based order), which fail."""
    answers = []
    for item in plan.items.all():
        bad = item.order in failing
        if item.kind == "yes_no":
            passing = "no" if item.failing_answer == "yes" else "yes"
            answers.append((item.pk, item.failing_answer if bad else passing))
        elif item.kind == "number":
            low, high = item.min_value, item.max_value
            if bad:
                value = (high + 1) if high is not None else (low - 1)
            else:
                value = low if low is not None else high
            answers.append((item.pk, str(value)))
        elif item.kind == "choice":
            ok = next(o for o in item.options if o != item.failing_answer)
            answers.append((item.pk, item.failing_answer if bad else ok))
        elif item.kind == "signature":
            answers.append((item.pk, "王师傅"))
    return answers
