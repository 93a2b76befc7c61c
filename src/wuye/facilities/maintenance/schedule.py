"""When a maintenance plan falls due: a pure function of its calendar, tested over whole
years. Months keep the start date's day, or the month's last day when the month is shorter
(a plan from 31 January falls on 28 or 29 February, then 31 March)."""

from __future__ import annotations

import calendar
from datetime import date, timedelta

DAYS, WEEKS, MONTHS, FIXED_DATES = "days", "weeks", "months", "fixed_dates"


def add_months(start: date, months: int) -> date:
    """`start` moved on `months` months, keeping its day or clamping it to the month's end."""
    index = start.year * 12 + start.month - 1 + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(start.day, last))


def step(start: date, cadence: str, interval: int, n: int) -> date:
    """The `n`-th date of a calendar of every `interval` days, weeks or months from `start`."""
    if cadence == DAYS:
        return start + timedelta(days=interval * n)
    if cadence == WEEKS:
        return start + timedelta(weeks=interval * n)
    if cadence == MONTHS:
        return add_months(start, interval * n)
    raise ValueError(cadence)


def occurrences(
    *,
    cadence: str,
    interval: int,
    starts_on: date,
    until: date,
    after: date | None = None,
    fixed_dates: list[date] | tuple[date, ...] = (),
) -> list[date]:
    """The dates of a calendar from `starts_on` up to `until` (inclusive), those later than
    `after` only. Fixed dates are taken as given (from `starts_on` on), sorted, once each."""
    if cadence == FIXED_DATES:
        dates = sorted({d for d in fixed_dates if starts_on <= d <= until})
    else:
        if interval < 1:
            raise ValueError(interval)
        dates = []
        n = 0
        while (day := step(starts_on, cadence, interval, n)) <= until:
            dates.append(day)
            n += 1
    return [d for d in dates if after is None or d > after]


def next_occurrence(
    *,
    cadence: str,
    interval: int,
    starts_on: date,
    after: date | None,
    fixed_dates: list[date] | tuple[date, ...] = (),
) -> date | None:
    """The first date of the calendar later than `after` (or the first of all); None when a
    list of fixed dates has run out."""
    if cadence == FIXED_DATES:
        later = [d for d in sorted(fixed_dates) if d >= starts_on and (after is None or d > after)]
        return later[0] if later else None
    if after is None or after < starts_on:
        return starts_on
    # jump near `after` first, so a plan of many years does not walk every date
    if cadence == MONTHS:
        n = max(
            0, ((after.year - starts_on.year) * 12 + after.month - starts_on.month) // interval - 1
        )
    else:
        days = interval * (7 if cadence == WEEKS else 1)
        n = max(0, (after - starts_on).days // days - 1)
    while (day := step(starts_on, cadence, interval, n)) <= after:
        n += 1
    return day


def floating_next(*, cadence: str, interval: int, done_on: date) -> date:
    """A floating plan's next date: one interval after the last time it was done."""
    return step(done_on, cadence, interval, 1)
