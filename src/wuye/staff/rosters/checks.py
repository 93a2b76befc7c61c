"""The checks a roster is read against before it is published: pure functions over plain
rows (no database), so that nights across midnight, week boundaries and holidays can be
tested directly. They warn; they never refuse (the supervisor decides).

- `under_headcount`: a shift of a day with fewer people on the post than its headcount
  (office-hours shifts are not expected on rest days: weekends and public holidays);
- `over_hours`: a person over the daily or the weekly limit, counting every roster of the
  week (a shift counts on the day it starts, its paid minutes);
- `over_overtime`: a person past the overtime the law allows (第四十一条: 3 h a day beyond
  the daily hours, 36 h a month), the month's overtime counted week by week;
- `missing_certificates`: a person on a post whose required certificates they do not hold
  valid on the day;
- `overlaps`: one person on two shifts at once (a Sunday night ending on Monday included).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext


@dataclass(frozen=True)
class Slot:
    """A person on a shift on a day (a roster entry, read as plain data)."""

    user_id: int
    person: str
    post_id: int
    day: date
    shift_id: int
    shift_name: str
    starts_at: datetime
    ends_at: datetime
    minutes: int
    entry_id: int | None = None


@dataclass(frozen=True)
class GridShift:
    """A shift of the editor's grid: which people a post needs on it."""

    id: int
    name: str
    office: bool = False


@dataclass(frozen=True)
class RosterWarning:
    kind: str  # under_headcount | over_day | over_week | overtime_day | overtime_month |
    # certificate | overlap
    message: str
    day: date | None = None
    shift_id: int | None = None
    user_id: int | None = None
    short: str = ""  # the message beside its cell, where the day and shift go without saying

    @property
    def cell(self) -> tuple[date | None, int | None]:
        return (self.day, self.shift_id)


def summary(warnings: Iterable[RosterWarning]) -> list[RosterWarning]:
    """The warnings to list above the grid: a person's missing certificate said once, with
    how many of their shifts it concerns, the others as they are."""
    found: list[RosterWarning] = []
    certificates: dict[tuple[int | None, str], list[RosterWarning]] = {}
    for warning in warnings:
        if warning.kind == "certificate":
            key = (warning.user_id, warning.short)
            if key not in certificates:
                certificates[key] = []
                found.append(warning)
            certificates[key].append(warning)
        else:
            found.append(warning)
    said = []
    for warning in found:
        same = (
            certificates.get((warning.user_id, warning.short))
            if warning.kind == "certificate"
            else None
        )
        if same and len(same) > 1:
            warning = RosterWarning(
                warning.kind,
                ngettext("%(what)s (%(count)d shift)", "%(what)s (%(count)d shifts)", len(same))
                % {"what": warning.short, "count": len(same)},
                user_id=warning.user_id,
                short=warning.short,
            )
        said.append(warning)
    return said


def _day(day: date) -> str:
    return date_format(day, "m-d D")


def _hours(minutes: int) -> str:
    hours = minutes / 60
    return f"{hours:g}"


def under_headcount(
    slots: Iterable[Slot],
    *,
    days: Iterable[date],
    shifts: Iterable[GridShift],
    headcount: int,
    rest_days: set[date] = frozenset(),
) -> list[RosterWarning]:
    """Each shift of each day with fewer than `headcount` people on it. The shifts are those
    the roster staffs; an office-hours shift is not needed on a rest day."""
    count: dict[tuple[date, int], int] = defaultdict(int)
    for slot in slots:
        count[(slot.day, slot.shift_id)] += 1
    found = []
    for day in days:
        for shift in shifts:
            if shift.office and day in rest_days:
                continue
            have = count[(day, shift.id)]
            if have < headcount:
                found.append(
                    RosterWarning(
                        "under_headcount",
                        _("%(day)s %(shift)s: %(have)d of %(need)d people (under headcount).")
                        % {"day": _day(day), "shift": shift.name, "have": have, "need": headcount},
                        day=day,
                        shift_id=shift.id,
                        short=_("%(have)d of %(need)d people") % {"have": have, "need": headcount},
                    )
                )
    return found


def over_hours(
    slots: Iterable[Slot],
    *,
    week: Iterable[date],
    day_limit_minutes: int,
    week_limit_minutes: int,
    people: set[int] | None = None,
) -> list[RosterWarning]:
    """People over the daily or the weekly limit. `slots` are every shift of the week of the
    people concerned, on any roster; a shift counts on the day it starts."""
    week = set(week)
    by_day: dict[tuple[int, date], int] = defaultdict(int)
    by_week: dict[int, int] = defaultdict(int)
    names: dict[int, str] = {}
    for slot in slots:
        if slot.day not in week or (people is not None and slot.user_id not in people):
            continue
        names[slot.user_id] = slot.person
        by_day[(slot.user_id, slot.day)] += slot.minutes
        by_week[slot.user_id] += slot.minutes
    found = []
    for (user_id, day), minutes in sorted(by_day.items(), key=lambda kv: (kv[0][1], kv[0][0])):
        if minutes > day_limit_minutes:
            found.append(
                RosterWarning(
                    "over_day",
                    _("%(person)s works %(hours)s h on %(day)s, over the %(limit)s h a day.")
                    % {
                        "person": names[user_id],
                        "hours": _hours(minutes),
                        "day": _day(day),
                        "limit": _hours(day_limit_minutes),
                    },
                    day=day,
                    user_id=user_id,
                )
            )
    for user_id, minutes in sorted(by_week.items()):
        if minutes > week_limit_minutes:
            found.append(
                RosterWarning(
                    "over_week",
                    _("%(person)s works %(hours)s h this week, over the %(limit)s h a week.")
                    % {
                        "person": names[user_id],
                        "hours": _hours(minutes),
                        "limit": _hours(week_limit_minutes),
                    },
                    user_id=user_id,
                )
            )
    return found


