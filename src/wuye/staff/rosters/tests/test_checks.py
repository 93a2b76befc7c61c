"""The roster checks, read directly: nights across midnight, the week's edges, Asia/Shanghai
time (no daylight saving) and a week with public holidays."""

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from wuye.staff.rosters import checks
from wuye.staff.rosters.models import ShiftTemplate, week_of

SHANGHAI = ZoneInfo("Asia/Shanghai")
MIDDLE = ShiftTemplate(pk=2, name="中班", code="middle", starts=time(16), ends=time(0))
NIGHT = ShiftTemplate(pk=3, name="夜班", code="night", starts=time(0), ends=time(8))
DAY = ShiftTemplate(pk=1, name="早班", code="day", starts=time(8), ends=time(16))
DUTY = ShiftTemplate(pk=6, name="夜间维修值班", code="repair-night", starts=time(17), ends=time(9))
OFFICE = ShiftTemplate(
    pk=4, name="办公时间", code="office", starts=time(8, 30), ends=time(17, 30), break_minutes=60
)
MONDAY = date(2026, 12, 14)


def slot(user_id, day, shift, entry_id=None, post_id=1):
    starts, ends = shift.span(day)
    return checks.Slot(
        user_id=user_id,
        person=f"P{user_id}",
        post_id=post_id,
        day=day,
        shift_id=shift.pk,
        shift_name=shift.name,
        starts_at=starts,
        ends_at=ends,
        minutes=shift.minutes,
        entry_id=entry_id,
    )


def test_shifts_across_midnight_end_the_next_day_in_shanghai_time():
    starts, ends = MIDDLE.span(MONDAY)
    assert (starts, ends) == (
        datetime(2026, 12, 14, 16, tzinfo=SHANGHAI),
        datetime(2026, 12, 15, 0, tzinfo=SHANGHAI),
    )
    assert MIDDLE.minutes == 8 * 60 and MIDDLE.crosses_midnight
    starts, ends = DUTY.span(MONDAY)
    assert ends - starts == timedelta(hours=16) and DUTY.minutes == 16 * 60
    assert OFFICE.minutes == 8 * 60 and not OFFICE.crosses_midnight
    # No daylight saving: a March and a November night are both 8 h, UTC+8 all year.
    for day in (date(2026, 3, 8), date(2026, 11, 1)):
        starts, ends = NIGHT.span(day)
        assert ends - starts == timedelta(hours=8)
        assert starts.utcoffset() == timedelta(hours=8)


def test_a_cell_under_headcount_warns_and_a_full_one_does_not():
    days = [MONDAY + timedelta(days=n) for n in range(7)]
    slots = [slot(u, d, DAY) for d in days for u in (1, 2)]
    slots += [slot(3, d, MIDDLE) for d in days]
    shifts = [checks.GridShift(DAY.pk, DAY.name), checks.GridShift(MIDDLE.pk, MIDDLE.name)]
    found = checks.under_headcount(slots, days=days, shifts=shifts, headcount=2)
    assert [(w.day, w.shift_id) for w in found] == [(d, MIDDLE.pk) for d in days]
    assert all(w.kind == "under_headcount" for w in found)
    assert "1" in found[0].message and "2" in found[0].message


def test_office_hours_are_not_needed_on_the_holidays_of_national_day_week():
    monday = date(2026, 10, 5)  # 5–7 October are holidays, Saturday 10 is worked in exchange
    days = [monday + timedelta(days=n) for n in range(7)]
    rest = {date(2026, 10, 5), date(2026, 10, 6), date(2026, 10, 7), date(2026, 10, 11)}
    office = checks.GridShift(OFFICE.pk, OFFICE.name, office=True)
    night = checks.GridShift(NIGHT.pk, NIGHT.name)
    found = checks.under_headcount(
        [], days=days, shifts=[office, night], headcount=1, rest_days=rest
    )
    office_days = [w.day for w in found if w.shift_id == OFFICE.pk]
    assert office_days == [date(2026, 10, 8), date(2026, 10, 9), date(2026, 10, 10)]
    assert len([w for w in found if w.shift_id == NIGHT.pk]) == 7  # guards work holidays


def test_hours_over_the_day_and_the_week_count_every_roster():
    days = [MONDAY + timedelta(days=n) for n in range(7)]
    # Person 1: the day shift on six days on one post (48 h) -> over 44 h a week.
    slots = [slot(1, d, DAY) for d in days[:6]]
    # Person 2: 40 h on one post and a night repair duty on another post (16 h a day, 56 h).
    slots += [slot(2, d, OFFICE) for d in days[:5]]
    slots.append(slot(2, days[2], DUTY, post_id=9))
    found = checks.over_hours(slots, week=days, day_limit_minutes=480, week_limit_minutes=44 * 60)
    assert {(w.kind, w.user_id, w.day) for w in found} == {
        ("over_day", 2, days[2]),
        ("over_week", 1, None),
        ("over_week", 2, None),
    }
    week_warning = next(w for w in found if w.kind == "over_week" and w.user_id == 1)
    assert "48" in week_warning.message and "44" in week_warning.message


