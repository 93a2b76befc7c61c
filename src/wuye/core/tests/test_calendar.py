"""SLA clock arithmetic on China's 2025-2026 calendar, service hours 08:00-18:00.

Reference weeks: 2025-01-24 is a Friday before the Spring Festival (Sunday 26 January is a
swapped working day, 28 January to 4 February are holidays); 2025-09-30 is the Tuesday before
the National Day holidays (1-8 October, Saturday 11 October worked); 2026-01-01 to 03 are
holidays and Sunday 4 January is worked.
"""

from datetime import UTC, date, datetime, time, timedelta

import pytest

from wuye.core.calendar import ServiceCalendar
from wuye.core.models import Clock

from .fixtures import CHINA, SHANGHAI, at, china_days

SERVICE, ROUND_THE_CLOCK = Clock.SERVICE, Clock.ROUND_THE_CLOCK


# --- working days and hours --------------------------------------------------------------


def test_weekdays_work_and_weekends_rest():
    assert CHINA.is_working_day(date(2025, 3, 3))  # Monday
    assert not CHINA.is_working_day(date(2025, 3, 8))  # Saturday


def test_public_holidays_rest_even_on_weekdays():
    assert not CHINA.is_working_day(date(2025, 1, 28))  # 除夕, a Tuesday
    assert not CHINA.is_working_day(date(2025, 10, 8))  # Wednesday, National Day week


def test_swapped_working_days_work_on_weekends():
    assert CHINA.is_working_day(date(2025, 1, 26))  # Sunday, 春节调休
    assert CHINA.is_working_day(date(2026, 1, 4))  # Sunday, 元旦调休


def test_service_hours_include_the_opening_and_exclude_the_closing():
    assert not CHINA.in_service_hours(at(2025, 3, 3, 7, 59, 59))
    assert CHINA.in_service_hours(at(2025, 3, 3, 8))
    assert CHINA.in_service_hours(at(2025, 3, 3, 17, 59, 59))
    assert not CHINA.in_service_hours(at(2025, 3, 3, 18))


def test_no_service_hours_on_holidays_but_on_swapped_working_days():
    assert not CHINA.in_service_hours(at(2025, 10, 3, 10))
    assert CHINA.in_service_hours(at(2025, 10, 11, 10))  # Saturday worked


def test_a_moment_in_another_zone_is_judged_in_the_communitys():
    # 01:30 UTC is 09:30 in Shanghai.
    assert CHINA.in_service_hours(datetime(2025, 3, 3, 1, 30, tzinfo=UTC))
    assert not CHINA.in_service_hours(datetime(2025, 3, 3, 10, 30, tzinfo=UTC))


def test_next_opening_is_the_moment_itself_inside_hours_or_the_next_opening():
    assert CHINA.next_opening(at(2025, 3, 3, 9, 15)) == at(2025, 3, 3, 9, 15)
    assert CHINA.next_opening(at(2025, 9, 30, 18)) == at(2025, 10, 9, 8)


# --- the 24x7 clock ----------------------------------------------------------------------


def test_round_the_clock_counts_nights_weekends_and_holidays():
    start = at(2025, 1, 27, 23, 50)  # the night before 除夕
    assert CHINA.add(start, 30, ROUND_THE_CLOCK) == at(2025, 1, 28, 0, 20)
    assert CHINA.add(start, 3 * 24 * 60, ROUND_THE_CLOCK) == start + timedelta(days=3)
    assert CHINA.elapsed(start, at(2025, 1, 28, 0, 20), ROUND_THE_CLOCK) == 30


