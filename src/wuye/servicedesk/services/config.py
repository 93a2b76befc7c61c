"""Configuration of the customer center that is written as data (the default SLA policies)."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from wuye.core import policy
from wuye.core.models import Community
from wuye.core.standards import standard_of

from .. import cached
from ..models import (
    Category,
    Priority,
    SlaPolicy,
)
from ..targets import default_targets


@transaction.atomic
def sla_policies_seed(*, community: Community, actor) -> int:
    """Write the default targets as the community's SLA policies (missing rows only), so that
    they can be edited; returns how many were added."""
    if not policy.has_perm(actor, "workorder.configure", community.pk):
        raise PermissionDenied(_("You may not do this."))
    have = set(SlaPolicy.objects.filter(community=community).values_list("category", "priority"))
    standard = standard_of(community)
    rows = []
    for category in Category.values:
        for priority in Priority.values:
            if (category, priority) in have:
                continue
            targets = default_targets(standard, category, priority)
            rows.append(
                SlaPolicy(
                    community=community,
                    category=category,
                    priority=priority,
                    **{
                        field: value
                        for name, target in targets.items()
                        for field, value in (
                            (f"{name}_target", target.amount),
                            (f"{name}_clock", target.clock),
                        )
                    },
                )
            )
    SlaPolicy.objects.bulk_create(rows)
    cached.bump()
    return len(rows)
