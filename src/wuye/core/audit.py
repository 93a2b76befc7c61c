"""The append-only audit trail: writing it, and reading it for the managers' audit log."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from django.db.models import Q
from django.utils import timezone

from . import policy
from .models import AuditEntry, Community, Membership, Role


def record(*, actor, action: str, obj, changes: dict[str, Any] | None = None) -> AuditEntry:
    """Record that `actor` did `action` to `obj` (call inside the service's transaction)."""
    community_id = getattr(obj, "community_id", None)
    return AuditEntry.objects.create(
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        community_id=community_id,
        action=action,
        object_type=obj._meta.label_lower,
        object_id=str(obj.pk),
        object_repr=str(obj)[:200],
        changes=changes or {},
    )


def record_many(
    *,
    actor,
    action: str,
    objs: Iterable,
    changes: dict[str, Any] | None = None,
    batch_size: int = 2000,
) -> int:
    """Record the same action on many objects in a few inserts (bulk imports, bill runs)."""
    actor = actor if getattr(actor, "is_authenticated", False) else None
    now = timezone.now()
    entries = [
        AuditEntry(
            at=now,
            actor=actor,
            community_id=getattr(obj, "community_id", None),
            action=action,
            object_type=obj._meta.label_lower,
            object_id=str(obj.pk),
            object_repr=str(obj)[:200],
            changes=changes or {},
        )
        for obj in objs
    ]
    AuditEntry.objects.bulk_create(entries, batch_size=batch_size)
    return len(entries)


def diff(before: dict[str, Any], after: dict[str, Any]) -> dict[str, list[str]]:
    """Fields whose value changed, as {field: [old, new]} strings."""
    return {
        field: [str(before.get(field, "")), str(value)]
        for field, value in after.items()
        if before.get(field) != value
    }


# ---- reading ----------------------------------------------------------------------------


def entries_visible_to(user, community_id: int):
    """The entries a manager of the community may read: the community's own; a company
    administrator reads those of every community of the company, and the entries without a
    community made by the company's people."""
    if not policy.has_perm(user, "audit.view", community_id):
        return AuditEntry.objects.none()
    if Role.COMPANY_ADMIN not in policy.roles_in(user, community_id):
        return AuditEntry.objects.filter(community_id=community_id)
    company_id = Community.objects.filter(pk=community_id).values("company_id")
    people = Membership.objects.filter(company_id__in=company_id).values("user_id")
    return AuditEntry.objects.filter(
        Q(community__company_id__in=company_id) | Q(community__isnull=True, actor_id__in=people)
    )


def entry_search(
    entries,
    *,
    person: str = "",
    action: str = "",
    obj: str = "",
    since: date | None = None,
    until: date | None = None,
):
    """Entries by who did it (login or name), the action, the object (its kind, number or
    name) and the days from `since` to `until`, both included."""
    if person:
        entries = entries.filter(
            Q(actor__username__icontains=person)
            | Q(actor__first_name__icontains=person)
            | Q(actor__last_name__icontains=person)
        )
    if action:
        entries = entries.filter(action__icontains=action)
    if obj:
        entries = entries.filter(
            Q(object_type__icontains=obj) | Q(object_id=obj) | Q(object_repr__icontains=obj)
        )
    if since:
        entries = entries.filter(at__date__gte=since)
    if until:
        entries = entries.filter(at__date__lte=until)
    return entries.select_related("actor", "community")