def over_overtime(
    slots: Iterable[Slot],
    *,
    week: Iterable[date],
    day_limit_minutes: int,
    week_limit_minutes: int,
    overtime_day_minutes: int,
    overtime_month_minutes: int,
    people: set[int] | None = None,
) -> list[RosterWarning]:
    """People past the overtime limits. A day past its hours and the day's overtime; and a
    month whose overtime passes the month's limit. A week's overtime is the larger of its
    hours past the daily limit, day by day, and its hours past the weekly limit; a month's is
    the sum of its weeks (those starting in it). `slots` are the shifts of those weeks, on any
    roster; the month is that of the week being checked (its Monday)."""
    week = sorted(set(week))
    month = (week[0].year, week[0].month)
    by_day: dict[tuple[int, date], int] = defaultdict(int)
    names: dict[int, str] = {}
    for slot in slots:
        if people is not None and slot.user_id not in people:
            continue
        names[slot.user_id] = slot.person
        by_day[(slot.user_id, slot.day)] += slot.minutes
    found = []
    ceiling = day_limit_minutes + overtime_day_minutes
    for (user_id, day), minutes in sorted(by_day.items(), key=lambda kv: (kv[0][1], kv[0][0])):
        if day in week and minutes > ceiling:
            found.append(
                RosterWarning(
                    "overtime_day",
                    _(
                        "%(person)s works %(hours)s h on %(day)s, past the %(limit)s h a day "
                        "that overtime allows."
                    )
                    % {
                        "person": names[user_id],
                        "hours": _hours(minutes),
                        "day": _day(day),
                        "limit": _hours(ceiling),
                    },
                    day=day,
                    user_id=user_id,
                )
            )
    weeks: dict[tuple[int, date], list[int]] = defaultdict(lambda: [0, 0])
    for (user_id, day), minutes in by_day.items():
        monday = day - timedelta(days=day.weekday())
        if (monday.year, monday.month) != month:
            continue
        totals = weeks[(user_id, monday)]
        totals[0] += max(0, minutes - day_limit_minutes)
        totals[1] += minutes
    overtime: dict[int, int] = defaultdict(int)
    for (user_id, _monday), (past_days, total) in weeks.items():
        overtime[user_id] += max(past_days, total - week_limit_minutes)
    for user_id, minutes in sorted(overtime.items()):
        if minutes > overtime_month_minutes:
            found.append(
                RosterWarning(
                    "overtime_month",
                    _(
                        "%(person)s has %(hours)s h of overtime in %(month)s, past the "
                        "%(limit)s h a month."
                    )
                    % {
                        "person": names[user_id],
                        "hours": _hours(minutes),
                        "month": date_format(week[0], "YEAR_MONTH_FORMAT"),
                        "limit": _hours(overtime_month_minutes),
                    },
                    user_id=user_id,
                )
            )
    return found


def missing_certificates(
    slots: Iterable[Slot],
    *,
    required: Iterable[str],
    held: Callable[[int, date], set[str]],
    kind_names: Mapping[str, str] | None = None,
) -> list[RosterWarning]:
    """People rostered on a post without a valid certificate it requires, on that day."""
    required = list(required)
    if not required:
        return []
    found = []
    for slot in slots:
        missing = [kind for kind in required if kind not in held(slot.user_id, slot.day)]
        if missing:
            names = "、".join(str((kind_names or {}).get(kind, kind)) for kind in missing)
            found.append(
                RosterWarning(
                    "certificate",
                    _("%(person)s on %(day)s %(shift)s lacks a valid certificate: %(kinds)s.")
                    % {
                        "person": slot.person,
                        "day": _day(slot.day),
                        "shift": slot.shift_name,
                        "kinds": names,
                    },
                    day=slot.day,
                    shift_id=slot.shift_id,
                    user_id=slot.user_id,
                    short=_("%(person)s: no valid %(kinds)s")
                    % {"person": slot.person, "kinds": names},
                )
            )
    return found


def overlaps(
    slots: Iterable[Slot], *, people: set[int] | None = None, mine: set[int | None] | None = None
) -> list[RosterWarning]:
    """One person on two shifts at once. `mine`, when given, keeps the overlaps that involve
    one of these entries (the roster being checked), the other shift may be anywhere."""
    by_person: dict[int, list[Slot]] = defaultdict(list)
    for slot in slots:
        if people is None or slot.user_id in people:
            by_person[slot.user_id].append(slot)
    found = []
    for rows in by_person.values():
        rows.sort(key=lambda s: (s.starts_at, s.ends_at))
        for i, first in enumerate(rows):
            for second in rows[i + 1 :]:
                if second.starts_at >= first.ends_at:
                    break
                if mine is not None and first.entry_id not in mine and second.entry_id not in mine:
                    continue
                found.append(
                    RosterWarning(
                        "overlap",
                        _("%(person)s is on two shifts at once: %(first)s and %(second)s.")
                        % {
                            "person": first.person,
                            "first": f"{_day(first.day)} {first.shift_name}",
                            "second": f"{_day(second.day)} {second.shift_name}",
                        },
                        day=second.day,
                        shift_id=second.shift_id,
                        user_id=first.user_id,
                        short=_("%(person)s: also on %(other)s")
                        % {
                            "person": first.person,
                            "other": f"{_day(first.day)} {first.shift_name}",
                        },
                    )
                )
    return found
