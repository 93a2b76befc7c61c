"""Reads of attendance: each published shift against the clock events of the person
expected on it, and the monthly sheet of a department.

A shift is expected of the person rostered on it, or of whoever took it in a swap; a shift
with leave or sick recorded is excused. A clock-in counts for the shift whose window
[start − clock-in opens, end) holds it, so a night shift 00:00–08:00 takes a clock-in at
23:30 the evening before; the first clock-out after it closes the shift.
"""

from __future__ import annotations

import calendar
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from ..rosters.models import ChangeKind, RosterEntry, RosterStatus, WorkRules
from .models import ClockEvent, ClockKind

# How long after a shift's end its clock-out may come (a forgotten button, overtime).
CLOCK_OUT_GRACE = timedelta(hours=12)

UPCOMING, NOT_IN, ON_SHIFT = "upcoming", "not_in", "on_shift"
ON_TIME, LATE, EARLY, LATE_EARLY = "on_time", "late", "early", "late_early"
NO_OUT, ABSENT, LEAVE = "no_out", "absent", "leave"

LABELS = {
    UPCOMING: _("Upcoming"),
    NOT_IN: _("Not clocked in yet"),
    ON_SHIFT: _("On shift"),
    ON_TIME: _("On time"),
    LATE: pgettext_lazy("attendance", "Late"),
    EARLY: _("Left early"),
    LATE_EARLY: _("Late and left early"),
    NO_OUT: _("No clock-out"),
    ABSENT: _("Absent"),
    LEAVE: _("On leave"),
}
# One or two characters per day on the monthly sheet.
MARKS = {
    UPCOMING: "",
    NOT_IN: "",
    ON_SHIFT: "·",
    ON_TIME: "✓",
    LATE: pgettext_lazy("attendance mark: late", "L"),
    EARLY: pgettext_lazy("attendance mark: left early", "E"),
    LATE_EARLY: pgettext_lazy("attendance mark: late and left early", "LE"),
    NO_OUT: pgettext_lazy("attendance mark: no clock-out", "?"),
    ABSENT: pgettext_lazy("attendance mark: absent", "A"),
    LEAVE: pgettext_lazy("attendance mark: on leave", "V"),
}
TONES = {
    ON_TIME: "success",
    ON_SHIFT: "primary",
    LATE: "warning",
    EARLY: "warning",
    LATE_EARLY: "warning",
    NO_OUT: "warning",
    ABSENT: "danger",
    LEAVE: "secondary",
    UPCOMING: "light",
    NOT_IN: "light",
}


@dataclass
class ShiftResult:
    entry: RosterEntry
    person: object
    status: str = UPCOMING
    clock_in: ClockEvent | None = None
    clock_out: ClockEvent | None = None
    late_minutes: int = 0
    early_minutes: int = 0
    worked_minutes: int = 0

    @property
    def label(self):
        return LABELS[self.status]

    @property
    def mark(self):
        return MARKS[self.status]

    @property
    def tone(self) -> str:
        return TONES[self.status]


def published_entries(community_id: int):
    return RosterEntry.objects.filter(
        community_id=community_id, roster__status=RosterStatus.PUBLISHED
    ).select_related("user", "shift", "roster__post__department", "change__covered_by")


def _expected(entry: RosterEntry):
    """(person expected on the entry, excused?)."""
    change = getattr(entry, "change", None)
    if change is None:
        return entry.user, False
    if change.kind == ChangeKind.SWAP and change.covered_by_id:
        return change.covered_by, False
    return entry.user, True


