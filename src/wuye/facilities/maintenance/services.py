"""Maintenance actions: make the tasks due from the plans (whatever the roster says), complete
a task with its checklist's answers (raising a work order for each reading out of range or
failed item, once), and skip an occurrence with a reason."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal, InvalidOperation

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from wuye.core import audit, policy
from wuye.core.validators import conflict, not_found
from wuye.servicedesk.models import Category, Channel, Priority, WorkOrder
from wuye.servicedesk.services import work_order_submit

from ..equipment.models import Importance
from ..equipment.services import fault_link
from . import queries, schedule
from .models import (
    ChecklistItem,
    ItemKind,
    MaintenancePlan,
    MaintenanceTask,
    ScheduleKind,
    TaskAnswer,
    TaskStatus,
)

ANSWER_MAX_LENGTH = 500
SIGNATURE_MAX_LENGTH = 100
REASON_MAX_LENGTH = 500
NUMBER_LIMIT = Decimal("1e12")
YES, NO = "yes", "no"


# ---- making the tasks ---------------------------------------------------------------------


def next_date(plan: MaintenancePlan, last: MaintenanceTask | None) -> date | None:
    """The date of the plan's next task: on a fixed plan the calendar's next date after the
    last task's; on a floating one an interval after the last completion."""
    if last is None:
        return schedule.next_occurrence(
            cadence=plan.cadence,
            interval=plan.interval,
            starts_on=plan.starts_on,
            after=None,
            fixed_dates=plan.dates,
        )
    if plan.schedule == ScheduleKind.FLOATING and last.status == TaskStatus.DONE:
        done_on = timezone.localdate(last.completed_at)
        following = schedule.floating_next(
            cadence=plan.cadence, interval=plan.interval, done_on=done_on
        )
        # never on or before the last task's date: one task per plan and date
        return max(following, last.occurrence + timedelta(days=1))
    return schedule.next_occurrence(
        cadence=plan.cadence,
        interval=plan.interval,
        starts_on=plan.starts_on,
        after=last.occurrence,
        fixed_dates=plan.dates,
    )


def task_generate(plan: MaintenancePlan, today: date) -> MaintenanceTask | None:
    """The plan's next task, if none is open and its date is within the plan's lead days;
    making it twice makes nothing (one task per plan and date, one open per plan)."""
    if not plan.active or plan.tasks.filter(status=TaskStatus.OPEN).exists():
        return None
    last = plan.tasks.order_by("-occurrence").first()
    day = next_date(plan, last)
    if day is None or (day - today).days > plan.lead_days:
        return None
    try:
        with transaction.atomic():
            return MaintenanceTask.objects.create(
                plan=plan, community_id=plan.community_id, occurrence=day, due_on=day
            )
    except IntegrityError:  # made at the same moment by another worker
        return None


def tasks_generate_all(today: date) -> int:
    """Every active plan's next task that is due to be made (idempotent)."""
    made = 0
    for plan in MaintenancePlan.objects.filter(active=True).order_by("pk"):
        made += task_generate(plan, today) is not None
    return made


# ---- completing a task --------------------------------------------------------------------


@dataclass
class Completion:
    task: MaintenanceTask
    work_orders: list[WorkOrder]


@dataclass
class _Checked:
    item: ChecklistItem
    value: str
    number: Decimal | None
    failed: bool
    photo: object = None