# --- the service clock -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "minutes", "due"),
    [
        pytest.param(at(2025, 3, 3, 9), 30, at(2025, 3, 3, 9, 30), id="inside hours"),
        pytest.param(at(2025, 3, 3, 17, 40), 30, at(2025, 3, 4, 8, 10), id="across the night"),
        pytest.param(at(2025, 3, 3, 6, 0), 30, at(2025, 3, 3, 8, 30), id="before opening"),
        pytest.param(at(2025, 3, 3, 21, 0), 30, at(2025, 3, 4, 8, 30), id="after closing"),
        pytest.param(at(2025, 3, 3, 17, 30), 30, at(2025, 3, 3, 18), id="ends at closing"),
        pytest.param(at(2025, 3, 7, 17, 40), 30, at(2025, 3, 10, 8, 10), id="across a weekend"),
        pytest.param(at(2025, 3, 8, 11, 0), 30, at(2025, 3, 10, 8, 30), id="on a Saturday"),
        pytest.param(at(2025, 9, 30, 17, 0), 120, at(2025, 10, 9, 9, 0), id="across National Day"),
        pytest.param(
            at(2025, 1, 24, 17, 30), 60, at(2025, 1, 26, 8, 30), id="into a swapped Sunday"
        ),
        pytest.param(at(2025, 12, 31, 17, 30), 60, at(2026, 1, 4, 8, 30), id="across the year end"),
        pytest.param(at(2025, 3, 3, 9), 3 * 600, at(2025, 3, 6, 9), id="several whole days"),
        pytest.param(at(2025, 3, 3, 21), 0, at(2025, 3, 3, 21), id="zero minutes"),
    ],
)
def test_service_clock_counts_only_service_hours_on_working_days(start, minutes, due):
    assert CHINA.add(start, minutes, SERVICE) == due
    assert CHINA.elapsed(start, due, SERVICE) == minutes


def test_deadlines_are_given_in_the_communitys_zone():
    due = CHINA.add(datetime(2025, 3, 3, 1, 0, tzinfo=UTC), 30)  # 09:00 in Shanghai
    assert due == at(2025, 3, 3, 9, 30)
    assert due.tzinfo == SHANGHAI
    assert due.hour == 9


def test_seconds_are_kept_exactly():
    start = at(2025, 3, 3, 17, 59, 30)
    assert CHINA.add(start, 1) == at(2025, 3, 4, 8, 0, 30)
    assert CHINA.elapsed(start, at(2025, 3, 4, 8, 0, 29)) == 0
    assert CHINA.elapsed(start, at(2025, 3, 4, 8, 0, 30)) == 1


def test_elapsed_service_time_leaves_out_nights_and_weekends():
    assert CHINA.elapsed(at(2025, 3, 7, 17, 0), at(2025, 3, 10, 9, 0)) == 120
    assert CHINA.elapsed(at(2025, 3, 8, 9, 0), at(2025, 3, 9, 17, 0)) == 0


def test_a_lunch_break_does_not_count():
    noise_hours = ServiceCalendar(
        hours=((time(8), time(12)), (time(14), time(18))), days=china_days(), zone=SHANGHAI
    )
    assert noise_hours.add(at(2025, 3, 3, 11, 30), 60) == at(2025, 3, 3, 14, 30)
    assert not noise_hours.in_service_hours(at(2025, 3, 3, 13))
    assert noise_hours.end_of_working_day(at(2025, 3, 3, 13)) == at(2025, 3, 3, 18)


# --- holds -------------------------------------------------------------------------------


def test_time_on_hold_inside_service_hours_moves_the_deadline():
    start = at(2025, 3, 3, 9)
    hold = (at(2025, 3, 3, 9, 10), at(2025, 3, 3, 10, 10))
    assert CHINA.add(start, 30, pauses=[hold]) == at(2025, 3, 3, 10, 30)
    assert CHINA.elapsed(start, at(2025, 3, 3, 10, 30), pauses=[hold]) == 30


def test_time_on_hold_outside_service_hours_moves_only_the_round_the_clock_deadline():
    start = at(2025, 3, 3, 17, 50)
    night_hold = (at(2025, 3, 3, 19), at(2025, 3, 4, 7))
    assert CHINA.add(start, 30, SERVICE, pauses=[night_hold]) == at(2025, 3, 4, 8, 20)
    assert CHINA.add(start, 30, ROUND_THE_CLOCK, pauses=[night_hold]) == at(2025, 3, 3, 18, 20)
    assert CHINA.add(start, 120, ROUND_THE_CLOCK, pauses=[night_hold]) == at(2025, 3, 4, 7, 50)


def test_a_hold_after_the_deadline_does_not_move_it():
    start = at(2025, 3, 3, 9)
    late_hold = (at(2025, 3, 3, 11), at(2025, 3, 3, 15))
    assert CHINA.add(start, 60, pauses=[late_hold]) == at(2025, 3, 3, 10)


def test_holds_may_overlap_and_begin_before_the_start():
    start = at(2025, 3, 3, 9)
    holds = [
        (at(2025, 3, 3, 8, 30), at(2025, 3, 3, 9, 30)),
        (at(2025, 3, 3, 9, 15), at(2025, 3, 3, 10)),
        (at(2025, 3, 3, 10), at(2025, 3, 3, 10, 30)),
    ]
    assert CHINA.add(start, 30, pauses=holds) == at(2025, 3, 3, 11)
    assert CHINA.elapsed(start, at(2025, 3, 3, 11), pauses=holds) == 30


