"""API: tokens and who am I."""

import secrets

from django.contrib.auth import authenticate
from django.utils.translation import gettext as _
from ninja import Router, Schema
from ninja.errors import HttpError

from . import policy
from .models import ApiToken

router = Router(tags=["auth"])


class TokenIn(Schema):
    username: str
    password: str


class TokenOut(Schema):
    token: str


class CommunityRoles(Schema):
    community_id: int
    roles: list[str]


class UnitRef(Schema):
    id: int
    community_id: int
    label: str
    relation: str


class MeOut(Schema):
    id: int
    username: str
    name: str
    roles: list[CommunityRoles]
    units: list[UnitRef]


@router.post("/auth/token", auth=None, response={200: TokenOut}, summary="Get a bearer token")
def token_create(request, payload: TokenIn):
    user = authenticate(request, username=payload.username, password=payload.password)
    if user is None:
        raise HttpError(401, _("The username or password is not correct."))
    raw = secrets.token_urlsafe(32)
    ApiToken.objects.create(user=user, digest=ApiToken.digest_of(raw))
    return {"token": raw}


@router.get("/me", response=MeOut, summary="The logged-in user, their roles and homes")
def me(request):
    from wuye.estates.models import Residency

    user = request.auth
    roles = [
        {"community_id": cid, "roles": sorted(r)}
        for cid, r in sorted(policy.roles_by_community(user).items())
    ]
    residencies = (
        Residency.objects.current()
        .filter(resident_id__in=policy.resident_ids(user))
        .select_related("unit__building")
        .order_by("unit_id")
    )
    units = [
        {
            "id": r.unit_id,
            "community_id": r.unit.community_id,
            "label": r.unit.label,
            "relation": r.relation,
        }
        for r in residencies
    ]
    return {
        "id": user.pk,
        "username": user.get_username(),
        "name": user.get_full_name(),
        "roles": roles,
        "units": units,
    }
