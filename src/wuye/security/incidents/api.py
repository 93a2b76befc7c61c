"""API: the incident log of a community — list it (filtered) and report an incident."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema, Status

from wuye.core import policy
from wuye.core.api import Body, Id, IdIn, Moment, Month, Page, PageParams, errors, paginate, text_in
from wuye.core.models import Community
from wuye.core.validators import not_found
from wuye.estates.models import Building

from . import queries, services
from .models import Incident, IncidentKind, Severity

router = Router(tags=["incidents"])

Kind = Literal[tuple(IncidentKind.values)]  # type: ignore[valid-type]
Level = Literal[tuple(Severity.values)]  # type: ignore[valid-type]


class IncidentOut(Schema):
    id: int
    community_id: int
    kind: Kind
    severity: Level
    occurred_at: datetime
    place: str
    building_id: int | None
    people_involved: str
    police_report_number: str
    description: str
    status: Literal["open", "following_up", "closed"]
    follow_up: str
    outcome: str
    reported_at: datetime
    closed_at: datetime | None
    work_order_ids: list[int]


class IncidentFilters(Schema):
    community_id: Id
    kind: Kind | None = None
    status: Literal["open", "following_up", "closed", "active", "all"] = "all"
    month: Month | None = None


class IncidentIn(Body):
    community_id: IdIn
    kind: Kind
    severity: Level = "low"
    occurred_at: Moment
    place: text_in(200, required=True)
    building_id: IdIn | None = None
    people_involved: text_in(2000) = ""
    police_report_number: text_in(40) = ""
    description: text_in(4000, required=True)


def _out(incident: Incident) -> dict:
    return {
        "id": incident.pk,
        "community_id": incident.community_id,
        "kind": incident.kind,
        "severity": incident.severity,
        "occurred_at": incident.occurred_at,
        "place": incident.place,
        "building_id": incident.building_id,
        "people_involved": incident.people_involved,
        "police_report_number": incident.police_report_number,
        "description": incident.description,
        "status": incident.status,
        "follow_up": incident.follow_up,
        "outcome": incident.outcome,
        "reported_at": incident.reported_at,
        "closed_at": incident.closed_at,
        "work_order_ids": [order.pk for order in incident.work_orders.all()],
    }


@router.get(
    "/incidents",
    response={200: Page[IncidentOut], **errors()},
    summary="A community's incident log, latest first, by kind, status and month",
)
def incident_list(request, filters: Query[IncidentFilters], paging: Query[PageParams]):
    policy.require_perm(request.auth, "incident.view", filters.community_id)
    month = None
    if filters.month:
        year, number = filters.month.split("-")
        month = datetime(int(year), int(number), 1).date()
    rows = queries.incident_list(
        queries.incidents_visible_to(request.auth, filters.community_id),
        kind=filters.kind or "",
        status=filters.status,
        month=month,
    ).prefetch_related("work_orders")
    count, items = paginate(rows, paging)
    return {"count": count, "items": [_out(i) for i in items]}


@router.post(
    "/incidents",
    response={201: IncidentOut, **errors()},
    summary="Report an incident (the guards, their supervisor and the manager)",
)
def incident_report(request, payload: IncidentIn):
    policy.require_perm(request.auth, "incident.report", payload.community_id)
    community = get_object_or_404(Community, pk=payload.community_id)
    building = None
    if payload.building_id is not None:
        building = Building.objects.filter(pk=payload.building_id, community=community).first()
        if building is None:
            raise ValidationError(
                {"building_id": [not_found(_("Choose a building of this community."))]}
            )
    incident = services.incident_report(
        actor=request.auth,
        community=community,
        kind=payload.kind,
        severity=payload.severity,
        occurred_at=payload.occurred_at,
        place=payload.place,
        building=building,
        people_involved=payload.people_involved,
        police_report_number=payload.police_report_number,
        description=payload.description,
    )
    return Status(201, _out(incident))
