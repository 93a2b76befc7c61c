"""Residencies: a resident moves into a home as owner, family member or tenant, and out again."""

from __future__ import annotations

from datetime import date

from django.shortcuts import get_object_or_404
from ninja import Field, Router, Schema, Status

from wuye.core import policy
from wuye.core.api import Body, DateIn, Id, IdIn, errors

from .. import queries, services
from ..models import Relation, Residency, Unit
from .common import fields_as_sent, linked_row

router = Router()


class MoveInIn(Body):
    resident_id: IdIn
    relation: Relation
    start_date: DateIn | None = Field(None, description="Moved in on (today when left out).")


class MoveOutIn(Body):
    end_date: DateIn | None = Field(None, description="Moved out on (today when left out).")


class ResidencyOut(Schema):
    id: int
    unit_id: int
    unit_label: str
    resident_id: int
    resident_name: str
    relation: Relation
    start_date: date
    end_date: date | None


def residency_out(residency: Residency, unit: Unit | None = None) -> dict:
    unit = unit or residency.unit
    return {
        "id": residency.pk,
        "unit_id": residency.unit_id,
        "unit_label": unit.label,
        "resident_id": residency.resident_id,
        "resident_name": residency.resident.name,
        "relation": residency.relation,
        "start_date": residency.start_date,
        "end_date": residency.end_date,
    }


@router.post(
    "/units/{unit_id}/move-in",
    response={201: ResidencyOut, **errors()},
    summary="A resident moves into a home as owner, family member or tenant",
)
def residency_move_in(request, unit_id: Id, payload: MoveInIn):
    user = request.auth
    unit = get_object_or_404(queries.units_visible_to(user), pk=unit_id)
    policy.require_perm(user, "resident.move", unit.community_id)
    with fields_as_sent():
        resident = linked_row(user, unit.community_id, "resident_id", payload.resident_id)
        residency = services.residency_move_in(
            actor=user,
            unit=unit,
            resident=resident,
            relation=payload.relation,
            start_date=payload.start_date,
        )
    return Status(201, residency_out(residency, unit))


@router.post(
    "/residencies/{residency_id}/move-out",
    response={200: ResidencyOut, **errors()},
    summary="A resident moves out; the residency stays as history",
)
def residency_move_out(request, residency_id: Id, payload: MoveOutIn):
    user = request.auth
    residency = get_object_or_404(
        Residency.objects.filter(unit__in=queries.units_visible_to(user)), pk=residency_id
    )
    with fields_as_sent():
        residency = services.residency_move_out(
            actor=user, residency=residency, end_date=payload.end_date
        )
    return residency_out(residency)
