"""API: the equipment register of a community (list, add, one item with its next inspection)
and its compliance calendar (what is due, overdue, lapsed)."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Literal

from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status

from wuye.core import policy
from wuye.core.api import Body, DateIn, Id, IdIn, Page, PageParams, errors, paginate, text_in
from wuye.core.models import Community
from wuye.core.validators import not_found
from wuye.estates.models import Building

from . import queries, services
from .models import Equipment, EquipmentKind, EquipmentStatus, Importance, Obligation

router = Router(tags=["equipment"])

# An item's code as printed on its label: letters and digits, with - _ . / # between.
CODE_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9_./#-]{0,29}$"

Kind = Literal[tuple(EquipmentKind.values)]  # type: ignore[valid-type]
Status_ = Literal[tuple(EquipmentStatus.values)]  # type: ignore[valid-type]
Level = Literal[tuple(Importance.values)]  # type: ignore[valid-type]
Duty = Literal[tuple(Obligation.values)]  # type: ignore[valid-type]


class EquipmentOut(Schema):
    id: int
    community_id: int
    code: str
    name: str
    kind: Kind
    building_id: int | None
    floor: str
    place: str
    make: str
    model: str
    serial_number: str
    installed_on: date | None
    warranty_until: date | None
    importance: Level
    status: Status_
    registration_code: str
    next_inspection_due: date | None
    open_faults: int = Field(
        0, ge=0, description="Faults whose work order still waits for work (not resolved)."
    )


class EquipmentFilters(Schema):
    community_id: Id
    kind: Kind | None = None
    status: Status_ | None = None


class EquipmentIn(Body):
    community_id: IdIn
    code: Annotated[str, Field(pattern=CODE_PATTERN, max_length=30, examples=["LIFT-2-1"])]
    name: text_in(100, required=True)
    kind: Kind
    building_id: IdIn | None = None
    floor: text_in(20) = ""
    place: text_in(200) = ""
    make: text_in(100) = ""
    model: text_in(100) = ""
    serial_number: text_in(100) = ""
    installed_on: DateIn | None = None
    warranty_until: DateIn | None = None
    importance: Level = "B"
    notes: text_in(2000) = ""


class ComplianceFilters(Schema):
    community_id: Id


class ComplianceItem(Schema):
    equipment_id: int
    code: str
    name: str
    kind: Kind
    status: Status_
    obligation: Duty
    due_on: date | None
    request_by: date | None
    failed: bool


class ComplianceOut(Schema):
    community_id: int
    today: date
    due: list[ComplianceItem]
    overdue: list[ComplianceItem]
    lapsed: list[ComplianceItem]


def _out(item: Equipment, rules) -> dict:
    profile = getattr(item, "statutory", None)
    return {
        **{
            field: getattr(item, field)
            for field in (
                "code",
                "name",
                "kind",
                "building_id",
                "floor",
                "place",
                "make",
                "model",
                "serial_number",
                "installed_on",
                "warranty_until",
                "importance",
                "status",
                "community_id",
            )
        },
        "id": item.pk,
        "registration_code": profile.registration_code if profile else "",
        "next_inspection_due": queries.next_inspection_due(item, rules),
        "open_faults": getattr(item, "open_faults", 0),
    }


@router.get(
    "/equipment",
    response={200: Page[EquipmentOut], **errors()},
    summary="A community's equipment register, by kind and status",
)
def equipment_list(request, filters: Query[EquipmentFilters], paging: Query[PageParams]):
    policy.require_perm(request.auth, "equipment.view", filters.community_id)
    rows = queries.equipment_list(
        queries.equipment_visible_to(request.auth, filters.community_id),
        kind=filters.kind or "",
        status=filters.status or "",
    )
    count, items = paginate(rows, paging)
    rules = queries.rules_by_kind(filters.community_id)
    return {"count": count, "items": [_out(item, rules) for item in items]}


@router.post(
    "/equipment",
    response={201: EquipmentOut, **errors()},
    summary="Register an item of equipment (the engineering supervisor and the manager)",
)
def equipment_add(request, payload: EquipmentIn):
    policy.require_perm(request.auth, "equipment.manage", payload.community_id)
    community = get_object_or_404(Community, pk=payload.community_id)
    data = payload.model_dump(exclude={"community_id", "building_id"})
    data["building"] = None
    if payload.building_id is not None:
        data["building"] = Building.objects.filter(
            pk=payload.building_id, community=community
        ).first()
        if data["building"] is None:
            raise ValidationError(
                {"building_id": [not_found(_("Choose a building of this community."))]}
            )
    item = services.equipment_add(actor=request.auth, community=community, data=data)
    return Status(201, _out(item, queries.rules_by_kind(community.pk)))


@router.get(
    "/equipment/{equipment_id}",
    response={200: EquipmentOut, **errors()},
    summary="One item of equipment, with its next periodic inspection",
)
def equipment_detail(request, equipment_id: Id):
    rows = queries.equipment_visible_to(request.auth).select_related("statutory")
    item = get_object_or_404(queries.with_open_faults(rows), pk=equipment_id)
    return _out(item, queries.rules_by_kind(item.community_id))


def _item(entry: queries.Entry) -> dict:
    item = entry.equipment
    return {
        "equipment_id": item.pk,
        "code": item.code,
        "name": item.name,
        "kind": item.kind,
        "status": item.status,
        "obligation": entry.rule.obligation,
        "due_on": entry.due_on,
        "request_by": entry.request_by,
        "failed": entry.failed,
    }


@router.get(
    "/compliance",
    response={200: ComplianceOut, **errors()},
    summary="A community's compliance calendar: what is due, overdue and lapsed",
)
def compliance(request, filters: Query[ComplianceFilters]):
    policy.require_perm(request.auth, "equipment.view", filters.community_id)
    today = timezone.localdate()
    calendar = queries.compliance_calendar(request.auth, filters.community_id, today)
    return {
        "community_id": filters.community_id,
        "today": today,
        **{state: [_item(e) for e in entries] for state, entries in calendar.items()},
    }
