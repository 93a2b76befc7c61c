"""The service calendar: working days, service hours and the clocks of SLA targets.

A target runs on one of two clocks:

- ``"24x7"`` (`Clock.ROUND_THE_CLOCK`): every minute counts, e.g. an emergency repair on site
  within 30 minutes, night or day;
- ``"service"`` (`Clock.SERVICE`): only minutes inside the community's service hours on its
  working days count, e.g. a first response within 30 minutes of service time.

Working days are Monday to Friday, except the public holidays (法定节假日) and swapped
working days (调休上班) of the calendar: a company's days apply to all its communities, a
community's own day for the same date overrides the company's. Service hours come from the
community's `ServiceStandard`.

`ServiceCalendar` is pure arithmetic over those facts (no database), so that it can be
property-tested; `service_calendar(community)` loads one for a community with a constant
number of queries, and `calendar_seed_china` writes the official Chinese holiday schedule.

Every method takes timezone-aware datetimes (any zone) and returns aware datetimes in the
calendar's zone (settings.TIME_ZONE, Asia/Shanghai). Intervals are half-open: service hours
08:00-18:00 contain 08:00 and 17:59:59 but not 18:00.
"""

from __future__ import annotations

import calendar as stdlib_calendar
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.dispatch import Signal
from django.utils.translation import gettext as _

from . import audit, policy
from .configure import record_change, snapshot
from .models import CalendarDay, CalendarDayKind, Clock, Community, Company, ServiceStandard
from .standards import LEVEL_DEFAULTS

Interval = tuple[datetime, datetime]

MINUTE = timedelta(minutes=1)
ONE_DAY = timedelta(days=1)
# Sent (with `company`) after writes to calendar days that bypass model signals (bulk
# seeding), so that caches of calendars can be dropped.
calendar_changed = Signal()

# The far end of the 24x7 clock's single interval: far enough for any deadline.
_FAR = datetime(9000, 1, 1, tzinfo=UTC)
# A calendar that finds no working day in this many consecutive days is broken
# (no working weekday and no swapped working day): fail instead of looping for ever.
_MAX_REST_DAYS = 400


