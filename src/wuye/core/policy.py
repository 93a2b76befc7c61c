"""The permission policy: the one place that answers "may this user do this to this object?".

Staff reach a community through memberships with roles; each role grants a set of
permissions (`area.verb`). Residents reach only their own homes and what hangs off them.
Pages, the API and the admin all ask here; queries scope lists with `community_ids_with`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from .models import Community, Membership, Role

if TYPE_CHECKING:
    from django.db.models import QuerySet

R = Role
ALL_STAFF = frozenset(Role.values)
OFFICE = frozenset({R.COMPANY_ADMIN, R.PROPERTY_MANAGER, R.CS_SUPERVISOR, R.FRONT_DESK})

# Which rows of a model a resident may do `action` to: a queryset (the list query the app
# shows them), or None when residents may never do it.
ResidentRule = Callable[[Any, str], "QuerySet | None"]


@dataclass(frozen=True)
class Area:
    """A permission area an app declares in its `AppConfig.ready()`.

    `verbs` maps each verb to the roles that hold `name.verb`; `models` maps each model label
    the area governs to its resident rule (None: residents never reach that model).
    `second_factor` names the verbs whose holders must sign in with a second factor: those
    that read full ID numbers, approve money or configure the community.
    """

    name: str
    verbs: Mapping[str, frozenset[str]]
    models: Mapping[str, ResidentRule | None] = field(default_factory=dict)
    second_factor: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Residents:
    """How a login maps to resident records and homes; the register supplies it."""

    resident_ids: Callable[[Any], Iterable[int]]
    unit_ids: Callable[[Any], Iterable[int]]
    homes: Callable[[Any], list[dict]]


# Filled by `register` and `register_residents` as the apps start.
REGISTERED: dict[str, Area] = {}
PERMISSIONS: dict[str, frozenset[str]] = {}  # permission -> roles that hold it
AREAS: dict[str, str] = {}  # model label -> permission area
RESIDENT_RULES: dict[str, ResidentRule] = {}
CLAIMS: dict[str, list[str]] = {}  # model label -> every area that claimed it (for the check)
SECOND_FACTOR: set[str] = set()  # permissions whose holders sign in with a second factor
_residents: list[Residents] = []


def register(area: Area) -> Area:
    """Declare an area's permissions and models; called once per area at start-up."""
    if REGISTERED.get(area.name) is area:
        return area
    REGISTERED[area.name] = area
    for verb, roles in area.verbs.items():
        PERMISSIONS[f"{area.name}.{verb}"] = frozenset(roles)
    SECOND_FACTOR.update(f"{area.name}.{verb}" for verb in area.second_factor)
    for label, rule in area.models.items():
        CLAIMS.setdefault(label, []).append(area.name)
        AREAS.setdefault(label, area.name)
        if rule is not None and AREAS[label] == area.name:
            RESIDENT_RULES[label] = rule
    return area


def register_residents(directory: Residents) -> None:
    _residents[:] = [directory]


def _cache(user) -> dict[str, Any]:
    cache = getattr(user, "_wuye_policy", None)
    if cache is None:
        cache = {}
        user._wuye_policy = cache
    return cache


def roles_by_community(user) -> dict[int, frozenset[str]]:
    """Every community the user reaches as staff, with the roles held there."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return {}
    cache = _cache(user)
    if "roles" not in cache:
        roles: dict[int, set[str]] = {}
        memberships = Membership.objects.filter(user=user, active=True).values_list(
            "company_id", "community_id", "role"
        )
        admin_companies = set()
        for company_id, community_id, role in memberships:
            if role == R.COMPANY_ADMIN and community_id is None:
                admin_companies.add(company_id)
            else:
                roles.setdefault(community_id, set()).add(role)
        if admin_companies:
            for cid in Community.objects.filter(company_id__in=admin_companies).values_list(
                "pk", flat=True
            ):
                roles.setdefault(cid, set()).add(R.COMPANY_ADMIN)
        cache["roles"] = {cid: frozenset(r) for cid, r in roles.items()}
    return cache["roles"]


def is_staff_member(user) -> bool:
    return bool(roles_by_community(user))


def roles_in(user, community_id: int | None) -> frozenset[str]:
    return roles_by_community(user).get(community_id, frozenset())


def has_perm(user, perm: str, community_id: int | None) -> bool:
    """Whether the user holds `perm` in the community through one of their roles."""
    allowed = PERMISSIONS[perm]
    return bool(roles_in(user, community_id) & allowed)


def community_ids_with(user, perm: str) -> list[int]:
    """The communities in which the user holds `perm` (empty for residents)."""
    allowed = PERMISSIONS[perm]
    return sorted(cid for cid, roles in roles_by_community(user).items() if roles & allowed)


def has_perm_anywhere(user, perm: str) -> bool:
    return bool(community_ids_with(user, perm))


def requires_second_factor(user) -> bool:
    """Whether the user must confirm each sign-in with a code: they hold, in some community,
    a permission an area marks for it, or they are a superuser (the admin configures all)."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    if user.is_superuser:
        return True
    held = frozenset().union(*roles_by_community(user).values())
    return any(PERMISSIONS[perm] & held for perm in SECOND_FACTOR)


# ---- residents -------------------------------------------------------------------------


def resident_ids(user) -> list[int]:
    """The resident records linked to this login (one per community they live in)."""
    if not getattr(user, "is_authenticated", False) or not user.is_active or not _residents:
        return []
    cache = _cache(user)
    if "resident_ids" not in cache:
        cache["resident_ids"] = list(_residents[0].resident_ids(user))
    return cache["resident_ids"]


def resident_unit_ids(user) -> list[int]:
    """The homes the user currently lives in or owns (active residencies)."""
    if not resident_ids(user):
        return []
    cache = _cache(user)
    if "unit_ids" not in cache:
        cache["unit_ids"] = sorted(set(_residents[0].unit_ids(user)))
    return cache["unit_ids"]


def resident_homes(user) -> list[dict]:
    """The user's current homes as {"id", "community_id", "label", "relation"}."""
    if not resident_ids(user):
        return []
    return _residents[0].homes(user)


def is_resident(user) -> bool:
    return bool(resident_ids(user))


def _resident_may(user, action: str, obj) -> bool:
    """A resident may act on a row when the area's resident list for that action holds it."""
    rule = RESIDENT_RULES.get(obj._meta.label_lower)
    if rule is None or not resident_unit_ids(user):
        return False
    rows = rule(user, action)
    return rows is not None and rows.filter(pk=obj.pk).exists()


# ---- the one question ------------------------------------------------------------------


def can(user, action: str, obj) -> bool:
    """May `user` do `action` ("view", "change", "move", "view_mobile", ...) to `obj`?"""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    label = obj._meta.label_lower
    area = AREAS.get(label)
    if area is None:
        return False
    perm = f"{area}.{action}"
    if perm in PERMISSIONS and has_perm(user, perm, obj.community_id):
        return True
    return _resident_may(user, action, obj)


def require(user, action: str, obj) -> None:
    """Raise PermissionDenied unless `can(user, action, obj)`."""
    if not can(user, action, obj):
        raise PermissionDenied(_("You may not do this."))


def require_perm(user, perm: str, community_id: int | None) -> None:
    if not has_perm(user, perm, community_id):
        raise PermissionDenied(_("You may not do this."))


def forget(user) -> None:
    """Drop what was cached on the user (after memberships or residencies change)."""
    if hasattr(user, "_wuye_policy"):
        del user._wuye_policy


def roles_display(roles: Iterable[str]) -> list[str]:
    return [str(Role(r).label) for r in sorted(roles)]
