"""Changes to visitors' passes: invite, register a walk-in, confirm, revoke, check in and
out, and the sweep that closes passes whose window has ended.

Each change is one transaction, checked by the policy and audited; a check-in locks the
pass's row, so two gates scanning one single-entry pass at once let one visitor in.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from wuye.core import audit, notify, policy
from wuye.core.models import Community
from wuye.core.validators import clean_text, conflict, normalize_id_number, normalize_mobile
from wuye.estates import plates
from wuye.estates.models import Residency, Unit

from . import notifications, queries, tokens
from .exports import visitor_workbook
from .models import (
    AccessEvent,
    AccessKind,
    Confirmation,
    Invitation,
    PassSettings,
    PassStatus,
    Purpose,
    Zone,
)

LONGEST_WINDOW = timedelta(days=31)


def pass_settings_of(community: Community) -> PassSettings:
    """The community's pass settings (the lawful defaults until a manager saves them)."""
    found = PassSettings.objects.filter(community=community).first()
    return found or PassSettings(community=community)


def _clean(data: dict[str, Any], settings: PassSettings, now: datetime) -> dict[str, Any]:
    """The invitation's fields from `data`, or a ValidationError naming each bad field."""
    errors: dict[str, list[str]] = {}
    cleaned: dict[str, Any] = {}
    cleaned["visitor_name"] = clean_text(data.get("visitor_name"))[:100]
    if not cleaned["visitor_name"]:
        errors["visitor_name"] = [_("Enter the visitor's name.")]
    for field, clean in (
        ("visitor_mobile", normalize_mobile),
        ("plate", lambda text: plates.validate(text) if clean_text(text) else ""),
        ("id_number", normalize_id_number),
    ):
        try:
            cleaned[field] = clean(data.get(field) or "")
        except ValidationError as error:
            errors[field] = error.messages
    cleaned["purpose"] = data.get("purpose") or Purpose.GUEST
    if cleaned["purpose"] not in Purpose.values:
        errors["purpose"] = [_("Choose a purpose from the list.")]
    cleaned["zone"] = data.get("zone") or Zone.ESTATE
    if cleaned["zone"] not in Zone.values:
        errors["zone"] = [_("Choose a zone from the list.")]
    cleaned["note"] = clean_text(data.get("note"))[:200]
    entries = data.get("entries") or 1
    if not isinstance(entries, int) or not 1 <= entries <= 50:
        errors["entries"] = [_("A pass allows from 1 to 50 entries.")]
    cleaned["entries_allowed"] = entries
    valid_from = data.get("valid_from") or now
    valid_until = data.get("valid_until") or valid_from + timedelta(
        hours=settings.default_window_hours
    )
    if valid_until <= now:
        errors["valid_until"] = [conflict(_("The pass must end in the future."))]
    elif valid_until <= valid_from:
        errors["valid_until"] = [_("The pass must end after it starts.")]
    elif valid_until - valid_from > LONGEST_WINDOW:
        errors["valid_until"] = [_("A pass lasts at most 31 days.")]
    elif valid_from > now + timedelta(days=90):
        errors["valid_from"] = [conflict(_("Invite at most 90 days ahead."))]
    cleaned["valid_from"], cleaned["valid_until"] = valid_from, valid_until
    if errors:
        raise ValidationError(errors)
    return cleaned


def _new_invitation(*, community, unit, host_staff, fields, actor, status, walk_in) -> Invitation:
    id_number = fields.pop("id_number", "")
    for _attempt in range(5):
        invitation = Invitation(
            community=community,
            unit=unit,
            host_staff=host_staff,
            status=status,
            walk_in=walk_in,
            created_by=actor,
            code=tokens.new_code(),
            nonce=tokens.new_nonce(),
            **fields,
        )
        invitation.set_id_number(id_number)
        try:
            with transaction.atomic():
                invitation.save()
        except IntegrityError:
            continue  # the code was taken (once in ~10¹¹): draw another
        return invitation
    raise conflict(_("No free pass code was found; please try again."))


def _acts_for(actor, unit: Unit | None, community: Community) -> bool:
    """Staff who register passes act for any home; a resident for their own homes only.
    True when the actor acts as staff."""
    if policy.has_perm(actor, "pass.register", community.pk):
        return True
    if unit is not None and unit.pk in policy.resident_unit_ids(actor):
        return False
    raise PermissionDenied(_("You may invite visitors only to your own homes."))