class ServiceCalendar:
    """Working days and service hours of one community, and arithmetic on its clocks.

    `hours` are the service hours of a working day, as sorted, non-overlapping
    (opens, closes) pairs of local times, e.g. ``((time(8), time(18)),)``; a lunch break is two
    pairs. `days` maps dates that break the `workweek` to True (a swapped working day) or
    False (a holiday). `load_year(year)` is called once per year the first time a date of that
    year is looked at, and its days are added to `days`; without it, `days` is complete.
    """

    def __init__(
        self,
        *,
        hours: Sequence[tuple[time, time]] = ((time(8), time(18)),),
        days: Mapping[date, bool] | None = None,
        load_year: Callable[[int], Mapping[date, bool]] | None = None,
        zone: tzinfo | None = None,
        workweek: Iterable[int] = range(5),
    ):
        self.hours = tuple(hours)
        if not self.hours:
            raise ValueError("Service hours need at least one (opens, closes) pair.")
        previous_close = None
        for opens, closes in self.hours:
            if opens.tzinfo is not None or closes.tzinfo is not None:
                raise ValueError("Service hours are local times without a zone.")
            if not opens < closes or (previous_close is not None and opens < previous_close):
                raise ValueError(
                    "Service hours must be sorted, must not overlap and must close after they open."
                )
            previous_close = closes
        self.zone = zone or ZoneInfo(settings.TIME_ZONE)
        self.workweek = frozenset(workweek)
        self._days: dict[date, bool] = dict(days or {})
        self._load_year = load_year
        self._loaded_years: set[int] = set()

    # --- days and hours -------------------------------------------------------------------

    def is_working_day(self, day: date) -> bool:
        """Whether `day` is a working day: a weekday of the work week that is not a holiday,
        or a swapped working day."""
        if isinstance(day, datetime):
            raise TypeError("is_working_day takes a date; use in_service_hours for a moment.")
        if self._load_year is not None and day.year not in self._loaded_years:
            self._loaded_years.add(day.year)
            self._days.update(self._load_year(day.year))
        override = self._days.get(day)
        return day.weekday() in self.workweek if override is None else override

    def in_service_hours(self, moment: datetime) -> bool:
        """Whether `moment` falls inside service hours (opening included, closing excluded)
        on a working day."""
        instant = _utc(moment)
        day = instant.astimezone(self.zone).date()
        return any(opens <= instant < closes for opens, closes in self._windows(day))

    def next_opening(self, moment: datetime) -> datetime:
        """`moment` itself if it is in service hours, else the next time service hours open."""
        opens, _closes = next(self._service_intervals(_utc(moment)))
        return opens.astimezone(self.zone)

    # --- deadlines ------------------------------------------------------------------------

    def add(
        self,
        start: datetime,
        minutes: int,
        clock: str = Clock.SERVICE,
        *,
        pauses: Iterable[Interval] = (),
    ) -> datetime:
        """The earliest moment at which `minutes` minutes have been counted since `start`.

        On the 24x7 clock every minute counts: without pauses this is exactly
        ``start + timedelta(minutes=minutes)``. On the service clock only minutes inside
        service hours on working days count: a start outside them begins counting at the next
        opening, and a count that runs out exactly at closing time ends at the closing time
        (Friday 17:30 + 30 min is Friday 18:00, not Monday morning). Time inside any of the
        `pauses` (aware (start, end) pairs, e.g. an order's time on hold) does not count on
        either clock; pauses may overlap each other or begin before `start`. Zero minutes
        give `start` itself. The result is monotonic in `minutes` and additive:
        ``add(add(s, a), b) == add(s, a + b)`` when there are no pauses.
        """
        if minutes < 0:
            raise ValueError("Minutes to add must not be negative.")
        begin = _utc(start)
        remaining = timedelta(minutes=minutes)
        if remaining:
            for opens, closes in self._counted(begin, clock, pauses):
                if closes - opens >= remaining:
                    return (opens + remaining).astimezone(self.zone)
                remaining -= closes - opens
        return begin.astimezone(self.zone)

    def elapsed(
        self,
        start: datetime,
        end: datetime,
        clock: str = Clock.SERVICE,
        *,
        pauses: Iterable[Interval] = (),
    ) -> int:
        """Whole minutes counted on `clock` from `start` to `end`, leaving out `pauses`
        (rounded down; exact when the times are whole minutes apart on the clock, so
        ``elapsed(s, add(s, m)) == m``)."""
        begin, finish = _utc(start), _utc(end)
        if finish < begin:
            raise ValueError("The end must not be before the start.")
        counted = timedelta(0)
        for opens, closes in self._counted(begin, clock, pauses):
            if opens >= finish:
                break
            counted += min(closes, finish) - opens
        return counted // MINUTE

    def end_of_working_day(self, start: datetime) -> datetime:
        """The close of service hours of the working day `start` falls on, or, if `start` is
        on a rest day or at or after that day's closing time, of the next working day.

        This is "the same working day": an enquiry received on Monday at 10:00 is due Monday
        at closing; one received on Monday at 19:00, or on Saturday, is due at the close of
        the next working day.
        """
        instant = _utc(start)
        day = instant.astimezone(self.zone).date()
        if self.is_working_day(day) and instant < self._closing(day):
            return self._closing(day).astimezone(self.zone)
        return self._closing(self._next_working_day(day)).astimezone(self.zone)

    def add_working_days(self, start: datetime, days: int) -> datetime:
        """The close of service hours of the `days`-th working day after the day of `start`.

        As for any period counted in days (民法典 第二百零一条、第二百零三条), the day on
        which the period starts does not count, whatever the time, and the period ends when
        business closes on its last day: a complaint received on Friday at 17:00 (or at 20:00,
        or on Saturday) and to be answered "within 3 working days" is due on Wednesday at
        closing time, if Monday to Wednesday are working days. Zero days is the same working
        day, as `end_of_working_day`.
        """
        if days < 0:
            raise ValueError("Working days to add must not be negative.")
        if days == 0:
            return self.end_of_working_day(start)
        day = _utc(start).astimezone(self.zone).date()
        for _n in range(days):
            day = self._next_working_day(day)
        return self._closing(day).astimezone(self.zone)

    # --- the arithmetic underneath --------------------------------------------------------

    def _windows(self, day: date) -> list[Interval]:
        """The service hours of `day` as UTC intervals; none on a rest day."""
        if not self.is_working_day(day):
            return []
        return [
            (
                datetime.combine(day, opens, tzinfo=self.zone).astimezone(UTC),
                datetime.combine(day, closes, tzinfo=self.zone).astimezone(UTC),
            )
            for opens, closes in self.hours
        ]

    def _closing(self, day: date) -> datetime:
        return datetime.combine(day, self.hours[-1][1], tzinfo=self.zone).astimezone(UTC)

    def _next_working_day(self, day: date) -> date:
        for _n in range(_MAX_REST_DAYS):
            day += ONE_DAY
            if self.is_working_day(day):
                return day
        raise ValueError("The calendar has no working day left.")

    def _service_intervals(self, begin: datetime) -> Iterator[Interval]:
        """Service hours from `begin` on, in order, the first one cut at `begin`."""
        day = begin.astimezone(self.zone).date()
        rest_days = 0
        while rest_days < _MAX_REST_DAYS:
            windows = self._windows(day)
            rest_days = 0 if windows else rest_days + 1
            for opens, closes in windows:
                if closes > begin:
                    yield max(opens, begin), closes
            day += ONE_DAY
        raise ValueError("The calendar has no working day left.")

    def _counted(
        self, begin: datetime, clock: str, pauses: Iterable[Interval]
    ) -> Iterator[Interval]:
        """The intervals that count on `clock` from `begin` on, in order, pauses left out."""
        if clock == Clock.ROUND_THE_CLOCK:
            intervals: Iterator[Interval] = iter([(begin, _FAR)])
        elif clock == Clock.SERVICE:
            intervals = self._service_intervals(begin)
        else:
            raise ValueError(f"Unknown clock {clock!r}.")
        return _without(intervals, _merged(pauses))


