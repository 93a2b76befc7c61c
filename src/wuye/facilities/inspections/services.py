"""Inspection actions: make a plan and its checklist from a template, in one step."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from wuye.core import audit, policy

from ..maintenance.models import ChecklistItem, MaintenancePlan
from .models import PlanOrigin
from .templates import TEMPLATES

NAME_MAX_LENGTH = 100
PLACE_MAX_LENGTH = 200


@transaction.atomic
def plan_from_template(
    *,
    actor,
    community,
    template_key: str,
    starts_on: date,
    equipment=(),
    team=None,
    contractor: str = "",
    cadence: str | None = None,
    interval: int | None = None,
    name: str = "",
    place: str = "",
    statutory: bool | None = None,
    lead_days: int | None = None,
) -> MaintenancePlan:
    """A plan made from the template `template_key` with its checklist items, in the language
    active now. The cadence, interval, statutory flag and lead days default to the template's.
    Assigned to a team or a contractor; bad input changes nothing."""
    policy.require_perm(actor, "maintenance.configure", community.pk)
    template = TEMPLATES.get(template_key)
    if template is None:
        raise ValidationError({"template": [_("Choose one of the templates.")]})
    equipment = list(equipment)
    if any(e.community_id != community.pk for e in equipment):
        raise ValidationError({"equipment": [_("Choose equipment of this community.")]})
    plan = MaintenancePlan(
        community=community,
        name=(name or "").replace("\x00", "").strip() or str(template.name)[:NAME_MAX_LENGTH],
        purpose=template.purpose,
        cadence=cadence or template.cadence,
        interval=template.interval if interval is None else interval,
        starts_on=starts_on,
        team=team,
        contractor=(contractor or "").replace("\x00", "").strip(),
        place=(place or "").replace("\x00", "").strip(),
        statutory=template.statutory if statutory is None else statutory,
        lead_days=template.lead_days if lead_days is None else lead_days,
    )
    if plan.cadence == "fixed_dates":
        raise ValidationError({"cadence": [_("A template's plan runs on an interval.")]})
    plan.full_clean()
    plan.save()
    plan.equipment.set(equipment)
    items = [
        ChecklistItem(
            plan=plan,
            order=order,
            question=str(item.question)[:200],
            kind=item.kind,
            unit=item.unit,
            min_value=item.min_value,
            max_value=item.max_value,
            choices="\n".join(str(choice) for choice in item.choices),
            failing_answer=(
                str(item.choices[item.failing_choice])
                if item.failing_choice is not None
                else item.failing_answer
            ),
            required=item.required,
        )
        for order, item in enumerate(template.items, start=1)
    ]
    ChecklistItem.objects.bulk_create(items)
    PlanOrigin.objects.create(plan=plan, template=template.key)
    audit.record(
        actor=actor,
        action="inspections.plan_from_template",
        obj=plan,
        changes={
            "template": template.key,
            "cadence": plan.cadence,
            "interval": plan.interval,
            "equipment": [e.pk for e in equipment],
            "items": len(items),
        },
    )
    return plan
