"""Maintenance actions: make the tasks due from the plans (whatever the roster says), complete
a task with its checklist's answers (raising a work order for each reading out of range or
failed item, once), and skip an occurrence with a reason."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal, InvalidOperation

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef, Subquery
from django.utils import timezone
from django.utils.translation import gettext as _

from wuye.core import audit, policy
from wuye.core.validators import conflict, not_found
from wuye.servicedesk.models import Category, Channel, Priority, WorkOrder
from wuye.servicedesk.services import work_order_submit

from ..equipment.models import Importance
from ..equipment.services import fault_link
from . import counters, queries, schedule
from .models import (
    ChecklistItem,
    CounterReading,
    ItemKind,
    MaintenancePlan,
    MaintenanceTask,
    ReadingSource,
    ScheduleKind,
    TaskAnswer,
    TaskStatus,
    Trigger,
    parse_dates,
)

ANSWER_MAX_LENGTH = 500
SIGNATURE_MAX_LENGTH = 100
REASON_MAX_LENGTH = 500
NUMBER_LIMIT = Decimal("1e12")
YES, NO = "yes", "no"


# ---- making the tasks ---------------------------------------------------------------------


PLAN_FIELDS = (
    "pk",
    "community_id",
    "trigger",
    "cadence",
    "interval",
    "starts_on",
    "fixed_dates",
    "schedule",
    "lead_days",
    "usage_interval",
    "usage_baseline",
)


def _calendar_next(plan: dict, last: dict | None) -> date | None:
    """The date of a calendar plan's next task: on a fixed plan the calendar's next date after
    the last task's; on a floating one an interval after the last completion."""
    dates = parse_dates(plan["fixed_dates"]) if plan["cadence"] == schedule.FIXED_DATES else ()
    if last is None:
        return schedule.next_occurrence(
            cadence=plan["cadence"],
            interval=plan["interval"],
            starts_on=plan["starts_on"],
            after=None,
            fixed_dates=dates,
        )
    if plan["schedule"] == ScheduleKind.FLOATING and last["status"] == TaskStatus.DONE:
        done_on = timezone.localdate(last["completed_at"])
        following = schedule.floating_next(
            cadence=plan["cadence"], interval=plan["interval"], done_on=done_on
        )
        # never on or before the last task's date: one task per plan and date
        return max(following, last["occurrence"] + timedelta(days=1))
    return schedule.next_occurrence(
        cadence=plan["cadence"],
        interval=plan["interval"],
        starts_on=plan["starts_on"],
        after=last["occurrence"],
        fixed_dates=dates,
    )


def _due(plan: dict, last: dict | None, total: Decimal | None, today: date):
    """The (occurrence, due date, counter value) of the plan's next task if it is to be made
    `today`, else None; the plan has no open task. A calendar plan's task is made its lead days
    before its date; a usage plan's when its counter's running total has gone `usage_interval`
    units past the last task's (or the plan's baseline), dated today and due its lead days on."""
    if plan["trigger"] == Trigger.USAGE:
        if total is None or (last is not None and last["occurrence"] >= today):
            return None
        since = plan["usage_baseline"]
        if last is not None and last["counter_value"] is not None:
            since = last["counter_value"]
        if total < since + plan["usage_interval"]:
            return None
        return today, today + timedelta(days=plan["lead_days"]), total
    day = _calendar_next(plan, last)
    if day is None or (day - today).days > plan["lead_days"]:
        return None
    return day, day, None


def _as_row(plan: MaintenancePlan) -> dict:
    return {field: getattr(plan, field) for field in PLAN_FIELDS}


def next_date(plan: MaintenancePlan, last: MaintenanceTask | None) -> date | None:
    """The date of a calendar plan's next task after `last` (or its first)."""
    return _calendar_next(_as_row(plan), _last_row(last))


def _last_row(last: MaintenanceTask | None) -> dict | None:
    if last is None:
        return None
    return {
        "occurrence": last.occurrence,
        "status": last.status,
        "completed_at": last.completed_at,
        "counter_value": last.counter_value,
    }


def _usage_total(plan) -> Decimal | None:
    if plan.trigger != Trigger.USAGE:
        return None
    reading = counters.latest(plan.usage_equipment_id, plan.counter)
    return reading.total if reading else None