def _utc(moment: datetime) -> datetime:
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError("Times must be timezone-aware.")
    return moment.astimezone(UTC)


def _merged(pauses: Iterable[Interval]) -> list[Interval]:
    """Pauses in UTC, sorted, overlapping and touching ones joined."""
    merged: list[Interval] = []
    for start, end in sorted((_utc(s), _utc(e)) for s, e in pauses):
        if end < start:
            raise ValueError("A pause must not end before it starts.")
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def _without(intervals: Iterator[Interval], pauses: list[Interval]) -> Iterator[Interval]:
    """`intervals` (in order, disjoint) minus `pauses` (merged), empty pieces dropped."""
    first = 0
    for opens, closes in intervals:
        while first < len(pauses) and pauses[first][1] <= opens:
            first += 1
        cursor = opens
        for pause_start, pause_end in pauses[first:]:
            if pause_start >= closes:
                break
            if pause_start > cursor:
                yield cursor, pause_start
            cursor = max(cursor, pause_end)
            if cursor >= closes:
                break
        if cursor < closes:
            yield cursor, closes


# --- loading from the database ------------------------------------------------------------


def service_calendar(community: Community, *, years: Iterable[int] = ()) -> ServiceCalendar:
    """The calendar of `community`: its service hours and the days of its company and its own.

    The days of `years` are read at once (one query for all of them); any other year is read
    the first time a date in it is looked at (one query a year). Reading the service hours
    takes one query unless `community.standard` is already loaded (select_related).
    """
    try:
        standard = community.standard
        hours = ((standard.service_opens_at, standard.service_closes_at),)
    except ServiceStandard.DoesNotExist:
        level = LEVEL_DEFAULTS[community.service_level]
        hours = ((level["service_opens_at"], level["service_closes_at"]),)
    years = sorted(set(years))
    covered = range(years[0], years[-1] + 1) if years else range(0)
    preloaded = calendar_days(community, covered[0], covered[-1]) if years else {}

    def load_year(year: int) -> dict[date, bool]:
        return {} if year in covered else calendar_days(community, year, year)

    return ServiceCalendar(hours=hours, days=preloaded, load_year=load_year)


def calendar_days(community: Community, first_year: int, last_year: int) -> dict[date, bool]:
    """{date: is a working day} for the company's days, overridden by the community's."""
    rows = CalendarDay.objects.filter(
        Q(community=community) | Q(company_id=community.company_id),
        date__gte=date(first_year, 1, 1),
        date__lte=date(last_year, 12, 31),
    ).values_list("date", "kind", "community_id")
    company_days = {d: kind == CalendarDayKind.WORKDAY for d, kind, own in rows if own is None}
    own_days = {d: kind == CalendarDayKind.WORKDAY for d, kind, own in rows if own is not None}
    return company_days | own_days


