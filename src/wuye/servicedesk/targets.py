"""SLA targets (服务时限): what an order of a category and priority must meet, and by when.

A community's targets are its `SlaPolicy` rows or, where it has none for a category and
priority, defaults derived from its `ServiceStandard` (standards.md): emergency repairs on
site within 30 minutes around the clock, other repairs answered within 30 minutes of service
time and resolved within 24 hours, complaints answered within 24 hours and resolved within 3
working days, enquiries answered the same working day. `sla` turns them into deadlines;
`cached` keeps each community's table in memory.
"""

from __future__ import annotations

from dataclasses import dataclass

from wuye.core.models import Community
from wuye.core.standards import standard_of

from .models import REPAIRS, Category, Priority, SlaPolicy, TargetClock

TARGETS = ("response", "arrival", "resolution")

H24, SERVICE, DAYS = TargetClock.ROUND_THE_CLOCK, TargetClock.SERVICE, TargetClock.WORKING_DAYS


@dataclass(frozen=True)
class Target:
    amount: int | None  # minutes, or working days on the working-days clock; None: no target
    clock: str = H24


def default_targets(standard, category: str, priority: str) -> dict[str, Target]:
    """The default targets of a category and priority under a community's standard."""
    none = Target(None)
    if category in REPAIRS:
        resolve_minutes = standard.repair_resolve_hours * 60
        onsite = standard.emergency_onsite_minutes or None
        return {
            Priority.EMERGENCY: {
                "response": Target(10),
                "arrival": Target(onsite),
                "resolution": Target(resolve_minutes),
            },
            Priority.URGENT: {
                "response": Target(30),
                "arrival": Target(120),
                "resolution": Target(resolve_minutes),
            },
            Priority.NORMAL: {
                "response": Target(30, SERVICE),
                "arrival": none,
                "resolution": Target(resolve_minutes),
            },
            Priority.LOW: {
                "response": Target(60, SERVICE),
                "arrival": none,
                "resolution": Target(resolve_minutes * 3),
            },
        }[priority]
    if category == Category.COMPLAINT:
        first_reply = (
            30 if priority == Priority.EMERGENCY else standard.complaint_first_reply_hours * 60
        )
        return {
            "response": Target(first_reply),
            "arrival": none,
            "resolution": Target(standard.complaint_resolution_working_days, DAYS),
        }
    if category == Category.ENQUIRY:
        return {"response": Target(30, SERVICE), "arrival": none, "resolution": Target(0, DAYS)}
    if category == Category.SUGGESTION:
        return {"response": Target(1, DAYS), "arrival": none, "resolution": Target(5, DAYS)}
    if category == Category.PRAISE:
        return {"response": Target(1, DAYS), "arrival": none, "resolution": none}
    # Concierge requests: answered in service time, done at the time agreed.
    return {"response": Target(30, SERVICE), "arrival": none, "resolution": none}


def community_targets(community: Community) -> dict:
    """The targets of every category and priority: {(category, priority): {name: Target}}."""
    standard = standard_of(community)
    policies = {
        (p.category, p.priority): {
            name: Target(getattr(p, f"{name}_target"), getattr(p, f"{name}_clock"))
            for name in TARGETS
        }
        for p in SlaPolicy.objects.filter(community=community)
    }
    return {
        (category, priority): policies.get((category, priority))
        or default_targets(standard, category, priority)
        for category in Category.values
        for priority in Priority.values
    }
