"""Reads of the equipment register, already scoped to what the caller may see, and the
compliance calendar: per item and obligation, what is due, overdue or lapsed."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Count, Q, QuerySet

from wuye.core import policy
from wuye.core.dates import add_months
from wuye.servicedesk.models import OPEN_STATES

from . import rules as compliance_rules
from .models import (
    ComplianceRule,
    Equipment,
    EquipmentFault,
    EquipmentStatus,
    InspectionResult,
    Obligation,
)

DUE, OVERDUE, LAPSED, IN_ORDER = "due", "overdue", "lapsed", "in_order"
# The obligations whose lapse means the item may not be used (特种设备安全法 第四十条).
STOPPING = frozenset({Obligation.PERIODIC_INSPECTION})


def equipment_visible_to(user, community_id: int | None = None) -> QuerySet[Equipment]:
    rows = Equipment.objects.filter(
        community_id__in=policy.community_ids_with(user, "equipment.view")
    )
    if community_id is not None:
        rows = rows.filter(community_id=community_id)
    return rows


def equipment_list(
    rows: QuerySet[Equipment], *, kind: str = "", status: str = "", building_id: int = 0
) -> QuerySet[Equipment]:
    if kind:
        rows = rows.filter(kind=kind)
    if status:
        rows = rows.filter(status=status)
    if building_id:
        rows = rows.filter(building_id=building_id)
    return with_open_faults(rows.select_related("building", "statutory")).order_by("code", "pk")


# A fault is open while its work order still waits for work (received, dispatched, on hold).
OPEN_FAULT = Q(faults__work_order__status__in=OPEN_STATES)


def with_open_faults(rows: QuerySet[Equipment]) -> QuerySet[Equipment]:
    """The items, each with `open_faults`: how many of its faults are still open."""
    return rows.annotate(open_faults=Count("faults", filter=OPEN_FAULT))


def faults_of(equipment: Equipment) -> QuerySet[EquipmentFault]:
    """The item's faults, open and closed, the latest first, with their work orders."""
    return (
        EquipmentFault.objects.filter(equipment=equipment)
        .select_related("work_order", "raised_by")
        .order_by("-raised_at", "-pk")
    )


@dataclass(frozen=True)
class Entry:
    """One obligation of one item on the calendar."""

    equipment: Equipment
    rule: ComplianceRule
    due_on: date | None  # None: the register has no date to count from
    state: str  # due, overdue or lapsed
    failed: bool = False

    @property
    def request_by(self) -> date | None:
        """The day to request the inspection (one month before validity ends, by default)."""
        if self.due_on is None or not self.rule.request_lead_days:
            return None
        return self.due_on - timedelta(days=self.rule.request_lead_days)

    def days_left(self, today: date) -> int | None:
        return None if self.due_on is None else (self.due_on - today).days


def _after(day: date | None, rule: ComplianceRule) -> date | None:
    if day is None:
        return None
    if rule.interval_months:
        return add_months(day, rule.interval_months)
    return day + timedelta(days=rule.interval_days or 0)


def due_on(equipment: Equipment, rule: ComplianceRule) -> date | None:
    """When the obligation falls due for the item, from its statutory profile."""
    profile = getattr(equipment, "statutory", None)
    if profile is None:
        return None
    if rule.obligation == Obligation.PERIODIC_INSPECTION:
        return profile.next_inspection_due or _after(profile.last_inspected_on, rule)
    if rule.obligation == Obligation.COMPREHENSIVE_TEST:
        return _after(profile.last_tested_on, rule)
    return _after(profile.last_maintained_on, rule)


def entry_for(equipment: Equipment, rule: ComplianceRule, today: date) -> Entry:
    """The item's place on the calendar for the rule (`IN_ORDER` before its reminders)."""
    due = due_on(equipment, rule)
    profile = getattr(equipment, "statutory", None)
    failed = (
        rule.obligation in STOPPING
        and profile is not None
        and profile.last_result == InspectionResult.FAILED
    )
    if failed or (due is not None and due < today and rule.obligation in STOPPING):
        return Entry(equipment, rule, due, LAPSED, failed=failed)
    if due is None or due < today:
        return Entry(equipment, rule, due, OVERDUE)
    window = max(rule.reminders, default=0)
    if (due - today).days <= window:
        return Entry(equipment, rule, due, DUE)
    return Entry(equipment, rule, due, IN_ORDER)


def rules_by_kind(community_id: int) -> dict[str, list[ComplianceRule]]:
    by_kind: dict[str, list[ComplianceRule]] = {}
    for rule in compliance_rules.compliance_rules(community_id):
        by_kind.setdefault(rule.kind, []).append(rule)
    return by_kind


def calendar_entries(
    equipment: QuerySet[Equipment], today: date, *, all_states: bool = False
) -> list[Entry]:
    """Every obligation due, overdue or lapsed of the items (not retired), in two queries
    per community: the rules and the items with their profiles; `all_states` adds those in
    order."""
    rows = list(
        equipment.exclude(status=EquipmentStatus.RETIRED)
        .select_related("statutory", "building")
        .order_by("community_id", "code", "pk")
    )
    rules: dict[int, dict[str, list[ComplianceRule]]] = {}
    entries = []
    for item in rows:
        if item.community_id not in rules:
            rules[item.community_id] = rules_by_kind(item.community_id)
        for rule in rules[item.community_id].get(item.kind, ()):
            entry = entry_for(item, rule, today)
            if all_states or entry.state != IN_ORDER:
                entries.append(entry)
    entries.sort(key=lambda e: (e.due_on or date.min, e.equipment.code))
    return entries


def compliance_calendar(user, community_id: int, today: date) -> dict[str, list[Entry]]:
    """The community's calendar for the caller: {due, overdue, lapsed}, soonest first."""
    entries = calendar_entries(equipment_visible_to(user, community_id), today)
    return {state: [e for e in entries if e.state == state] for state in (DUE, OVERDUE, LAPSED)}


def equipment_entries(equipment: Equipment, today: date) -> list[Entry]:
    """The item's own obligations on the calendar (its page shows them)."""
    return calendar_entries(Equipment.objects.filter(pk=equipment.pk), today, all_states=True)


def blocking_lapses(equipment: Equipment, today: date) -> list[Entry]:
    """The item's lapsed or failed inspections, which keep it out of service."""
    return [e for e in equipment_entries(equipment, today) if e.state == LAPSED]


def next_inspection_due(
    equipment: Equipment, rules: dict[str, list[ComplianceRule]]
) -> date | None:
    """The next periodic inspection from the statutory profile: the date the last report
    gives, else the last inspection and the community's interval (`rules_by_kind`)."""
    for rule in rules.get(equipment.kind, ()):
        if rule.obligation == Obligation.PERIODIC_INSPECTION:
            return due_on(equipment, rule)
    profile = getattr(equipment, "statutory", None)
    return profile.next_inspection_due if profile is not None else None
