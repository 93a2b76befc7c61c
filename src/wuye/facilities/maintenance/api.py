"""API: the maintenance tasks due in a community (a technician's teams', or all of them for the
supervisor), and a task's completion with its checklist's answers, which answers with the
task and the work orders its out-of-range readings and failed items raised."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Literal

from django.shortcuts import get_object_or_404
from ninja import Field, Query, Router, Schema, Status

from wuye.core import policy
from wuye.core.api import ANY_TEXT, Body, Day, Id, IdIn, Moment, errors

from ..equipment.models import Equipment
from . import counters, queries, services
from .models import MaintenanceTask

router = Router(tags=["maintenance"])

MAX_ANSWERS = 100


class MaintenanceTaskFilters(Schema):
    community_id: Id
    due_before: Day | None = Field(
        None, description="Only tasks due before this day (exclusive); default: every open task."
    )


class MaintainedEquipmentOut(Schema):
    id: int
    code: str
    name: str


class ChecklistItemOut(Schema):
    id: int
    question: str
    kind: Literal["number", "yes_no", "choice", "text", "photo", "signature"]
    unit: str
    min_value: float | None
    max_value: float | None
    choices: list[str]
    failing_answer: str
    required: bool


class ChecklistAnswerOut(Schema):
    item_id: int
    value: str
    failed: bool
    work_order_id: int | None


class MaintenanceTaskOut(Schema):
    id: int
    community_id: int
    plan_id: int
    plan: str
    statutory: bool
    occurrence: date
    due_on: date
    status: Literal["open", "done", "skipped"]
    team: str | None
    contractor: str
    place: str
    equipment: list[MaintainedEquipmentOut]
    items: list[ChecklistItemOut]
    answers: list[ChecklistAnswerOut]


class RaisedWorkOrderOut(Schema):
    id: int
    number: str
    status: str
    description: str


class MaintenanceCompletionOut(Schema):
    task: MaintenanceTaskOut
    work_orders: list[RaisedWorkOrderOut]


AnswerValue = (
    bool
    | Annotated[float, Field(ge=-1e12, le=1e12, allow_inf_nan=False)]
    | Annotated[str, Field(max_length=services.ANSWER_MAX_LENGTH, pattern=ANY_TEXT)]
)


class ChecklistAnswerIn(Body):
    item_id: IdIn
    value: AnswerValue = Field(
        description="A number for a reading, true or false (or yes, no) for a yes-or-no, one "
        "of the offered choices, a text, or the typed name that signs the checklist."
    )


class MaintenanceCompleteIn(Body):
    answers: list[ChecklistAnswerIn] = Field(
        max_length=MAX_ANSWERS,
        description="The answers by checklist item. A reading beyond its limits or a failing "
        "answer raises a work order for the equipment, once; sending the same answers again "
        "returns the same task and orders. A photo item is answered on the task's page.",
    )


def _out(task: MaintenanceTask) -> dict:
    plan = task.plan
    return {
        "id": task.pk,
        "community_id": task.community_id,
        "plan_id": plan.pk,
        "plan": plan.name,
        "statutory": plan.statutory,
        "occurrence": task.occurrence,
        "due_on": task.due_on,
        "status": task.status,
        "team": plan.team.name if plan.team else None,
        "contractor": plan.contractor,
        "place": plan.place,
        "equipment": [{"id": e.pk, "code": e.code, "name": e.name} for e in plan.equipment.all()],
        "items": [
            {
                "id": i.pk,
                "question": i.question,
                "kind": i.kind,
                "unit": i.unit,
                "min_value": i.min_value,
                "max_value": i.max_value,
                "choices": i.options,
                "failing_answer": i.failing_answer,
                "required": i.required,
            }
            for i in plan.items.all()
        ],
        "answers": [
            {
                "item_id": a.item_id,
                "value": a.value,
                "failed": a.failed,
                "work_order_id": a.work_order_id,
            }
            for a in task.answers.all()
        ],
    }


@router.get(
    "/maintenance-tasks",
    response={200: list[MaintenanceTaskOut], **errors()},
    summary="Open maintenance tasks, the earliest due first: a technician's teams', or all of "
    "them for the supervisor",
)
def maintenance_task_list(request, filters: Query[MaintenanceTaskFilters]):
    community_id = filters.community_id
    policy.require_perm(request.auth, "maintenance.open", community_id)
    rows = queries.open_first(queries.tasks_for(request.auth, community_id))
    if filters.due_before:
        rows = rows.filter(due_on__lt=filters.due_before)
    return [_out(task) for task in queries.with_checklist(rows)[:500]]


@router.post(
    "/maintenance-tasks/{task_id}/complete",
    response={200: MaintenanceCompletionOut, **errors()},
    summary="Complete a maintenance task with its checklist's answers; readings beyond their "
    "limits and failed items raise work orders for the equipment",
)
def maintenance_task_complete(request, task_id: Id, payload: MaintenanceCompleteIn):
    task = get_object_or_404(MaintenanceTask.objects.only("community_id"), pk=task_id)
    policy.require_perm(request.auth, "maintenance.do", task.community_id)
    visible = queries.tasks_for(request.auth, task.community_id)
    task = get_object_or_404(visible, pk=task_id)
    done = services.task_complete(
        actor=request.auth,
        task=task,
        answers=[(a.item_id, a.value) for a in payload.answers],
    )
    task = queries.with_checklist(visible).get(pk=task_id)
    return {
        "task": _out(task),
        "work_orders": [
            {"id": o.pk, "number": o.number, "status": o.status, "description": o.description}
            for o in done.work_orders
        ],
    }


class CounterReadingIn(Body):
    counter: str = Field(
        min_length=1,
        max_length=counters.COUNTER_MAX_LENGTH,
        pattern=ANY_TEXT,
        description="The counter read, such as run hours or starts.",
    )
    value: (
        Annotated[float, Field(ge=0, lt=1e12, allow_inf_nan=False)]
        | Annotated[str, Field(max_length=20, pattern=r"^[0-9]{1,12}(\.[0-9]{1,3})?$")]
    ) = Field(description="The reading: never lower than the last unless the meter was replaced.")
    read_at: Moment | None = Field(None, description="When it was read; default: now.")
    unit: str = Field("", max_length=counters.UNIT_MAX_LENGTH, pattern=ANY_TEXT)
    meter_replaced: bool = Field(
        False, description="A new meter: the reading may be lower than the last one."
    )


class CounterReadingOut(Schema):
    id: int
    equipment_id: int
    counter: str
    unit: str
    value: float
    total: float
    read_at: datetime
    source: Literal["manual", "maintenance"]
    meter_replaced: bool


@router.post(
    "/equipment/{equipment_id}/readings",
    response={201: CounterReadingOut, **errors()},
    summary="Record a reading of an equipment item's counter (run hours, starts); a usage "
    "plan makes its task when the counter has gone its interval on",
)
def counter_reading_add(request, equipment_id: Id, payload: CounterReadingIn):
    equipment = get_object_or_404(Equipment, pk=equipment_id)
    policy.require_perm(request.auth, "maintenance.do", equipment.community_id)
    reading = counters.counter_reading_record(
        actor=request.auth,
        equipment=equipment,
        counter=payload.counter,
        value=payload.value,
        read_at=payload.read_at,
        unit=payload.unit,
        meter_replaced=payload.meter_replaced,
    )
    return Status(
        201,
        {
            "id": reading.pk,
            "equipment_id": equipment.pk,
            "counter": reading.counter,
            "unit": reading.unit,
            "value": reading.value,
            "total": reading.total,
            "read_at": reading.read_at,
            "source": reading.source,
            "meter_replaced": reading.meter_replaced,
        },
    )
