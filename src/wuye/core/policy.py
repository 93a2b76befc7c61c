"""The permission policy: the one place that answers "may this user do this to this object?".

Staff reach a community through memberships with roles; each role grants a set of
permissions (`area.verb`). Residents reach only their own homes and what hangs off them.
Pages, the API and the admin all ask here; queries scope lists with `community_ids_with`.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from .models import Community, Membership, Role

R = Role
ALL_STAFF = frozenset(Role.values)
OFFICE = frozenset({R.COMPANY_ADMIN, R.PROPERTY_MANAGER, R.CS_SUPERVISOR, R.FRONT_DESK})

# permission -> roles that hold it
PERMISSIONS: dict[str, frozenset[str]] = {
    "community.view": ALL_STAFF,
    "community.change": frozenset({R.COMPANY_ADMIN, R.PROPERTY_MANAGER}),
    "register.view": ALL_STAFF,
    "register.change": OFFICE,
    "register.import": frozenset({R.COMPANY_ADMIN, R.PROPERTY_MANAGER, R.CS_SUPERVISOR}),
    "register.export": OFFICE | {R.ACCOUNTANT},
    "resident.view": ALL_STAFF,
    "resident.change": OFFICE,
    "resident.move": OFFICE,
    # Phone numbers are shown in full only to roles that call residents back.
    "resident.view_mobile": OFFICE
    | {
        R.ENGINEERING_SUPERVISOR,
        R.TECHNICIAN,
        R.SECURITY_SUPERVISOR,
        R.CASHIER,
        R.ACCOUNTANT,
        R.DECORATION_INSPECTOR,
    },
    # Reading a full ID-card number is rare and audited.
    "resident.view_id_number": frozenset({R.COMPANY_ADMIN, R.PROPERTY_MANAGER, R.CS_SUPERVISOR}),
    "audit.view": frozenset({R.COMPANY_ADMIN, R.PROPERTY_MANAGER}),
    # billing: fee items and bill runs, cashiering, approvals of waivers and refunds
    "billing.view": OFFICE | {R.CASHIER, R.ACCOUNTANT},
    "billing.configure": frozenset({R.COMPANY_ADMIN, R.PROPERTY_MANAGER, R.ACCOUNTANT}),
    "billing.run": frozenset({R.COMPANY_ADMIN, R.PROPERTY_MANAGER, R.ACCOUNTANT}),
    "billing.collect": frozenset({R.COMPANY_ADMIN, R.PROPERTY_MANAGER, R.CASHIER, R.ACCOUNTANT}),
    "billing.void": frozenset({R.COMPANY_ADMIN, R.PROPERTY_MANAGER, R.CASHIER, R.ACCOUNTANT}),
    "billing.approve": frozenset({R.COMPANY_ADMIN, R.PROPERTY_MANAGER}),
    # 抄表: engineering reads the meters; the accountant checks and imports them
    "billing.read_meters": frozenset(
        {R.COMPANY_ADMIN, R.PROPERTY_MANAGER, R.ENGINEERING_SUPERVISOR, R.TECHNICIAN, R.ACCOUNTANT}
    ),
    # Owners' votes: the office follows them and records paper ballots; managers run them.
    "vote.view": OFFICE,
    "vote.record_ballot": OFFICE,
    "vote.manage": frozenset({R.COMPANY_ADMIN, R.PROPERTY_MANAGER}),
    # Notices: every member of staff reads them; the office writes; supervisors publish.
    "notice.view": ALL_STAFF,
    "notice.change": OFFICE,
    "notice.publish": frozenset({R.COMPANY_ADMIN, R.PROPERTY_MANAGER, R.CS_SUPERVISOR}),
    # The management service report: the office reads it; managers publish it to owners.
    "report.view": OFFICE,
    "report.publish": frozenset({R.COMPANY_ADMIN, R.PROPERTY_MANAGER}),
    # Satisfaction surveys: the office follows them and records paper questionnaires; the
    # manager and the customer-service supervisor build and publish them.
    "survey.view": OFFICE,
    "survey.record_response": OFFICE,
    "survey.manage": frozenset({R.COMPANY_ADMIN, R.PROPERTY_MANAGER, R.CS_SUPERVISOR}),
    # Fund-usage publicity (财务公示): the office and the accounts read it, drafts included;
    # the manager and the accountant prepare it; a manager publishes it and keeps the
    # owners' committee (业主委员会) register.
    "publicity.view": OFFICE | {R.CASHIER, R.ACCOUNTANT},
    "publicity.prepare": frozenset({R.COMPANY_ADMIN, R.PROPERTY_MANAGER, R.ACCOUNTANT}),
    "publicity.publish": frozenset({R.COMPANY_ADMIN, R.PROPERTY_MANAGER}),
    "committee.manage": frozenset({R.COMPANY_ADMIN, R.PROPERTY_MANAGER}),
    # Work orders (customer center): every staff member sees and reports them; the office
    # receives, dispatches, replies, calls back, closes, reopens and cancels; the engineering
    # supervisor dispatches repairs; technicians act on what is assigned to them.
    "workorder.view": ALL_STAFF,
    "workorder.create": ALL_STAFF,
    "workorder.accept": OFFICE,
    "workorder.dispatch": OFFICE,
    "workorder.dispatch_repairs": frozenset({R.ENGINEERING_SUPERVISOR}),
    "workorder.visit": OFFICE,
    # Replies to complainants (答复): the front desk, the customer-service supervisor and
    # the manager record them; the daily register of replies is theirs.
    "workorder.reply": OFFICE,
    "workorder.close": OFFICE,
    "workorder.reopen": OFFICE,
    "workorder.cancel": OFFICE,
    # Every order of the community, closed ones too, with its caller's details, and its export.
    "workorder.list": OFFICE
    | {
        R.ENGINEERING_SUPERVISOR,
        R.SECURITY_SUPERVISOR,
        R.ENVIRONMENT_SUPERVISOR,
    },
    "workorder.supervise": frozenset(
        {
            R.COMPANY_ADMIN,
            R.PROPERTY_MANAGER,
            R.CS_SUPERVISOR,
            R.ENGINEERING_SUPERVISOR,
            R.SECURITY_SUPERVISOR,
            R.ENVIRONMENT_SUPERVISOR,
        }
    ),
    "workorder.configure": frozenset({R.COMPANY_ADMIN, R.PROPERTY_MANAGER}),
    # Items charged off the published price list wait for a supervisor's approval.
    "workorder.approve_items": frozenset(
        {R.COMPANY_ADMIN, R.PROPERTY_MANAGER, R.CS_SUPERVISOR, R.ENGINEERING_SUPERVISOR}
    ),
    # Community life: every member of staff sees events and groups; the office and the
    # clubhouse run events; the office runs reception days and records visits (走访).
    "event.view": ALL_STAFF,
    "event.manage": OFFICE | {R.CLUBHOUSE_STAFF},
    "reception.view": OFFICE,
    "reception.manage": OFFICE,
    "visit.view": OFFICE,
    "visit.record": OFFICE,
}

# model label -> permission area; the action is the verb ("view", "change", ...)
AREAS: dict[str, str] = {
    "core.community": "community",
    "core.servicestandard": "community",
    "estates.building": "register",
    "estates.unit": "register",
    "estates.vehicle": "register",
    "estates.parkingspace": "register",
    "estates.resident": "resident",
    "estates.residency": "resident",
    "servicedesk.workorder": "workorder",
    "engagement.vote": "vote",
    "engagement.notice": "notice",
    "engagement.survey": "survey",
    "engagement.fundperiod": "publicity",
}


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


# ---- residents -------------------------------------------------------------------------


def resident_ids(user) -> list[int]:
    """The resident records linked to this login (one per community they live in)."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return []
    cache = _cache(user)
    if "resident_ids" not in cache:
        from wuye.estates.models import Resident

        cache["resident_ids"] = list(
            Resident.objects.filter(user=user).values_list("pk", flat=True)
        )
    return cache["resident_ids"]