def years_without_holidays(company: Company, years: Iterable[int]) -> list[int]:
    """The years of `years` in which `company` has no public holiday in its calendar: its
    communities' service clocks count every weekday of such a year as a working day, the
    Spring Festival included, until the year's schedule (published each November) is added."""
    years = sorted(set(years))
    if not years:
        return []
    found = CalendarDay.objects.filter(
        company=company,
        kind=CalendarDayKind.HOLIDAY,
        date__gte=date(years[0], 1, 1),
        date__lte=date(years[-1], 12, 31),
    ).dates("date", "year")
    return sorted(set(years) - {day.year for day in found})


# --- the official Chinese schedule -------------------------------------------------------

# 国务院办公厅关于部分节假日安排的通知, one a year: (name, first day, last day) of each
# holiday, and the weekend days worked in exchange (调休上班).
CHINA_HOLIDAYS: dict[int, tuple[tuple[str, date, date], ...]] = {
    # Notice of 12 November 2024, the first under the 2024 revision (除夕 and 5月2日 added).
    2025: (
        ("元旦", date(2025, 1, 1), date(2025, 1, 1)),
        ("春节", date(2025, 1, 28), date(2025, 2, 4)),
        ("清明节", date(2025, 4, 4), date(2025, 4, 6)),
        ("劳动节", date(2025, 5, 1), date(2025, 5, 5)),
        ("端午节", date(2025, 5, 31), date(2025, 6, 2)),
        ("国庆节、中秋节", date(2025, 10, 1), date(2025, 10, 8)),
    ),
    # Notice of 4 November 2025.
    2026: (
        ("元旦", date(2026, 1, 1), date(2026, 1, 3)),
        ("春节", date(2026, 2, 15), date(2026, 2, 23)),
        ("清明节", date(2026, 4, 4), date(2026, 4, 6)),
        ("劳动节", date(2026, 5, 1), date(2026, 5, 5)),
        ("端午节", date(2026, 6, 19), date(2026, 6, 21)),
        ("中秋节", date(2026, 9, 25), date(2026, 9, 27)),
        ("国庆节", date(2026, 10, 1), date(2026, 10, 7)),
    ),
}
CHINA_SWAPPED_WORKDAYS: dict[int, tuple[tuple[str, date], ...]] = {
    2025: (
        ("春节调休", date(2025, 1, 26)),
        ("春节调休", date(2025, 2, 8)),
        ("劳动节调休", date(2025, 4, 27)),
        ("国庆节调休", date(2025, 9, 28)),
        ("国庆节调休", date(2025, 10, 11)),
    ),
    2026: (
        ("元旦调休", date(2026, 1, 4)),
        ("春节调休", date(2026, 2, 14)),
        ("春节调休", date(2026, 2, 28)),
        ("劳动节调休", date(2026, 5, 9)),
        ("国庆节调休", date(2026, 9, 20)),
        ("国庆节调休", date(2026, 10, 10)),
    ),
}


def china_calendar_days(year: int) -> list[tuple[date, str, str]]:
    """(date, kind, name) of every holiday and swapped working day of China's schedule for
    `year`. Raises ValueError for a year whose schedule is not known here."""
    if year not in CHINA_HOLIDAYS:
        known = ", ".join(str(y) for y in sorted(CHINA_HOLIDAYS))
        raise ValueError(f"China's holiday schedule is known for {known}, not {year}.")
    days = []
    for name, first, last in CHINA_HOLIDAYS[year]:
        days += [
            (first + timedelta(days=n), CalendarDayKind.HOLIDAY, name)
            for n in range((last - first).days + 1)
        ]
    days += [(day, CalendarDayKind.WORKDAY, name) for name, day in CHINA_SWAPPED_WORKDAYS[year]]
    return sorted(days)


@transaction.atomic
def calendar_seed_china(*, company: Company, years: Iterable[int], actor=None) -> int:
    """Add China's public holidays and swapped working days of `years` to the calendar of
    `company` (so to all its communities). Dates the company already has are left as they
    are, so seeding twice adds nothing. Returns the number of days added."""
    wanted = [day for year in sorted(set(years)) for day in china_calendar_days(year)]
    existing = set(
        CalendarDay.objects.filter(
            company=company, date__in=[d for d, _kind, _name in wanted]
        ).values_list("date", flat=True)
    )
    added = CalendarDay.objects.bulk_create(
        CalendarDay(company=company, date=d, kind=kind, name=name)
        for d, kind, name in wanted
        if d not in existing
    )
    if added:
        audit.record(
            actor=actor,
            action="calendar.seed_china",
            obj=company,
            changes={"years": sorted(set(years)), "days": len(added)},
        )
        calendar_changed.send(sender=CalendarDay, company=company)
    return len(added)