@transaction.atomic
def invitation_create(
    *, actor, community: Community, unit: Unit | None, data: dict[str, Any]
) -> Invitation:
    """Invite a visitor to a home (its owner or tenant, or the office for them), or to the
    office when no home is given (its staff member is the host). A home invites at most
    the community's number of visitors a day."""
    if unit is not None and unit.community_id != community.pk:
        raise ValidationError({"unit_id": [_("Choose a home of this community.")]})
    staff = _acts_for(actor, unit, community)
    now = timezone.now()
    settings = pass_settings_of(community)
    fields = _clean(data, settings, now)
    if unit is not None:
        # Lock the home so that two invitations sent at once count one after the other.
        Unit.objects.select_for_update().filter(pk=unit.pk).first()
        limit = settings.invites_per_home_per_day
        if limit and queries.invites_today(unit.pk, now) >= limit:
            raise conflict(
                _("This home has already invited %(limit)s visitors today, the most allowed.")
                % {"limit": limit}
            )
    invitation = _new_invitation(
        community=community,
        unit=unit,
        host_staff=actor if unit is None and staff else None,
        fields=fields,
        actor=actor,
        status=PassStatus.ACTIVE,
        walk_in=False,
    )
    audit.record(
        actor=actor,
        action="pass.invite",
        obj=invitation,
        changes={
            "status": [None, invitation.status],
            "entries_allowed": [None, str(invitation.entries_allowed)],
        },
    )
    return invitation


def _hosts(unit: Unit) -> list:
    rows = Residency.objects.current().filter(unit=unit, resident__user__isnull=False)
    return [r.resident.user for r in rows.select_related("resident__user")]


@transaction.atomic
def walk_in_register(
    *, actor, community: Community, unit: Unit | None, data: dict[str, Any]
) -> Invitation:
    """Register a visitor who came without an invitation. A visitor for a home waits for
    the host to confirm (in the portal, or by phone as the office records); a visitor for
    the office is let in by the member of staff who registers them."""
    policy.require_perm(actor, "pass.register", community.pk)
    if unit is not None and unit.community_id != community.pk:
        raise ValidationError({"unit_id": [_("Choose a home of this community.")]})
    now = timezone.now()
    settings = pass_settings_of(community)
    fields = _clean({"valid_from": now, **data}, settings, now)
    if settings.id_number_required and not fields["id_number"]:
        raise ValidationError(
            {"id_number": [_("This community asks walk-in visitors for their ID number.")]}
        )
    invitation = _new_invitation(
        community=community,
        unit=unit,
        host_staff=None if unit else actor,
        fields=fields,
        actor=actor,
        status=PassStatus.PENDING if unit else PassStatus.ACTIVE,
        walk_in=True,
    )
    audit.record(
        actor=actor,
        action="pass.walk_in",
        obj=invitation,
        changes={"status": [None, invitation.status]},
    )
    if unit is not None:
        hosts = _hosts(unit)
        invitation_id = invitation.pk

        def tell() -> None:
            row = Invitation.objects.select_related("unit__building").get(pk=invitation_id)
            notify.deliver(
                hosts,
                lambda: (
                    str(notifications.WALK_IN_WAITING.text),
                    # The visitor's name stays on the pass, which retention deletes in time;
                    # the message in the inbox names the home only.
                    _("A visitor is at the gate for %(home)s. Open the message to see who.")
                    % {"home": row.unit.label},
                ),
                kind=notifications.WALK_IN_WAITING,
                about=row,
                community=community,
            )

        transaction.on_commit(tell)
    return invitation


def _locked(invitation: Invitation) -> Invitation:
    return Invitation.objects.select_for_update().get(pk=invitation.pk)


@transaction.atomic
def invitation_confirm(*, actor, invitation: Invitation, by_phone: bool = False) -> Invitation:
    """The host lets a waiting walk-in in: in the portal, or on the phone to the gate (the
    member of staff records it)."""
    invitation = _locked(invitation)
    if by_phone:
        policy.require_perm(actor, "pass.register", invitation.community_id)
    else:
        policy.require(actor, "confirm", invitation)
    if invitation.status != PassStatus.PENDING:
        raise conflict(_("This visitor is not waiting for a confirmation."))
    if invitation.valid_until <= timezone.now():
        raise conflict(_("This visit's window has ended."))
    invitation.status = PassStatus.ACTIVE
    invitation.confirmed_via = Confirmation.PHONE if by_phone else Confirmation.PORTAL
    invitation.confirmed_by, invitation.confirmed_at = actor, timezone.now()
    invitation.save(update_fields=["status", "confirmed_via", "confirmed_by", "confirmed_at"])
    audit.record(
        actor=actor,
        action="pass.confirm",
        obj=invitation,
        changes={
            "status": [PassStatus.PENDING, PassStatus.ACTIVE],
            "confirmed_via": [None, invitation.confirmed_via],
        },
    )
    return invitation


