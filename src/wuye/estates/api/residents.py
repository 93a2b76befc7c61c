"""Residents (住户): what each caller may see of them, and who may change what."""

from __future__ import annotations

from typing import Annotated

from django.shortcuts import get_object_or_404
from ninja import Field, Query, Router, Schema, Status

from wuye.core import policy
from wuye.core.api import (
    Body,
    BoolIn,
    Id,
    LongText,
    Page,
    PageParams,
    Text,
    column_text,
    errors,
    patch_schema,
)
from wuye.core.validators import ID_NUMBER_TYPED, MOBILE_TYPED

from .. import queries, services
from ..models import Relation, Resident
from ..privacy import resident_phone
from .common import is_staff, page_of, visible_community
from .residencies import ResidencyOut, residency_out

router = Router()


class ResidentIn(Body):
    name: column_text(Resident, "name")
    mobile: Annotated[str, Field(max_length=20, pattern=MOBILE_TYPED)] = Field(
        "", examples=["13912345678"]
    )
    id_number: Annotated[str, Field(pattern=ID_NUMBER_TYPED)] = Field(
        "",
        description="ID-card number (18 characters, with a valid date of birth and check "
        "digit); stored encrypted, shown masked.",
    )
    emergency_contact: column_text(Resident, "emergency_contact") = ""
    emergency_phone: column_text(Resident, "emergency_phone") = ""
    needs_attention: BoolIn = False
    notes: LongText = ""


ResidentPatch = patch_schema(ResidentIn)


class ResidentOut(Schema):
    id: int
    community_id: int
    name: str
    mobile: str = Field(description="In full only for roles that call residents back.")
    id_number_masked: str
    emergency_contact: str
    emergency_phone: str
    needs_attention: bool
    notes: str | None = Field(description="Staff notes; null for residents.")
    homes: list[ResidencyOut] = Field(description="The resident's current residencies.")


class ResidentFilters(Schema):
    relation: Relation = None
    building: Text = Field(None, description="Building number.")
    attention: bool = Field(False, description="Only residents who need attention.")
    q: Text = Field(None, description="Part of the name, or four or more digits of the mobile.")


class Viewer:
    """What one caller may see of the residents of one community, asked of the policy once."""

    def __init__(self, user, community_id: int):
        self.staff = is_staff(user, community_id)
        self.user = user
        self.unit_ids = None if self.staff else set(policy.resident_unit_ids(user))

    def resident_out(self, resident: Resident) -> dict:
        return {
            "id": resident.pk,
            "community_id": resident.community_id,
            "name": resident.name,
            "mobile": resident_phone(self.user, resident),
            "id_number_masked": resident.id_number_masked,
            "emergency_contact": resident.emergency_contact,
            "emergency_phone": resident_phone(self.user, resident, "emergency_phone"),
            "needs_attention": resident.needs_attention,
            "notes": resident.notes if self.staff else None,
            "homes": [
                residency_out(r)
                for r in resident.current_residencies
                if self.unit_ids is None or r.unit_id in self.unit_ids
            ],
        }


def _resident_detail_out(user, resident_id: int) -> dict:
    resident = get_object_or_404(
        queries.residents_visible_to(user).prefetch_related(queries.current_homes()), pk=resident_id
    )
    return Viewer(user, resident.community_id).resident_out(resident)


@router.get(
    "/communities/{community_id}/residents",
    response={200: Page[ResidentOut], **errors()},
    summary="Residents of a community: filter by relation, building, name or mobile",
)
def resident_list(
    request, community_id: Id, filters: Query[ResidentFilters], paging: Query[PageParams]
):
    user = request.auth
    visible_community(user, community_id)
    params = filters.model_dump(mode="json", exclude_none=True)
    params["attention"] = "1" if filters.attention else ""
    rows = queries.resident_list(user, community_id, params).prefetch_related(
        queries.current_homes()
    )
    return page_of(rows, paging, Viewer(user, community_id).resident_out)


@router.post(
    "/communities/{community_id}/residents",
    response={201: ResidentOut, **errors()},
    summary="Add a resident",
)
def resident_create(request, community_id: Id, payload: ResidentIn):
    community = visible_community(request.auth, community_id)
    resident = services.resident_save(
        actor=request.auth, community=community, data=payload.model_dump()
    )
    return Status(201, _resident_detail_out(request.auth, resident.pk))


@router.get(
    "/residents/{resident_id}",
    response={200: ResidentOut, **errors()},
    summary="A resident",
)
def resident_detail(request, resident_id: Id):
    return _resident_detail_out(request.auth, resident_id)


@router.patch(
    "/residents/{resident_id}",
    response={200: ResidentOut, **errors()},
    summary="Change a resident (a resident may change their own contact details)",
)
def resident_update(request, resident_id: Id, payload: ResidentPatch):
    user = request.auth
    resident = get_object_or_404(
        queries.residents_visible_to(user).select_related("community"), pk=resident_id
    )
    policy.require(user, "change", resident)
    changes = payload.model_dump(exclude_unset=True)
    if policy.has_perm(user, "resident.change", resident.community_id):
        services.resident_save(
            actor=user, community=resident.community, resident=resident, data=changes
        )
    else:
        services.resident_update_contact(actor=user, resident=resident, data=changes)
    return _resident_detail_out(user, resident.pk)
