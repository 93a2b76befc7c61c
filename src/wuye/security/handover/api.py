"""API: the shift handover. The outgoing guard posts the post's handover with their counts,
statuses and notes (it then awaits the incoming guard); the incoming guard confirms it with
the counts as they find them."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Literal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema, Status

from wuye.core import policy
from wuye.core.api import Body, Id, IdIn, Moment, errors, text_in
from wuye.core.models import Community
from wuye.core.validators import not_found
from wuye.security.incidents.models import IncidentKind, IncidentStatus, Severity
from wuye.staff.organisation.models import Post

from . import queries, services
from .models import MAX_COUNT, CctvStatus, FirePanelStatus, Handover, HandoverStatus

router = Router(tags=["handovers"])

Count = Annotated[int, Field(ge=0, le=MAX_COUNT)]
ItemName = Annotated[str, Field(min_length=1, max_length=50, pattern=r"^[^\x00]+$")]


class CountIn(Body):
    item: ItemName = Field(description="The item's name on the community's list.")
    count: Count


class CountOut(Schema):
    item: str
    expected: int
    outgoing_count: int | None
    incoming_count: int | None


class IncidentOut(Schema):
    id: int
    kind: Literal[tuple(IncidentKind.values)]  # type: ignore[valid-type]
    severity: Literal[tuple(Severity.values)]  # type: ignore[valid-type]
    status: Literal[tuple(IncidentStatus.values)]  # type: ignore[valid-type]
    place: str
    occurred_at: datetime


class HandoverOut(Schema):
    id: int
    community_id: int
    post: str = Field(description="The post's code.")
    ends_at: datetime
    outgoing_id: int
    incoming_id: int | None
    cctv_status: Literal[tuple(CctvStatus.values)]  # type: ignore[valid-type]
    fire_panel_status: Literal[tuple(FirePanelStatus.values)]  # type: ignore[valid-type]
    notes: str
    open_incidents_note: str
    status: Literal[tuple(HandoverStatus.values)]  # type: ignore[valid-type]
    discrepancy: bool
    confirmed_at: datetime | None
    counts: list[CountOut]
    open_incidents: list[IncidentOut] = Field(
        description="The community's incidents still open when the outgoing guard handed over."
    )


class HandoverIn(Body):
    community_id: IdIn
    post: Annotated[str, Field(min_length=1, max_length=40, pattern=r"^[-a-zA-Z0-9_]+$")] = Field(
        description="The post's code."
    )
    ends_at: Moment = Field(description="When the outgoing shift ends.")
    counts: list[CountIn] = Field(max_length=100, description="Every item on the list, counted.")
    cctv_status: Literal[tuple(CctvStatus.values)] = "ok"  # type: ignore[valid-type]
    fire_panel_status: Literal[tuple(FirePanelStatus.values)] = "normal"  # type: ignore[valid-type]
    notes: text_in(2000) = ""
    open_incidents_note: text_in(2000) = ""


class ConfirmIn(Body):
    counts: list[CountIn] = Field(
        max_length=100, description="Every item on the handover, as the incoming guard finds it."
    )


def _counts(rows: list[CountIn]) -> dict[str, int]:
    found: dict[str, int] = {}
    for row in rows:
        if row.item in found:
            raise ValidationError({"counts": _("Count each item once.")})
        found[row.item] = row.count
    return found


def _out(handover: Handover) -> dict:
    return {
        "id": handover.pk,
        "community_id": handover.community_id,
        "post": handover.post.code,
        "ends_at": handover.ends_at,
        "outgoing_id": handover.outgoing_id,
        "incoming_id": handover.incoming_id,
        "cctv_status": handover.cctv_status,
        "fire_panel_status": handover.fire_panel_status,
        "notes": handover.notes,
        "open_incidents_note": handover.open_incidents_note,
        "status": handover.status,
        "discrepancy": handover.discrepancy,
        "confirmed_at": handover.confirmed_at,
        "counts": [
            {
                "item": line.name,
                "expected": line.expected,
                "outgoing_count": line.outgoing_count,
                "incoming_count": line.incoming_count,
            }
            for line in handover.counts.all()
        ],
        "open_incidents": [
            {
                "id": incident.pk,
                "kind": incident.kind,
                "severity": incident.severity,
                "status": incident.status,
                "place": incident.place,
                "occurred_at": incident.occurred_at,
            }
            for incident in queries.recorded_incidents(handover)
        ],
    }


@router.post(
    "/handovers",
    response={201: HandoverOut, **errors()},
    summary="Hand over a post at the end of a shift: it then awaits the incoming guard",
)
def handover_create(request, payload: HandoverIn):
    policy.require_perm(request.auth, "handover.record", payload.community_id)
    community = get_object_or_404(Community, pk=payload.community_id)
    post = Post.objects.filter(community=community, code=payload.post, active=True).first()
    if post is None:
        raise ValidationError({"post": [not_found(_("Choose a post of this community."))]})
    counts = _counts(payload.counts)
    with transaction.atomic():
        handover = services.handover_start(
            actor=request.auth, community=community, post=post, ends_at=payload.ends_at
        )
        services.handover_count(
            actor=request.auth,
            handover=handover,
            counts=counts,
            cctv_status=payload.cctv_status,
            fire_panel_status=payload.fire_panel_status,
            notes=payload.notes,
            open_incidents_note=payload.open_incidents_note,
        )
        handover = services.handover_submit(actor=request.auth, handover=handover)
    return Status(201, _out(handover))


@router.post(
    "/handovers/{handover_id}/confirm",
    response={200: HandoverOut, **errors()},
    summary="Take over a post: the incoming guard's counts; a count that differs is flagged",
)
def handover_confirm(request, handover_id: Id, payload: ConfirmIn):
    ids = policy.community_ids_with(request.auth, "handover.record")
    handover = get_object_or_404(
        Handover.objects.filter(community_id__in=ids).select_related("post"), pk=handover_id
    )
    handover = services.handover_confirm(
        actor=request.auth, handover=handover, counts=_counts(payload.counts)
    )
    return _out(handover)
