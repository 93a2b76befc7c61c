"""API: invitations and the gate's check of a pass; the public key a gate device checks
tokens with offline."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status

from wuye.core import policy, qr
from wuye.core.api import Body, Id, IdIn, Page, PageParams, column_text, errors, paginate
from wuye.core.models import Community
from wuye.core.validators import MOBILE_TYPED, PLATE_TYPED, not_found
from wuye.estates.models import Unit

from . import queries, services, tokens
from .models import Invitation, Purpose, Zone

router = Router(tags=["passes"])

Result = Literal["valid", "expired", "revoked", "used_up", "wrong_zone", "unknown"]


class InvitationIn(Body):
    community_id: IdIn
    unit_id: IdIn | None = Field(None, description="The host home; none: the caller's office.")
    visitor_name: column_text(Invitation, "visitor_name")
    visitor_mobile: str = Field("", max_length=20, pattern=MOBILE_TYPED)
    purpose: Literal[tuple(Purpose.values)] = Purpose.GUEST
    valid_from: datetime | None = None
    valid_until: datetime | None = Field(
        None, description="Default: the community's window after `valid_from`."
    )
    entries: int = Field(1, ge=1, le=50)
    zone: Literal[tuple(Zone.values)] = Zone.ESTATE
    plate: str = Field("", max_length=20, pattern=f"^$|{PLATE_TYPED}")
    note: column_text(Invitation, "note", required=False) = ""


class InvitationCreated(Schema):
    id: int
    code: str
    token: str
    qr_svg_url: str
    status: str


class InvitationOut(Schema):
    id: int
    community_id: int
    unit_id: int | None
    host: str
    visitor_name: str
    visitor_mobile: str = Field(description="Masked: the middle digits hidden.")
    purpose: str
    valid_from: datetime
    valid_until: datetime
    entries_allowed: int
    entries_used: int
    zone: str
    plate: str
    status: str
    walk_in: bool
    inside: bool
    code: str


class InvitationFilters(Schema):
    community_id: Id = None
    status: Literal["pending", "active", "revoked", "used_up", "expired", "no_show"] | None = None


class VerifyIn(Body):
    code: str = Field(min_length=1, max_length=400, pattern=r"^[^\x00]*$")
    gate: str = Field("", max_length=100, pattern=r"^[^\x00]*$")
    zone: Literal[tuple(Zone.values)] = Field(Zone.ESTATE, description="The checkpoint's zone.")


class VerifyOut(Schema):
    result: Result
    reason: str = Field(description="Finer than `result`: not_yet_valid, awaiting_host, …")
    message: str
    id: int | None = None
    visitor_name: str | None = None
    host: str | None = None
    purpose: str | None = None
    valid_until: datetime | None = None
    entries_left: int | None = None
    plate: str | None = None


class GateIn(Body):
    gate: str = Field("", max_length=100, pattern=r"^[^\x00]*$")
    zone: Literal[tuple(Zone.values)] = Zone.ESTATE


class AccessEventOut(Schema):
    id: int
    invitation_id: int
    kind: Literal["in", "out"]
    gate: str
    at: datetime
    status: str
    entries_left: int


class PublicKeyOut(Schema):
    algorithm: Literal["Ed25519"]
    public_key: str = Field(description="The raw 32-byte key, base64url without padding.")
    pem: str
    token_layout: str


def _created(invitation: Invitation) -> dict:
    return {
        "id": invitation.pk,
        "code": invitation.code,
        "token": queries.token_of(invitation),
        "qr_svg_url": reverse("api-v1:invitation_qr", args=[invitation.pk]),
        "status": invitation.status,
    }


def _out(invitation: Invitation) -> dict:
    return {
        "id": invitation.pk,
        "community_id": invitation.community_id,
        "unit_id": invitation.unit_id,
        "host": invitation.host_label,
        "visitor_name": invitation.visitor_name,
        "visitor_mobile": invitation.mobile_masked,
        "purpose": invitation.purpose,
        "valid_from": invitation.valid_from,
        "valid_until": invitation.valid_until,
        "entries_allowed": invitation.entries_allowed,
        "entries_used": invitation.entries_used,
        "zone": invitation.zone,
        "plate": invitation.plate,
        "status": invitation.status,
        "walk_in": invitation.walk_in,
        "inside": invitation.inside,
        "code": invitation.code,
    }


def _visible(request):
    return queries.with_hosts(queries.invitations_visible_to(request.auth))


@router.post(
    "/invitations",
    response={201: InvitationCreated, **errors()},
    summary="Invite a visitor (a resident to their own home; the office to any home)",
)
def invitation_create(request, payload: InvitationIn):
    reachable = set(policy.community_ids_with(request.auth, "pass.register")) | {
        home["community_id"] for home in policy.resident_homes(request.auth)
    }
    if payload.community_id not in reachable:
        raise ValidationError({"community_id": [not_found(_("Choose one of your communities."))]})
    community = Community.objects.get(pk=payload.community_id)
    unit = None
    if payload.unit_id is not None:
        unit = Unit.objects.filter(pk=payload.unit_id, community=community).first()
        if unit is None:
            raise ValidationError({"unit_id": [not_found(_("Choose a home of this community."))]})
    data = payload.model_dump(exclude={"community_id", "unit_id"})
    invitation = services.invitation_create(
        actor=request.auth, community=community, unit=unit, data=data
    )
    return Status(201, _created(invitation))


@router.get(
    "/invitations",
    response={200: Page[InvitationOut], **errors()},
    summary="Invitations the caller may see (a resident: their homes' only), latest first",
)
def invitation_list(request, filters: Query[InvitationFilters], paging: Query[PageParams]):
    rows = queries.with_hosts(queries.invitations_visible_to(request.auth, filters.community_id))
    if filters.status:
        rows = rows.filter(status=filters.status)
    count, items = paginate(rows.order_by("-valid_from", "-pk"), paging)
    return {"count": count, "items": [_out(i) for i in items]}


@router.get(
    "/invitations/{invitation_id}/qr.svg",
    response={200: None, **errors()},
    url_name="invitation_qr",
    summary="The pass's QR code (the signed token) as SVG",
)
def invitation_qr(request, invitation_id: Id):
    invitation = get_object_or_404(_visible(request), pk=invitation_id)
    svg = qr.qr_svg(queries.token_of(invitation), title=_("Pass"), scale=5)
    return HttpResponse(svg, content_type="image/svg+xml")


@router.post(
    "/invitations/{invitation_id}/revoke",
    response={200: InvitationOut, **errors()},
    summary="Revoke a pass: the gate refuses it from now on",
)
def invitation_revoke(request, invitation_id: Id):
    invitation = get_object_or_404(_visible(request), pk=invitation_id)
    return _out(services.invitation_revoke(actor=request.auth, invitation=invitation))


@router.post(
    "/passes/verify",
    response={200: VerifyOut, **errors()},
    summary="Check a scanned token or a typed code at a gate",
)
def pass_verify(request, payload: VerifyIn):
    if not policy.has_perm_anywhere(request.auth, "pass.verify"):
        raise PermissionDenied(_("You may not do this."))
    verdict = queries.verdict(request.auth, payload.code, checkpoint=payload.zone)
    answer = {"result": verdict.result, "reason": verdict.reason, "message": verdict.message}
    invitation = verdict.invitation
    if invitation is not None:
        answer.update(
            id=invitation.pk,
            visitor_name=invitation.visitor_name,
            host=invitation.host_label,
            purpose=invitation.get_purpose_display(),
            valid_until=invitation.valid_until,
            entries_left=invitation.entries_left,
            plate=invitation.plate,
        )
    return answer


def _gate_pass(request, invitation_id: int) -> Invitation:
    rows = Invitation.objects.filter(
        community_id__in=policy.community_ids_with(request.auth, "pass.verify")
    )
    return get_object_or_404(rows, pk=invitation_id)


def _event_out(event, invitation: Invitation) -> dict:
    invitation.refresh_from_db(fields=["status", "entries_used"])
    return {
        "id": event.pk,
        "invitation_id": invitation.pk,
        "kind": event.kind,
        "gate": event.gate,
        "at": event.at,
        "status": invitation.status,
        "entries_left": invitation.entries_left,
    }


@router.post(
    "/passes/{invitation_id}/check-in",
    response={201: AccessEventOut, **errors()},
    summary="Let the visitor in: uses one entry; refused (409) unless the pass is valid",
)
def pass_check_in(request, invitation_id: Id, payload: GateIn | None = None):
    invitation = _gate_pass(request, invitation_id)
    payload = payload or GateIn()
    event = services.pass_check_in(
        actor=request.auth, invitation=invitation, gate=payload.gate, checkpoint=payload.zone
    )
    return Status(201, _event_out(event, invitation))


@router.post(
    "/passes/{invitation_id}/check-out",
    response={201: AccessEventOut, **errors()},
    summary="Record the visitor leaving",
)
def pass_check_out(request, invitation_id: Id, payload: GateIn | None = None):
    invitation = _gate_pass(request, invitation_id)
    payload = payload or GateIn()
    event = services.pass_check_out(actor=request.auth, invitation=invitation, gate=payload.gate)
    return Status(201, _event_out(event, invitation))


@router.get(
    "/passes/public-key",
    auth=None,
    response={200: PublicKeyOut},
    summary="The key a gate device checks pass tokens with, offline",
)
def pass_public_key(request):
    return {
        "algorithm": "Ed25519",
        "public_key": tokens.public_key_raw(),
        "pem": tokens.public_key_pem(),
        "token_layout": "base64url(version u8 | invitation id u64 | community id u64 | "
        "valid until i64 Unix seconds | nonce i64, big-endian | Ed25519 signature 64 bytes)",
    }


for _path_view in router.path_operations.values():
    for _operation in _path_view.operations:
        _operation.operation_id = f"wuye_security_passes_api_{_operation.view_func.__name__}"