# --- the community's own days, set in the staff console (设置 → 服务日历) ------------------


CALENDAR_DAY_FIELDS = ("date", "kind", "name")


def _usual_working_day(community: Community, day: date) -> bool:
    """Whether `day` is a working day without the community's own day for it: the company's
    day if it has one, else Monday to Friday."""
    kind = (
        CalendarDay.objects.filter(company_id=community.company_id, date=day)
        .values_list("kind", flat=True)
        .first()
    )
    return day.weekday() < 5 if kind is None else kind == CalendarDayKind.WORKDAY


@transaction.atomic
def calendar_day_set(*, actor, community: Community, day: date, kind: str, name: str = ""):
    """Make `day` a rest day (`CalendarDayKind.HOLIDAY`) or a working day (`WORKDAY`, 调休)
    for the community alone, or, with `kind` "", take back the community's own day so that
    the company's calendar applies again. Audited with the day's values before and after.

    Refused when the day would be what it already is, so that a change on the page is never
    silently nothing. Returns the community's day (None when taken back)."""
    if not policy.has_perm(actor, "community.change", community.pk):
        raise PermissionDenied(_("You may not do this."))
    own = CalendarDay.objects.select_for_update().filter(community=community, date=day).first()
    if not kind:
        if own is None:
            raise ValidationError(
                {"kind": _("This day has no day of the community's own to take back.")}
            )
        before = snapshot(own, CALENDAR_DAY_FIELDS)
        audit.record(
            actor=actor,
            action="calendar.day_clear",
            obj=own,
            changes=audit.diff(before, dict.fromkeys(CALENDAR_DAY_FIELDS, "")),
        )
        own.delete()
        return None
    usual = _usual_working_day(community, day)
    if own is None and usual == (kind == CalendarDayKind.WORKDAY):
        already = _("a working day") if usual else _("a rest day")
        raise ValidationError(
            {
                "kind": _("%(day)s is already %(what)s in the calendar; nothing to change.")
                % {"day": day.isoformat(), "what": already}
            }
        )
    row = own or CalendarDay(community=community, date=day)
    before = snapshot(row, CALENDAR_DAY_FIELDS) if own else dict.fromkeys(CALENDAR_DAY_FIELDS, "")
    row.kind, row.name = kind, name
    row.full_clean()
    row.save()
    record_change(
        actor=actor, action="calendar.day_set", obj=row, before=before, names=CALENDAR_DAY_FIELDS
    )
    return row


def calendar_year(community: Community, year: int) -> list[dict]:
    """The months of `year` as the calendar page draws them: for each month its weeks
    (Monday first), each day {date, working, kind, name, own} or None outside the month,
    where `kind` is the holiday or swapped working day that applies and `own` says the
    community set it itself. Two queries."""
    rows = CalendarDay.objects.filter(
        Q(community=community) | Q(company_id=community.company_id),
        date__year=year,
    ).values_list("date", "kind", "name", "community_id")
    special: dict[date, tuple[str, str, bool]] = {}
    for day, kind, name, own in sorted(rows, key=lambda row: row[3] is not None):
        special[day] = (kind, name, own is not None)
    months = []
    for month in range(1, 13):
        weeks = []
        for week in _month_weeks(year, month):
            cells = []
            for day in week:
                if day is None:
                    cells.append(None)
                    continue
                kind, name, own = special.get(day, ("", "", False))
                working = kind == CalendarDayKind.WORKDAY if kind else day.weekday() < 5
                cells.append(
                    {"date": day, "working": working, "kind": kind, "name": name, "own": own}
                )
            weeks.append(cells)
        months.append({"month": date(year, month, 1), "weeks": weeks})
    return months


def _month_weeks(year: int, month: int) -> list[list[date | None]]:
    return [
        [date(year, month, n) if n else None for n in week]
        for week in stdlib_calendar.Calendar(firstweekday=0).monthdayscalendar(year, month)
    ]
