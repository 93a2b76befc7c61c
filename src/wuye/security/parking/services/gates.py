"""The community's lanes, as their cameras name them."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from wuye.core import audit

from ..models import Direction, Gate


@transaction.atomic
def gate_save(*, actor, community, code: str, name: str, directions: str = "in,out") -> Gate:
    """Add a lane or rename it; `directions` is "in", "out" or both, as the lane allows."""
    code, name = (code or "").strip(), (name or "").strip()
    wanted = [part.strip() for part in (directions or "").split(",") if part.strip()]
    if not code or not name:
        raise ValidationError(_("A lane needs a code and a name."), code="required")
    if not wanted or not set(wanted) <= set(Direction.values):
        raise ValidationError(_("The direction is “in” or “out”."), code="direction")
    gate, created = Gate.objects.update_or_create(
        community=community,
        code=code,
        defaults={"name": name, "directions": ",".join(sorted(set(wanted)))},
    )
    audit.record(
        actor=actor,
        action="parking_gate.add" if created else "parking_gate.change",
        obj=gate,
        changes={"name": name, "directions": gate.directions},
    )
    return gate