def _check(item: ChecklistItem, raw, photo=None) -> _Checked:
    """One answer, checked against its item: a clear ValidationError naming the item when it
    does not fit."""

    def refuse(message: str):
        raise ValidationError(
            {"answers": [_("%(item)s: %(problem)s") % {"item": item.question, "problem": message}]}
        )

    if item.kind == ItemKind.PHOTO:
        if photo is None:
            refuse(_("attach the photo on the task's page."))
        return _Checked(item, "", None, False, photo)
    if isinstance(raw, bool):
        text = YES if raw else NO
    elif isinstance(raw, int | float | Decimal):
        text = str(raw)
    else:
        text = str(raw if raw is not None else "").replace("\x00", "").strip()
    if len(text) > ANSWER_MAX_LENGTH:
        refuse(_("keep it within %(n)s characters.") % {"n": ANSWER_MAX_LENGTH})
    if item.kind == ItemKind.NUMBER:
        try:
            number = Decimal(text)
        except InvalidOperation:
            refuse(_("enter a number."))
        if not number.is_finite() or abs(number) >= NUMBER_LIMIT:
            refuse(_("enter a number."))
        number = number.quantize(Decimal("0.001"))
        low, high = item.min_value, item.max_value
        failed = (low is not None and number < low) or (high is not None and number > high)
        return _Checked(item, f"{number.normalize():f}", number, failed)
    if item.kind == ItemKind.YES_NO:
        answer = {"yes": YES, "no": NO, "true": YES, "false": NO, "是": YES, "否": NO}.get(
            text.lower()
        )
        if answer is None:
            refuse(_("answer yes or no."))
        return _Checked(
            item, answer, None, bool(item.failing_answer) and answer == item.failing_answer
        )
    if item.kind == ItemKind.CHOICE:
        if text not in item.options:
            refuse(_("choose one of: %(options)s.") % {"options": "、".join(item.options)})
        return _Checked(item, text, None, bool(item.failing_answer) and text == item.failing_answer)
    if item.kind == ItemKind.SIGNATURE and len(text) > SIGNATURE_MAX_LENGTH:
        refuse(_("keep the name within %(n)s characters.") % {"n": SIGNATURE_MAX_LENGTH})
    return _Checked(item, text, None, False)


def _checked_answers(task: MaintenanceTask, answers, photos) -> list[_Checked]:
    items = {item.pk: item for item in task.plan.items.select_related("equipment")}
    given: dict[int, object] = {}
    for item_id, value in answers:
        if item_id not in items:
            raise ValidationError(
                {
                    "answers": [
                        not_found(_("Item %(id)s is not on this checklist.") % {"id": item_id})
                    ]
                }
            )
        if item_id in given:
            raise ValidationError(
                {"answers": [_("Item %(id)s is answered twice.") % {"id": item_id}]}
            )
        given[item_id] = value
    checked = []
    missing = []
    for item in items.values():
        value = given.get(item.pk)
        photo = (photos or {}).get(item.pk)
        empty = photo is None and (value is None or (isinstance(value, str) and not value.strip()))
        if empty:
            if item.required:
                missing.append(item.question)
            continue
        checked.append(_check(item, value, photo))
    if missing:
        raise ValidationError(
            {
                "answers": [
                    _("Answer every required item: %(items)s.") % {"items": "、".join(missing)}
                ]
            }
        )
    return checked


def _describe(task: MaintenanceTask, check: _Checked, equipment) -> tuple[str, str]:
    """The work order's description and place, naming the equipment."""
    item = check.item
    if check.number is not None:
        limits = item.range_text
        finding = _("reading %(value)s %(unit)s out of range (normal %(limits)s %(unit)s)") % {
            "value": check.value,
            "unit": item.unit,
            "limits": limits,
        }
    else:
        finding = _("failed: %(answer)s") % {"answer": check.value}
    names = "、".join(f"{e.code} {e.name}" for e in equipment) or task.plan.place
    description = _(
        "Maintenance task %(plan)s of %(day)s, %(item)s: %(finding)s. Equipment: %(equipment)s."
    ) % {
        "plan": task.plan.name,
        "day": task.occurrence.isoformat(),
        "item": item.question,
        "finding": finding,
        "equipment": names,
    }
    place = ""
    if equipment:
        first = equipment[0]
        parts = [f"{first.code} {first.name}", str(first.building or ""), first.floor, first.place]
        place = " ".join(p for p in parts if p)
    return description[:2000], (place or task.plan.place or task.plan.name)[:200]


def _equipment_of(task: MaintenanceTask, item: ChecklistItem) -> list:
    if item.equipment_id:
        return [item.equipment]
    return list(task.plan.equipment.all())


def _same_answers(task: MaintenanceTask, checked: list[_Checked]) -> bool:
    stored = {a.item_id: a.value for a in task.answers.all()}
    return stored == {c.item.pk: c.value for c in checked}


