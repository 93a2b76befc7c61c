"""Writing the append-only audit trail."""

from __future__ import annotations

from typing import Any

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


def diff(before: dict[str, Any], after: dict[str, Any]) -> dict[str, list[str]]:
    """Fields whose value changed, as {field: [old, new]} strings."""
    return {
        field: [str(before.get(field, "")), str(value)]
        for field, value in after.items()
        if before.get(field) != value
    }