def resident_unit_ids(user) -> list[int]:
    """The homes the user currently lives in or owns (active residencies)."""
    cache = _cache(user)
    if "unit_ids" not in cache:
        from wuye.estates.models import Residency

        ids = resident_ids(user)
        cache["unit_ids"] = sorted(
            set(
                Residency.objects.current()
                .filter(resident_id__in=ids)
                .values_list("unit_id", flat=True)
            )
        )
    return cache["unit_ids"]


def is_resident(user) -> bool:
    return bool(resident_ids(user))


def _resident_may(user, action: str, obj) -> bool:
    label = obj._meta.label_lower
    units = set(resident_unit_ids(user))
    if not units:
        return False
    if label == "estates.unit":
        return action == "view" and obj.pk in units
    if label == "estates.building":
        return action == "view" and obj.units.filter(pk__in=units).exists()
    if label == "core.community":
        return action == "view" and obj.units.filter(pk__in=units).exists()
    if label == "estates.resident":
        if obj.pk in resident_ids(user):
            return action in {"view", "change", "view_mobile"}
        return action == "view" and obj.residencies.current().filter(unit_id__in=units).exists()
    if label == "estates.residency":
        return action == "view" and obj.unit_id in units
    if label == "estates.vehicle":
        return (
            action == "view"
            and obj.resident_id is not None
            and obj.resident.residencies.current().filter(unit_id__in=units).exists()
        )
    if label == "servicedesk.workorder":
        # A resident sees the orders of their homes and those they reported themselves;
        # what they may do to one is decided by servicedesk.workflow.
        return action == "view" and (
            obj.unit_id in units
            or obj.reporter_user_id == user.pk
            or obj.reporter_resident_id in resident_ids(user)
        )
    if label == "engagement.vote":
        from wuye.engagement.owners import owned_community_ids

        return action == "view" and obj.community_id in owned_community_ids(user)
    if label == "engagement.notice":
        from wuye.engagement.notices.queries import notices_readable_by_residents

        return action == "view" and notices_readable_by_residents(user).filter(pk=obj.pk).exists()
    if label == "engagement.survey":
        from wuye.engagement.surveys.queries import surveys_for_residents

        return action == "view" and surveys_for_residents(user).filter(pk=obj.pk).exists()
    if label == "engagement.fundperiod":
        from wuye.engagement.publicity.queries import publicity_for_residents

        return action == "view" and publicity_for_residents(user).filter(pk=obj.pk).exists()
    if label == "estates.parkingspace":
        if action != "view":
            return False
        if obj.unit_id in units:
            return True
        vehicle = obj.vehicle
        return vehicle is not None and _resident_may(user, "view", vehicle)
    return False


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
