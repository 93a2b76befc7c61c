"""API: a day's patrol tasks with their points, and a guard's scan of a checkpoint, whose
proof the server verifies (the answer says on time, early, late or rejected, and why)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Literal

from django.shortcuts import get_object_or_404
from django.utils import timezone
from ninja import Field, Query, Router, Schema

from wuye.core import policy
from wuye.core.api import Body, Day, Id, IdIn, Moment, errors, text_in

from . import queries, services
from .models import PatrolTask

router = Router(tags=["patrols"])

PointStatus_ = Literal["pending", "on_time", "early", "late", "missed", "rejected"]
Result = Literal["on_time", "early", "late", "rejected"]


class TaskFilters(Schema):
    community_id: Id
    date: Day | None = Field(None, description="The day of the tasks; default: today.")


class PointOut(Schema):
    id: int
    checkpoint_id: int
    checkpoint: str
    verification: Literal["nfc", "qr", "rotating_qr", "gps"]
    window_opens_at: datetime
    window_closes_at: datetime
    status: PointStatus_
    scanned_at: datetime | None


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
    )
    return {"result": outcome.result, "reason": outcome.reason}