def test_a_sunday_night_ending_on_monday_counts_in_its_own_week():
    sunday = MONDAY + timedelta(days=6)
    late = slot(1, sunday, DUTY)  # Sunday 17:00 to Monday 09:00
    assert late.ends_at == datetime(2026, 12, 21, 9, tzinfo=SHANGHAI)
    assert week_of(late.day) == MONDAY
    this_week = [MONDAY + timedelta(days=n) for n in range(7)]
    next_week = [d + timedelta(days=7) for d in this_week]
    assert (
        checks.over_hours([late], week=next_week, day_limit_minutes=60, week_limit_minutes=60) == []
    )
    assert (
        len(
            checks.over_hours(
                [late], week=this_week, day_limit_minutes=480, week_limit_minutes=44 * 60
            )
        )
        == 1
    )


def test_two_shifts_at_once_across_the_week_boundary():
    sunday = MONDAY + timedelta(days=6)
    late = slot(1, sunday, DUTY, entry_id=10)
    next_monday_day = slot(1, sunday + timedelta(days=1), DAY, entry_id=20)
    found = checks.overlaps([late, next_monday_day])
    assert len(found) == 1 and found[0].user_id == 1 and found[0].kind == "overlap"
    # Only the overlaps of the roster being checked are kept.
    assert checks.overlaps([late, next_monday_day], mine={30}) == []
    assert len(checks.overlaps([late, next_monday_day], mine={20})) == 1
    # The middle shift ends at midnight, the night starts then: back to back, not at once.
    assert (
        checks.overlaps([slot(1, MONDAY, MIDDLE), slot(1, MONDAY + timedelta(days=1), NIGHT)]) == []
    )


@pytest.mark.parametrize(
    ("held", "missing"),
    [({"security_guard", "fire_facilities"}, 0), ({"security_guard"}, 1), (set(), 1)],
)
def test_a_post_warns_of_a_missing_certificate_on_the_day(held, missing):
    days = [MONDAY, MONDAY + timedelta(days=1)]
    slots = [slot(1, days[0], DAY)]
    found = checks.missing_certificates(
        slots, required=["security_guard", "fire_facilities"], held=lambda u, d: held
    )
    assert len(found) == missing


def test_a_certificate_valid_only_until_monday_warns_on_tuesday():
    tuesday = MONDAY + timedelta(days=1)
    slots = [slot(1, MONDAY, DAY), slot(1, tuesday, DAY)]
    found = checks.missing_certificates(
        slots,
        required=["security_guard"],
        held=lambda u, d: {"security_guard"} if d <= MONDAY else set(),
        kind_names={"security_guard": "保安员证"},
    )
    assert [w.day for w in found] == [tuesday] and "保安员证" in found[0].message


def test_the_summary_says_a_missing_certificate_once_per_person():
    days = [MONDAY + timedelta(days=n) for n in range(3)]
    slots = [slot(1, d, DAY) for d in days] + [slot(2, MONDAY, NIGHT)]
    found = checks.missing_certificates(slots, required=["health"], held=lambda u, d: set())
    found += checks.under_headcount(
        [], days=days[:1], shifts=[checks.GridShift(9, "x")], headcount=1
    )
    listed = checks.summary(found)
    assert [w.kind for w in listed] == ["certificate", "certificate", "under_headcount"]
    assert "(3 shifts)" in listed[0].message and listed[1].message == found[3].message


def test_overtime_past_a_day_or_the_month_warns_counted_week_by_week():
    limits = {
        "day_limit_minutes": 8 * 60,
        "week_limit_minutes": 44 * 60,
        "overtime_day_minutes": 3 * 60,
        "overtime_month_minutes": 36 * 60,
    }
    # December 2026: weeks starting 7, 14, 21 and 28 December (30 November's is November's).
    mondays = [date(2026, 12, 7) + timedelta(days=7 * n) for n in range(4)]
    # Person 1: six day shifts a week (48 h, 4 h past the week) in four weeks: 16 h.
    slots = [slot(1, m + timedelta(days=n), DAY) for m in mondays for n in range(6)]
    # Person 2: a night repair duty (16 h) each Tuesday, 40 h of office hours: a day past
    # 11 h, and each week 16 h past the days, more than its 12 h past the 44 h week.
    for m in mondays:
        slots += [slot(2, m + timedelta(days=n), OFFICE) for n in range(5)]
        slots.append(slot(2, m + timedelta(days=1), DUTY, post_id=9))
    # Person 3: the November week before does not count in December.
    slots += [slot(3, date(2026, 11, 30) + timedelta(days=n), DUTY) for n in range(7)]
    week = [MONDAY + timedelta(days=n) for n in range(7)]
    found = checks.over_overtime(slots, week=week, **limits)
    assert {(w.kind, w.user_id, w.day) for w in found} == {
        ("overtime_day", 2, MONDAY + timedelta(days=1)),  # 24 h on Tuesday 15 December
        ("overtime_month", 2, None),  # 4 weeks × max(16 h past the days, 12 h) = 64 h
    }
    month = next(w for w in found if w.kind == "overtime_month")
    assert "64" in month.message and "36" in month.message
    # Seven repair duties make person 3's first December week 112 h: 68 h past the week
    slots += [slot(3, date(2026, 12, 7) + timedelta(days=n), DUTY) for n in range(7)]
    found = checks.over_overtime(slots, week=week, **limits)
    assert ("overtime_month", 3) in {(w.kind, w.user_id) for w in found}
