"""Properties of the SLA clocks that every deadline relies on, over random times of 2025-2026."""

from datetime import datetime, timedelta

from hypothesis import given
from hypothesis import strategies as st

from wuye.core.models import Clock

from .fixtures import CHINA, SHANGHAI

SERVICE, ROUND_THE_CLOCK = Clock.SERVICE, Clock.ROUND_THE_CLOCK

moments = st.datetimes(
    min_value=datetime(2024, 12, 20), max_value=datetime(2026, 12, 31), timezones=st.just(SHANGHAI)
)
minutes = st.integers(min_value=0, max_value=6000)
clocks = st.sampled_from([SERVICE, ROUND_THE_CLOCK])


@st.composite
def holds(draw, around: datetime):
    """Up to three holds within a fortnight of `around`, possibly overlapping."""
    result = []
    for _ in range(draw(st.integers(min_value=0, max_value=3))):
        start = around + timedelta(minutes=draw(st.integers(min_value=-600, max_value=20000)))
        result.append((start, start + timedelta(minutes=draw(st.integers(0, 5000)))))
    return result


@given(start=moments, a=minutes, b=minutes, clock=clocks)
def test_more_minutes_never_give_an_earlier_deadline(start, a, b, clock):
    low, high = sorted((a, b))
    assert CHINA.add(start, low, clock) <= CHINA.add(start, high, clock)


@given(start=moments, m=minutes, clock=clocks, data=st.data())
def test_elapsed_time_to_a_deadline_is_the_target(start, m, clock, data):
    pauses = data.draw(holds(start))
    due = CHINA.add(start, m, clock, pauses=pauses)
    assert due >= start
    assert CHINA.elapsed(start, due, clock, pauses=pauses) == m


@given(start=moments, m=minutes)
def test_round_the_clock_is_plain_time(start, m):
    assert CHINA.add(start, m, ROUND_THE_CLOCK) == start + timedelta(minutes=m)
    assert CHINA.elapsed(start, start + timedelta(minutes=m), ROUND_THE_CLOCK) == m


@given(start=moments, a=minutes, b=minutes, clock=clocks)
def test_adding_in_two_steps_is_adding_at_once(start, a, b, clock):
    assert CHINA.add(CHINA.add(start, a, clock), b, clock) == CHINA.add(start, a + b, clock)


@given(start=moments, m=st.integers(min_value=1, max_value=6000))
def test_a_service_deadline_falls_in_service_hours_or_at_closing(start, m):
    due = CHINA.add(start, m, SERVICE)
    assert CHINA.in_service_hours(due) or CHINA.in_service_hours(due - timedelta(microseconds=1))


@given(start=moments, m=minutes, data=st.data())
def test_holds_never_bring_a_deadline_forward(start, m, data):
    pauses = data.draw(holds(start))
    for clock in (SERVICE, ROUND_THE_CLOCK):
        assert CHINA.add(start, m, clock, pauses=pauses) >= CHINA.add(start, m, clock)


@given(received=moments, days=st.integers(min_value=0, max_value=15))
def test_working_day_deadlines_are_closings_of_working_days_in_order(received, days):
    due = CHINA.add_working_days(received, days)
    assert due > received
    assert CHINA.is_working_day(due.date())
    assert due.time() == CHINA.hours[-1][1]
    later = CHINA.add_working_days(received, days + 1)
    # Received after hours or on a rest day, "the same working day" is the next one.
    assert later > due or (days == 0 and later == due)
    working_days_between = sum(
        CHINA.is_working_day(received.date() + timedelta(days=n))
        for n in range(1, (due.date() - received.date()).days + 1)
    )
    assert working_days_between == max(days, 1 if due.date() > received.date() else 0)
