from datetime import date, timedelta

import pytest

from wuye.facilities.maintenance import schedule


def test_every_15_days_from_3_january_over_the_whole_year():
    found = schedule.occurrences(
        cadence="days", interval=15, starts_on=date(2026, 1, 3), until=date(2026, 12, 31)
    )
    expected, day = [], date(2026, 1, 3)
    while day.year == 2026:
        expected.append(day)
        day += timedelta(days=15)
    assert found == expected
    assert found[:4] == [date(2026, 1, 3), date(2026, 1, 18), date(2026, 2, 2), date(2026, 2, 17)]
    assert found[-1] == date(2026, 12, 29)
    assert len(found) == 25


def test_next_occurrence_walks_the_same_year_one_date_at_a_time():
    expected = schedule.occurrences(
        cadence="days", interval=15, starts_on=date(2026, 1, 3), until=date(2027, 1, 31)
    )
    walked, after = [], None
    while len(walked) < len(expected):
        after = schedule.next_occurrence(
            cadence="days", interval=15, starts_on=date(2026, 1, 3), after=after
        )
        walked.append(after)
    assert walked == expected
    # a day between two dates gives the later one
    assert schedule.next_occurrence(
        cadence="days", interval=15, starts_on=date(2026, 1, 3), after=date(2026, 1, 17)
    ) == date(2026, 1, 18)


def test_months_keep_the_day_or_clamp_to_the_month_end():
    found = schedule.occurrences(
        cadence="months", interval=1, starts_on=date(2026, 1, 31), until=date(2026, 12, 31)
    )
    assert found[:4] == [date(2026, 1, 31), date(2026, 2, 28), date(2026, 3, 31), date(2026, 4, 30)]
    assert len(found) == 12
    assert schedule.add_months(date(2027, 11, 30), 3) == date(2028, 2, 29)
    quarterly = schedule.occurrences(
        cadence="months", interval=3, starts_on=date(2026, 1, 15), until=date(2026, 12, 31)
    )
    assert quarterly == [
        date(2026, 1, 15),
        date(2026, 4, 15),
        date(2026, 7, 15),
        date(2026, 10, 15),
    ]
    assert schedule.next_occurrence(
        cadence="months", interval=1, starts_on=date(2026, 1, 31), after=date(2026, 2, 28)
    ) == date(2026, 3, 31)


def test_weeks_and_fixed_dates():
    weekly = schedule.occurrences(
        cadence="weeks", interval=2, starts_on=date(2026, 1, 5), until=date(2026, 2, 28)
    )
    assert weekly == [date(2026, 1, 5), date(2026, 1, 19), date(2026, 2, 2), date(2026, 2, 16)]
    fixed = [date(2026, 9, 1), date(2026, 3, 1), date(2026, 3, 1), date(2025, 12, 1)]
    assert schedule.occurrences(
        cadence="fixed_dates",
        interval=1,
        starts_on=date(2026, 1, 1),
        until=date(2026, 12, 31),
        fixed_dates=fixed,
    ) == [date(2026, 3, 1), date(2026, 9, 1)]
    assert (
        schedule.next_occurrence(
            cadence="fixed_dates",
            interval=1,
            starts_on=date(2026, 1, 1),
            after=date(2026, 9, 1),
            fixed_dates=fixed,
        )
        is None
    )


def test_floating_counts_from_the_completion():
    assert schedule.floating_next(cadence="days", interval=15, done_on=date(2026, 1, 10)) == date(
        2026, 1, 25
    )


def test_a_calendar_needs_an_interval():
    with pytest.raises(ValueError):
        schedule.occurrences(
            cadence="days", interval=0, starts_on=date(2026, 1, 1), until=date(2026, 2, 1)
        )