def task_generate(plan: MaintenancePlan, today: date) -> MaintenanceTask | None:
    """The plan's next task, if none is open and it is due to be made today; making it twice
    makes nothing (one task per plan and date, one open per plan)."""
    if not plan.active or plan.tasks.filter(status=TaskStatus.OPEN).exists():
        return None
    last = plan.tasks.order_by("-occurrence").first()
    due = _due(_as_row(plan), _last_row(last), _usage_total(plan), today)
    if due is None:
        return None
    occurrence, due_on, counter_value = due
    try:
        with transaction.atomic():
            return MaintenanceTask.objects.create(
                plan=plan,
                community_id=plan.community_id,
                occurrence=occurrence,
                due_on=due_on,
                counter_value=counter_value,
            )
    except IntegrityError:  # made at the same moment by another worker
        return None


def tasks_generate_each(today: date, plans=None) -> int:
    """Every active plan's next task, plan by plan (the reference for `tasks_generate_all`)."""
    made = 0
    plans = MaintenancePlan.objects.all() if plans is None else plans
    for plan in plans.filter(active=True).order_by("pk"):
        made += task_generate(plan, today) is not None
    return made


def tasks_generate_all(today: date, plans=None) -> int:
    """Every active plan's next task that is due to be made, in a few queries for all plans:
    the plans without an open task, each with its last task and its counter's running total,
    then one insert that leaves out (under the unique constraints) any task another worker
    made meanwhile. Idempotent; the same tasks as `tasks_generate_each`."""
    tasks = MaintenanceTask.objects.filter(plan_id=OuterRef("pk"))
    reading = CounterReading.objects.filter(
        equipment_id=OuterRef("usage_equipment_id"), counter=OuterRef("counter")
    ).order_by("-read_at", "-pk")
    plans = MaintenancePlan.objects.all() if plans is None else plans
    rows = list(
        plans.filter(active=True)
        .filter(~Exists(tasks.filter(status=TaskStatus.OPEN)))
        .annotate(
            last_pk=Subquery(tasks.order_by("-occurrence").values("pk")[:1]),
            total=Subquery(reading.values("total")[:1]),
        )
        .order_by()
        .values(*PLAN_FIELDS, "last_pk", "total")
    )
    # each plan's last task, read by its key in one query
    lasts = {
        row["pk"]: row
        for row in MaintenanceTask.objects.filter(
            pk__in=[plan["last_pk"] for plan in rows if plan["last_pk"] is not None]
        )
        .order_by()
        .values("pk", "occurrence", "status", "completed_at", "counter_value")
    }
    made = []
    for plan in rows:
        last = lasts.get(plan["last_pk"])
        total = plan["total"] if plan["trigger"] == Trigger.USAGE else None
        due = _due(plan, last, total, today)
        if due is not None:
            made.append(
                MaintenanceTask(
                    plan_id=plan["pk"],
                    community_id=plan["community_id"],
                    occurrence=due[0],
                    due_on=due[1],
                    counter_value=due[2],
                )
            )
    if not made:
        return 0
    MaintenanceTask.objects.bulk_create(made, batch_size=2000, ignore_conflicts=True)
    return len(made)


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
        if check.item.feeds_counter and check.number is not None:
            _feed_counter(actor, task, check, answer, at)
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


def _feed_counter(actor, task: MaintenanceTask, check: _Checked, answer: TaskAnswer, at):
    """Record a reading that feeds a counter, of the item's equipment (or the usage plan's, or
    the plan's only one); a reading lower than the last refuses the whole completion."""
    item = check.item
    equipment = item.equipment or task.plan.usage_equipment
    if equipment is None:
        named = list(task.plan.equipment.all())
        equipment = named[0] if len(named) == 1 else None
    if equipment is None:
        raise ValidationError(
            {
                "answers": [
                    _("%(item)s: it feeds a counter but names no single equipment item.")
                    % {"item": item.question}
                ]
            }
        )
    try:
        counters.counter_reading_record(
            actor=actor,
            equipment=equipment,
            counter=item.feeds_counter,
            value=check.number,
            unit=item.unit,
            read_at=at,
            source=ReadingSource.MAINTENANCE,
            answer=answer,
            check_perm=False,
        )
    except ValidationError as error:
        problems = [str(m) for messages in error.message_dict.values() for m in messages]
        raise ValidationError(
            {
                "answers": [
                    _("%(item)s: %(problem)s") % {"item": item.question, "problem": p}
                    for p in problems
                ]
            }
        ) from error


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