def _minutes(delta: timedelta) -> int:
    return int(delta.total_seconds() // 60)


def evaluate(entries, events, rules: WorkRules, now: datetime | None = None) -> list[ShiftResult]:
    """The result of each entry (in the order given) against the clock events (of any
    people, any order) by the tolerances of `rules`."""
    now = now or timezone.now()
    opens = timedelta(minutes=rules.clock_in_opens_minutes)
    by_person: dict[int, list[ClockEvent]] = defaultdict(list)
    for event in sorted(events, key=lambda e: (e.at, e.pk or 0)):
        by_person[event.user_id].append(event)
    results = []
    expected: dict[int, list[ShiftResult]] = defaultdict(list)
    for entry in entries:
        person, excused = _expected(entry)
        result = ShiftResult(entry=entry, person=person)
        results.append(result)
        if excused:
            result.status = LEAVE
        else:
            expected[person.pk].append(result)
    for person_id, shifts in expected.items():
        shifts.sort(key=lambda r: (r.entry.starts_at, r.entry.pk))
        events_of = by_person.get(person_id, [])
        taken: set[int] = set()
        for i, event in enumerate(events_of):
            if event.kind != ClockKind.IN:
                continue
            for result in shifts:
                start, end = result.entry.starts_at, result.entry.ends_at
                if result.entry.pk in taken or not (start - opens <= event.at < end):
                    continue
                taken.add(result.entry.pk)
                result.clock_in = event
                following = events_of[i + 1] if i + 1 < len(events_of) else None
                if (
                    following is not None
                    and following.kind == ClockKind.OUT
                    and following.at < end + CLOCK_OUT_GRACE
                ):
                    result.clock_out = following
                break
        for result in shifts:
            _judge(result, rules, now)
    return results


def _judge(result: ShiftResult, rules: WorkRules, now: datetime) -> None:
    start, end = result.entry.starts_at, result.entry.ends_at
    if result.clock_in is None:
        result.status = UPCOMING if now < start else NOT_IN if now < end else ABSENT
        return
    late = _minutes(result.clock_in.at - start)
    result.late_minutes = late if late > rules.late_after_minutes else 0
    if result.clock_out is None:
        result.status = ON_SHIFT if now < end + CLOCK_OUT_GRACE else NO_OUT
        if result.status == NO_OUT and result.late_minutes:
            result.status = LATE
        return
    early = _minutes(end - result.clock_out.at)
    result.early_minutes = early if early > rules.early_before_minutes else 0
    worked = _minutes(min(result.clock_out.at, end) - max(result.clock_in.at, start))
    if worked > result.entry.shift.break_minutes * 2:
        worked -= result.entry.shift.break_minutes
    result.worked_minutes = max(0, worked)
    if result.late_minutes and result.early_minutes:
        result.status = LATE_EARLY
    elif result.late_minutes:
        result.status = LATE
    elif result.early_minutes:
        result.status = EARLY
    else:
        result.status = ON_TIME


def _events_for(community_id: int, user_ids, start: datetime, end: datetime):
    return list(
        ClockEvent.objects.filter(
            community_id=community_id,
            user_id__in=list(user_ids),
            at__gte=start,
            at__lt=end,
        ).order_by("at", "pk")
    )


def results_for(entries, community_id: int, now: datetime | None = None) -> list[ShiftResult]:
    """`evaluate` for a list of entries, their events read in one query."""
    entries = list(entries)
    if not entries:
        return []
    rules = WorkRules.for_community(community_id)
    people = {_expected(e)[0].pk for e in entries}
    start = min(e.starts_at for e in entries) - timedelta(minutes=rules.clock_in_opens_minutes)
    end = max(e.ends_at for e in entries) + CLOCK_OUT_GRACE
    return evaluate(entries, _events_for(community_id, people, start, end), rules, now)


def expected_of(person) -> Q:
    """Entries `person` is expected on: rostered and not swapped away, or taken in a swap."""
    return (Q(user=person) & (Q(change__isnull=True) | ~Q(change__kind=ChangeKind.SWAP))) | Q(
        change__covered_by=person, change__kind=ChangeKind.SWAP
    )


def my_shifts(community_id: int, person, now: datetime | None = None, ahead: int = 2):
    """The person's result on the shift they are on now or had last, and the next ones."""
    now = now or timezone.now()
    rules = WorkRules.for_community(community_id)
    rows = published_entries(community_id).filter(expected_of(person))
    current = list(
        rows.filter(
            starts_at__lte=now + timedelta(minutes=rules.clock_in_opens_minutes),
            ends_at__gt=now - timedelta(hours=12),
        ).order_by("starts_at", "pk")
    )
    upcoming = list(
        rows.filter(starts_at__gt=now + timedelta(minutes=rules.clock_in_opens_minutes)).order_by(
            "starts_at", "pk"
        )[:ahead]
    )
    results = results_for(current, community_id, now)
    results = [r for r in results if r.entry.ends_at > now or r.status in (ON_SHIFT, NO_OUT)]
    return results, upcoming


def month_bounds(month: date) -> tuple[date, date]:
    first = month.replace(day=1)
    last = first.replace(day=calendar.monthrange(first.year, first.month)[1])
    return first, last


@dataclass
class SheetRow:
    person: object
    days: dict[date, list[ShiftResult]] = field(default_factory=dict)
    shifts: int = 0
    worked_minutes: int = 0
    late: int = 0
    early: int = 0
    absent: int = 0
    leave: int = 0
    cells: list = field(default_factory=list)

    @property
    def hours(self) -> str:
        return f"{self.worked_minutes / 60:.1f}"


def month_results(
    community_id: int,
    month: date,
    *,
    department_id: int | None = None,
    person=None,
    now: datetime | None = None,
) -> list[ShiftResult]:
    first, last = month_bounds(month)
    rows = published_entries(community_id).filter(date__gte=first, date__lte=last)
    if department_id is not None:
        rows = rows.filter(roster__post__department_id=department_id)
    if person is not None:
        rows = rows.filter(expected_of(person))
    return results_for(rows.order_by("date", "starts_at", "pk"), community_id, now)


def sheet(
    community_id: int, month: date, *, department_id: int | None = None, now=None
) -> tuple[list[date], list[SheetRow]]:
    """The month's days and a row per person expected on a shift of the department (or of
    every department): a short mark per day and the month's totals. Three queries."""
    first, last = month_bounds(month)
    days = [first + timedelta(days=n) for n in range((last - first).days + 1)]
    rows: dict[int, SheetRow] = {}
    for result in month_results(community_id, month, department_id=department_id, now=now):
        row = rows.setdefault(result.person.pk, SheetRow(person=result.person))
        row.days.setdefault(result.entry.date, []).append(result)
        if result.status == LEAVE:
            row.leave += 1
            continue
        if result.status in (UPCOMING, NOT_IN):
            continue
        row.shifts += 1
        row.worked_minutes += result.worked_minutes
        row.late += result.status in (LATE, LATE_EARLY)
        row.early += result.status in (EARLY, LATE_EARLY)
        row.absent += result.status == ABSENT
    for row in rows.values():
        row.cells = [(day, row.days.get(day, [])) for day in days]
    ordered = sorted(
        rows.values(), key=lambda r: (r.person.get_full_name() or r.person.username, r.person.pk)
    )
    return days, ordered


def staff_of(community_id: int):
    from wuye.core.models import Membership

    ids = Membership.objects.filter(community_id=community_id, active=True).values("user_id")
    return get_user_model().objects.filter(pk__in=ids, is_active=True)
