"""Shift results against the published rosters: late, early, absent, leave, swaps, and
shifts across midnight; the monthly sheet."""

from datetime import date, timedelta

from wuye.staff.attendance import queries, services
from wuye.staff.attendance.models import ClockEvent
from wuye.staff.rosters.models import ChangeKind, RosterChange, WorkRules

from .fixtures import moment, rostered, security

DAY = date(2026, 3, 10)


def _event(site, user, kind, at):
    return ClockEvent.objects.create(community=site.community, user=user, kind=kind, at=at)


def _result(site, entry, now):
    (result,) = queries.results_for([entry], site.community.pk, now)
    return result


def test_a_night_shift_takes_a_clock_in_from_the_evening_before(site):
    night = rostered(site.community, site.guard, DAY, "night")  # 00:00–08:00 on the 10th
    _event(site, site.guard, "in", moment(DAY - timedelta(days=1), 23, 40))
    _event(site, site.guard, "out", moment(DAY, 8, 1))

    result = _result(site, night, moment(DAY, 12))

    assert result.status == queries.ON_TIME and result.worked_minutes == 480


def test_a_middle_shift_late_and_leaving_early_across_midnight(site):
    middle = rostered(site.community, site.guard, DAY, "middle")  # 16:00–24:00
    _event(site, site.guard, "in", moment(DAY, 16, 20))
    _event(site, site.guard, "out", moment(DAY, 23, 30))

    result = _result(site, middle, moment(DAY + timedelta(days=1), 9))

    assert (result.status, result.late_minutes, result.early_minutes) == (
        queries.LATE_EARLY,
        20,
        30,
    )
    assert result.worked_minutes == 430


def test_tolerances_come_from_the_work_rules(site):
    WorkRules.objects.create(community=site.community, late_after_minutes=30)
    middle = rostered(site.community, site.guard, DAY, "middle")
    _event(site, site.guard, "in", moment(DAY, 16, 20))
    _event(site, site.guard, "out", moment(DAY + timedelta(days=1), 0, 5))

    assert _result(site, middle, moment(DAY + timedelta(days=1), 9)).status == queries.ON_TIME


def test_no_clock_in_by_the_end_is_absent_not_before(site):
    night = rostered(site.community, site.guard, DAY, "night")
    assert _result(site, night, moment(DAY - timedelta(days=1), 22)).status == queries.UPCOMING
    assert _result(site, night, moment(DAY, 7, 59)).status == queries.NOT_IN
    assert _result(site, night, moment(DAY, 8)).status == queries.ABSENT


def test_a_clock_in_before_the_window_opens_does_not_count(site):
    day_shift = rostered(site.community, site.guard, DAY, "day")  # 08:00, opens 06:00
    _event(site, site.guard, "in", moment(DAY, 5, 50))
    assert _result(site, day_shift, moment(DAY, 17)).status == queries.ABSENT


def test_still_on_shift_then_the_next_shift_takes_its_own_clock_in(site):
    night = rostered(site.community, site.guard, DAY, "night")
    middle = rostered(site.community, site.guard, DAY, "middle")
    _event(site, site.guard, "in", moment(DAY, 0, 3))
    assert _result(site, night, moment(DAY, 3)).status == queries.ON_SHIFT
    _event(site, site.guard, "out", moment(DAY, 8))
    _event(site, site.guard, "in", moment(DAY, 15, 55))
    night_r, middle_r = queries.results_for([night, middle], site.community.pk, moment(DAY, 18))
    assert night_r.status == queries.ON_TIME and night_r.late_minutes == 0
    assert middle_r.status == queries.ON_SHIFT and middle_r.clock_in.at == moment(DAY, 15, 55)


def test_leave_is_excused_and_a_swap_expects_the_cover(site):
    leave = rostered(site.community, site.guard, DAY, "day")
    RosterChange.objects.create(entry=leave, kind=ChangeKind.LEAVE, recorded_by=site.manager)
    swapped = rostered(site.community, site.guard, DAY, "middle")
    RosterChange.objects.create(
        entry=swapped, kind=ChangeKind.SWAP, covered_by=site.frontdesk, recorded_by=site.manager
    )
    _event(site, site.frontdesk, "in", moment(DAY, 16))
    _event(site, site.frontdesk, "out", moment(DAY + timedelta(days=1), 0))

    a, b = queries.results_for(
        [leave, swapped], site.community.pk, moment(DAY, 23, 59) + timedelta(hours=1)
    )
    assert a.status == queries.LEAVE
    assert (b.person, b.status) == (site.frontdesk, queries.ON_TIME)


def test_a_draft_roster_expects_nobody(site):
    rostered(site.community, site.guard, DAY, "day", published=False)
    days, rows = queries.sheet(site.community.pk, DAY, now=moment(DAY, 20))
    assert rows == [] and len(days) == 31


def test_the_month_sheet_marks_each_day_and_totals_in_fixed_queries(
    site, django_assert_max_num_queries
):
    department, _post = security(site.community)
    for n in range(1, 6):
        day = date(2026, 3, n)
        for person in (site.guard, site.electrician):
            rostered(site.community, person, day, "day")
        services.clock(site.guard, site.community, "in", at=moment(day, 8, 10 if n == 2 else 0))
        services.clock(site.guard, site.community, "out", at=moment(day, 16))
    leave = rostered(site.community, site.guard, date(2026, 3, 6), "day")
    RosterChange.objects.create(entry=leave, kind=ChangeKind.SICK, recorded_by=site.manager)

    with django_assert_max_num_queries(3):
        days, rows = queries.sheet(
            site.community.pk, date(2026, 3, 17), department_id=department.pk, now=moment(DAY, 20)
        )

    by_person = {row.person: row for row in rows}
    guard, electrician = by_person[site.guard], by_person[site.electrician]
    assert (guard.shifts, guard.late, guard.absent, guard.leave, guard.hours) == (
        5,
        1,
        0,
        1,
        "39.8",
    )
    assert (electrician.shifts, electrician.absent) == (5, 5)
    marks = [str(results[0].mark) if results else "" for _day, results in guard.cells[:7]]
    assert marks == ["✓", "L", "✓", "✓", "✓", "V", ""]