@transaction.atomic
def task_complete(
    *,
    actor,
    task: MaintenanceTask,
    answers: list[tuple[int, object]],
    photos: dict[int, object] | None = None,
    at: datetime | None = None,
) -> Completion:
    """Complete a task with its checklist's answers (by item id). Bad answers change nothing.
    Each reading beyond its limits and each failed item raises a work order linked to the
    equipment, once: sending the same answers again returns the task and the same orders."""
    at = at or timezone.now()
    task = (
        MaintenanceTask.objects.select_for_update()
        .select_related("plan", "community")
        .get(pk=task.pk)
    )
    policy.require_perm(actor, "maintenance.do", task.community_id)
    if not queries.tasks_for(actor, task.community_id).filter(pk=task.pk).exists():
        raise PermissionDenied(_("This task is another team's."))
    checked = _checked_answers(task, answers, photos)
    if task.status == TaskStatus.DONE:
        if _same_answers(task, checked):
            return Completion(task, _orders_of(task))
        raise ValidationError({"task": [conflict(_("This task is already completed."))]})
    if task.status != TaskStatus.OPEN:
        raise ValidationError({"task": [conflict(_("This task was skipped."))]})
    day = timezone.localdate(at)
    for check in checked:
        equipment = _equipment_of(task, check.item)
        answer = TaskAnswer.objects.create(
            task=task,
            item=check.item,
            equipment=equipment[0] if len(equipment) == 1 else None,
            value=check.value,
            number=check.number,
            failed=check.failed,
            read_on=day,
        )
        if check.photo is not None:
            answer.photo.save(check.photo.name, check.photo, save=False)
        if check.failed:
            description, location = _describe(task, check, equipment)
            important = any(e.importance == Importance.A for e in equipment)
            answer.work_order = work_order_submit(
                actor=actor,
                community=task.community,
                category=Category.REPAIR_COMMON,
                channel=Channel.PATROL,
                description=description,
                priority=Priority.URGENT if important else Priority.NORMAL,
                location=location,
                at=at,
            )
            if len(equipment) == 1:
                fault_link(actor=actor, equipment=equipment[0], work_order=answer.work_order, at=at)
        answer.save()
    task.status = TaskStatus.DONE
    task.completed_at, task.completed_by = at, actor
    task.save(update_fields=["status", "completed_at", "completed_by"])
    orders = _orders_of(task)
    audit.record(
        actor=actor,
        action="maintenance.complete",
        obj=task,
        changes={"answers": len(checked), "work_orders": [o.pk for o in orders]},
    )
    return Completion(task, orders)


def _orders_of(task: MaintenanceTask) -> list[WorkOrder]:
    ids = task.answers.filter(work_order__isnull=False).values("work_order_id")
    return list(WorkOrder.objects.filter(pk__in=ids).order_by("pk"))


@transaction.atomic
def task_skip(*, actor, task: MaintenanceTask, reason: str, at: datetime | None = None):
    """Skip an occurrence (跳过): who and why are kept; the plan's next task follows."""
    task = MaintenanceTask.objects.select_for_update().get(pk=task.pk)
    policy.require_perm(actor, "maintenance.skip", task.community_id)
    reason = (reason or "").replace("\x00", "").strip()
    if not reason:
        raise ValidationError({"reason": [_("Say why the occurrence is skipped.")]})
    if len(reason) > REASON_MAX_LENGTH:
        raise ValidationError(
            {"reason": [_("Keep it within %(n)s characters.") % {"n": REASON_MAX_LENGTH}]}
        )
    if task.status != TaskStatus.OPEN:
        raise ValidationError({"task": [conflict(_("Only an open task can be skipped."))]})
    task.status = TaskStatus.SKIPPED
    task.skipped_at, task.skipped_by, task.skip_reason = at or timezone.now(), actor, reason
    task.save(update_fields=["status", "skipped_at", "skipped_by", "skip_reason"])
    audit.record(actor=actor, action="maintenance.skip", obj=task, changes={"reason": reason})
    return task
