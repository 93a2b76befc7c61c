"""API: a day's patrol tasks with their points, and a guard's scan of a checkpoint, whose
proof the server verifies (the answer says on time, early, late or rejected, and why)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Literal

from django.shortcuts import get_object_or_404
from django.utils import timezone
from ninja import Field, File, Query, Router, Schema, Status, UploadedFile

from wuye.core import policy
from wuye.core.api import ANY_TEXT, Body, Day, Id, IdIn, Moment, errors, text_in

from . import queries, services
from .models import PatrolTask

router = Router(tags=["patrols"])

PointStatus_ = Literal["pending", "on_time", "early", "late", "missed", "rejected"]
Result = Literal["on_time", "early", "late", "rejected"]


class TaskFilters(Schema):
    community_id: Id
    date: Day | None = Field(None, description="The day of the tasks; default: today.")


class CheckOut(Schema):
    id: int
    question: str
    kind: Literal["number", "yes_no", "choice", "text"]
    unit: str
    min_value: float | None
    max_value: float | None
    choices: list[str]
    required: bool


class PointOut(Schema):
    id: int
    checkpoint_id: int
    checkpoint: str
    verification: Literal["nfc", "qr", "rotating_qr", "gps"]
    window_opens_at: datetime
    window_closes_at: datetime
    status: PointStatus_
    scanned_at: datetime | None
    abnormal: bool
    work_order_id: int | None
    checks: list[CheckOut]


class TaskOut(Schema):
    id: int
    community_id: int
    route: str
    post_id: int
    post: str
    date: date
    starts_at: datetime
    status: Literal["open", "done", "missed_some"]
    points: list[PointOut]


AnswerKey = Annotated[str, Field(pattern=r"^[1-9][0-9]{0,17}$", max_length=18)]
AnswerValue = (
    bool
    | Annotated[float, Field(ge=-1e12, le=1e12, allow_inf_nan=False)]
    | Annotated[str, Field(max_length=services.ANSWER_MAX_LENGTH, pattern=ANY_TEXT)]
)
Latitude = Annotated[float, Field(ge=-90, le=90)]
Longitude = Annotated[float, Field(ge=-180, le=180)]


class ScanIn(Body):
    checkpoint_id: IdIn
    proof: text_in(services.PROOF_MAX_LENGTH) = Field(
        "",
        description="The NFC tag's UID, the printed QR code's text or the rotating code; "
        "empty for a GPS checkpoint.",
    )
    scanned_at: Moment | None = Field(
        None,
        description="When the phone scanned; default: now. Refused when more than the "
        "allowed minutes (10 by default) ahead of the server's clock.",
    )
    latitude: Latitude | None = None
    longitude: Longitude | None = None
    answers: dict[AnswerKey, AnswerValue] = Field(
        default_factory=dict,
        max_length=services.MAX_ANSWERS,
        json_schema_extra={"additionalProperties": False},
        description="The answers to the point's checklist, by check item id: a number for a "
        "number, true or false for a yes-or-no, one of the offered choices, or a text. An "
        "answer out of range, or the one named abnormal, marks the point abnormal, and then "
        "a photo (photo_ids) is required.",
    )
    photo_ids: list[IdIn] = Field(
        default_factory=list,
        max_length=services.MAX_PHOTOS,
        description="Photos of this task uploaded through /photos, attached to the point.",
    )


class PhotoOut(Schema):
    id: int


class ScanOut(Schema):
    result: Result
    reason: str


def _out(task: PatrolTask) -> dict:
    return {
        "id": task.pk,
        "community_id": task.community_id,
        "route": task.plan.route.name,
        "post_id": task.post_id,
        "post": task.post.title,
        "date": task.date,
        "starts_at": task.starts_at,
        "status": task.status,
        "points": [
            {
                "id": p.pk,
                "checkpoint_id": p.route_point.checkpoint_id,
                "checkpoint": p.route_point.checkpoint.name,
                "verification": p.route_point.checkpoint.verification,
                "window_opens_at": p.window_opens_at,
                "window_closes_at": p.window_closes_at,
                "status": p.status,
                "scanned_at": p.scanned_at,
                "abnormal": p.abnormal,
                "work_order_id": p.work_order_id,
                "checks": [
                    {
                        "id": c.pk,
                        "question": c.question,
                        "kind": c.kind,
                        "unit": c.unit,
                        "min_value": c.min_value,
                        "max_value": c.max_value,
                        "choices": c.options,
                        "required": c.required,
                    }
                    for c in p.route_point.checks.all()
                ],
            }
            for p in task.points.all()
        ],
    }


@router.get(
    "/patrol-tasks",
    response={200: list[TaskOut], **errors()},
    summary="A day's patrol tasks: a guard's own post's, or all of them for the supervisor",
)
def patrol_task_list(request, filters: Query[TaskFilters]):
    community_id = filters.community_id
    if not (
        policy.has_perm(request.auth, "patrol.view", community_id)
        or policy.has_perm(request.auth, "patrol.walk", community_id)
    ):
        policy.require_perm(request.auth, "patrol.view", community_id)
    day = filters.date or timezone.localdate()
    rows = queries.with_points(queries.tasks_for(request.auth, community_id, day))
    return [_out(task) for task in rows]


@router.post(
    "/patrol-tasks/{patrol_task_id}/scans",
    response={200: ScanOut, **errors()},
    summary="Scan a checkpoint of a task: the proof is verified by the server",
)
def patrol_scan(request, patrol_task_id: Id, payload: ScanIn):
    task = get_object_or_404(PatrolTask.objects.select_related("community"), pk=patrol_task_id)
    policy.require_perm(request.auth, "patrol.walk", task.community_id)
    outcome = services.scan(
        actor=request.auth,
        task=task,
        checkpoint_id=payload.checkpoint_id,
        proof=payload.proof,
        scanned_at=payload.scanned_at,
        latitude=payload.latitude,
        longitude=payload.longitude,
        answers=payload.answers,
        photo_ids=payload.photo_ids,
    )
    return {"result": outcome.result, "reason": outcome.reason}


@router.post(
    "/patrol-tasks/{patrol_task_id}/photos",
    response={201: PhotoOut, **errors()},
    summary="Upload a photo taken on a task's walk (JPEG, PNG or WebP, at most 8 MB); a scan "
    "names its id",
)
def patrol_photo_upload(request, patrol_task_id: Id, file: File[UploadedFile]):
    task = get_object_or_404(PatrolTask.objects.select_related("community"), pk=patrol_task_id)
    policy.require_perm(request.auth, "patrol.walk", task.community_id)
    data = file.read(services.MAX_PHOTO_BYTES + 1)
    photo = services.photo_add(actor=request.auth, task=task, data=data)
    return Status(201, {"id": photo.pk})
