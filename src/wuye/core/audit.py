"""Writing the append-only audit trail."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.utils import timezone

from .models import AuditEntry


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