def test_a_hold_spanning_a_weekend_counts_only_its_service_minutes():
    hold = (at(2025, 3, 7, 17), at(2025, 3, 10, 9))
    assert CHINA.elapsed(*hold) == 120
    assert CHINA.add(at(2025, 3, 7, 16), 180, pauses=[hold]) == at(2025, 3, 10, 11)


# --- working days --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("received", "due"),
    [
        pytest.param(at(2025, 3, 7, 17), at(2025, 3, 12, 18), id="Friday 17:00"),
        pytest.param(at(2025, 3, 7, 20), at(2025, 3, 12, 18), id="Friday after hours"),
        pytest.param(at(2025, 3, 8, 10), at(2025, 3, 12, 18), id="Saturday"),
        pytest.param(at(2025, 3, 10, 7), at(2025, 3, 13, 18), id="Monday before opening"),
        pytest.param(at(2026, 2, 13, 17), at(2026, 2, 25, 18), id="before the Spring Festival"),
        pytest.param(at(2025, 12, 30, 10), at(2026, 1, 5, 18), id="across the year end"),
    ],
)
def test_within_three_working_days_ends_at_closing_of_the_third_working_day_after(received, due):
    assert CHINA.add_working_days(received, 3) == due


@pytest.mark.parametrize(
    ("received", "due"),
    [
        pytest.param(at(2025, 3, 10, 7), at(2025, 3, 10, 18), id="before opening"),
        pytest.param(at(2025, 3, 10, 10), at(2025, 3, 10, 18), id="during hours"),
        pytest.param(at(2025, 3, 10, 18), at(2025, 3, 11, 18), id="at closing"),
        pytest.param(at(2025, 3, 10, 19), at(2025, 3, 11, 18), id="after hours"),
        pytest.param(at(2025, 3, 7, 19), at(2025, 3, 10, 18), id="Friday evening"),
        pytest.param(at(2025, 10, 1, 10), at(2025, 10, 9, 18), id="National Day"),
        pytest.param(at(2025, 10, 11, 10), at(2025, 10, 11, 18), id="swapped Saturday"),
    ],
)
def test_the_same_working_day_closes_at_the_end_of_service_hours(received, due):
    assert CHINA.end_of_working_day(received) == due
    assert CHINA.add_working_days(received, 0) == due


# --- refusals ----------------------------------------------------------------------------


def test_naive_times_are_refused():
    with pytest.raises(ValueError, match="timezone-aware"):
        CHINA.add(datetime(2025, 3, 3, 9), 30)


def test_negative_amounts_and_unknown_clocks_are_refused():
    with pytest.raises(ValueError):
        CHINA.add(at(2025, 3, 3, 9), -1)
    with pytest.raises(ValueError):
        CHINA.add_working_days(at(2025, 3, 3, 9), -1)
    with pytest.raises(ValueError, match="Unknown clock"):
        CHINA.add(at(2025, 3, 3, 9), 30, "office")
    with pytest.raises(ValueError):
        CHINA.elapsed(at(2025, 3, 3, 9), at(2025, 3, 3, 8))
    with pytest.raises(ValueError):
        CHINA.add(at(2025, 3, 3, 9), 30, pauses=[(at(2025, 3, 3, 10), at(2025, 3, 3, 9))])


def test_a_moment_is_not_a_day():
    with pytest.raises(TypeError):
        CHINA.is_working_day(at(2025, 3, 3, 9))


@pytest.mark.parametrize(
    "hours",
    [
        (),
        ((time(18), time(8)),),
        ((time(8), time(12)), (time(11), time(18))),
    ],
)
def test_service_hours_must_be_a_sorted_list_of_open_periods(hours):
    with pytest.raises(ValueError):
        ServiceCalendar(hours=hours)


def test_a_calendar_without_working_days_fails_instead_of_looping():
    never = ServiceCalendar(workweek=())
    with pytest.raises(ValueError, match="no working day"):
        never.add(at(2025, 3, 3, 9), 30)
    with pytest.raises(ValueError, match="no working day"):
        never.end_of_working_day(at(2025, 3, 3, 9))