@transaction.atomic
def invitation_revoke(*, actor, invitation: Invitation) -> Invitation:
    """Withdraw a pass (or refuse a waiting walk-in): the gate refuses it from now on."""
    invitation = _locked(invitation)
    policy.require(actor, "revoke", invitation)
    if invitation.status not in (PassStatus.PENDING, PassStatus.ACTIVE):
        raise conflict(_("Only a pass still open can be revoked."))
    before = invitation.status
    invitation.status = PassStatus.REVOKED
    invitation.save(update_fields=["status"])
    audit.record(
        actor=actor,
        action="pass.revoke",
        obj=invitation,
        changes={"status": [before, PassStatus.REVOKED]},
    )
    return invitation


@transaction.atomic
def pass_check_in(
    *, actor, invitation: Invitation, gate: str = "", checkpoint: str = Zone.ESTATE
) -> AccessEvent:
    """Let the visitor in: the pass must be valid here and now; it uses one entry."""
    policy.require_perm(actor, "pass.verify", invitation.community_id)
    invitation = _locked(invitation)
    now = timezone.now()
    verdict = queries.Verdict(queries.reason_for(invitation, checkpoint, now), invitation)
    if not verdict.valid:
        raise conflict(verdict.message)
    invitation.entries_used += 1
    invitation.inside = True
    if invitation.entries_used >= invitation.entries_allowed:
        invitation.status = PassStatus.USED_UP
    invitation.save(update_fields=["entries_used", "inside", "status"])
    event = AccessEvent.objects.create(
        community_id=invitation.community_id,
        invitation=invitation,
        kind=AccessKind.CHECK_IN,
        gate=clean_text(gate)[:100],
        guard=actor,
        at=now,
    )
    audit.record(
        actor=actor,
        action="pass.check_in",
        obj=invitation,
        changes={"entries_used": [str(invitation.entries_used - 1), str(invitation.entries_used)]},
    )
    return event


@transaction.atomic
def pass_check_out(*, actor, invitation: Invitation, gate: str = "") -> AccessEvent:
    """Record the visitor leaving; a pass that has ended still lets its visitor out."""
    policy.require_perm(actor, "pass.verify", invitation.community_id)
    invitation = _locked(invitation)
    if not invitation.inside:
        raise conflict(_("This visitor is not inside."))
    invitation.inside = False
    invitation.save(update_fields=["inside"])
    event = AccessEvent.objects.create(
        community_id=invitation.community_id,
        invitation=invitation,
        kind=AccessKind.CHECK_OUT,
        gate=clean_text(gate)[:100],
        guard=actor,
        at=timezone.now(),
    )
    audit.record(actor=actor, action="pass.check_out", obj=invitation, changes={})
    return event


def passes_close(now: datetime | None = None) -> dict[str, int]:
    """Close the passes whose window has ended: never used → no-show, else expired (a
    waiting walk-in → expired). Conditional updates: a pass used meanwhile is left alone."""
    now = now or timezone.now()
    ended = Invitation.objects.filter(valid_until__lte=now)
    no_show = ended.filter(status=PassStatus.ACTIVE, entries_used=0).update(
        status=PassStatus.NO_SHOW
    )
    expired = ended.filter(status__in=[PassStatus.ACTIVE, PassStatus.PENDING]).update(
        status=PassStatus.EXPIRED
    )
    return {"no_show": no_show, "expired": expired}


def visitor_records_export(*, actor, community: Community, text: str) -> tuple[int, bytes]:
    """Everything held about a visitor found by name or mobile, as a workbook; the export is
    audited with how many passes it held (never who or what)."""
    policy.require_perm(actor, "pass.records", community.pk)
    rows = list(queries.visitor_records(community.pk, text).order_by("-valid_from", "-pk"))
    content = visitor_workbook(rows)
    audit.record(
        actor=actor,
        action="pass.visitor_export",
        obj=community,
        changes={"passes": len(rows)},
    )
    return len(rows), content
