"""The tariff engine: HC's worked example of 标准收费 exactly, and properties any stay keeps."""

from __future__ import annotations

import math
from dataclasses import replace
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError
from hypothesis import given, settings
from hypothesis import strategies as st

from wuye.security.parking.tariffs import (
    Band,
    Rule,
    due,
    paid_until,
    quote,
    rule_clean,
    rule_errors,
)

SHANGHAI = ZoneInfo("Asia/Shanghai")
STANDARD = {
    "free_minutes": 30,
    "charge_from_zero_after_free": True,
    "first_minutes": 60,
    "first_price": "5",
    "step_minutes": 30,
    "step_price": "2",
    "second_after_minutes": 180,
    "second_step_minutes": 60,
    "second_step_price": "1",
    "cap_per_day": "20",
    "cap_scope": "rolling_24h",
}
RULE = Rule.from_json(STANDARD)
ENTRY = datetime(2026, 12, 7, 9, 13, tzinfo=SHANGHAI)


def stay(rule, minutes, entered=ENTRY, **kwargs):
    return quote(rule, entered, entered + timedelta(minutes=minutes), **kwargs)


@pytest.mark.parametrize(
    ("minutes", "fee"),
    [(25, "0"), (45, "5"), (150, "11"), (300, "15"), (24 * 60 + 5, "25"), (25 * 60 + 10, "27")],
)
def test_the_worked_example_of_the_standard_tariff(minutes, fee):
    assert stay(RULE, minutes).fee == Decimal(fee)


def test_a_started_minute_counts_and_the_free_limit_is_inclusive():
    assert stay(RULE, 30).fee == 0
    assert quote(RULE, ENTRY, ENTRY + timedelta(minutes=30, seconds=1)).fee == Decimal("5")


def test_a_moment_without_a_zone_is_local_time():
    rule = Rule.from_json({**STANDARD, "cap_scope": "calendar_day"})
    late = datetime(2026, 12, 7, 23, 0)
    assert quote(rule, late, late + timedelta(minutes=120)).fee == Decimal("10")


def test_the_breakdown_explains_a_multi_day_stay():
    lines = stay(RULE, 25 * 60 + 10).breakdown
    assert lines[0] == ("1 whole day(s) at the daily cap", Decimal("20"))
    assert lines[1][0].endswith("70 minutes by the steps")
    assert sum(amount for _, amount in lines) == Decimal("27")


def test_free_minutes_can_be_deducted_instead_of_charged_from_zero():
    rule = Rule.from_json({**STANDARD, "charge_from_zero_after_free": False})
    # 45 minutes less 30 free: 15 charged minutes, the first period.
    assert stay(rule, 45).fee == Decimal("5")
    # 120 - 30 = 90 minutes: 5 + one step of 30.
    assert stay(rule, 120).fee == Decimal("7")


def test_a_decimal_cap_is_kept_to_the_fen():
    rule = Rule.from_json(
        {
            "first_minutes": 60,
            "first_price": "2",
            "step_minutes": 60,
            "step_price": "2",
            "cap_per_day": "7.5",
        }
    )
    assert stay(rule, 5 * 60).fee == Decimal("7.50")
    assert stay(rule, 2 * 1440 + 60).fee == Decimal("17.00")


def test_the_calendar_day_cap_restarts_at_local_midnight():
    rule = Rule.from_json({**STANDARD, "cap_scope": "calendar_day"})
    late = datetime(2026, 12, 7, 23, 0, tzinfo=SHANGHAI)
    # 23:00-01:00: an hour on each day, each its first period.
    assert stay(rule, 120, late).fee == Decimal("10")
    # Rolling from entry, the same two hours are one stay: 5 + 2 * 2.
    assert stay(RULE, 120, late).fee == Decimal("9")
    # The whole of 8 December at the cap, then 1 h 5 min on the 9th: 20 + 5 + 2 + first day 5.
    assert stay(rule, 60 + 1440 + 65, late).fee == Decimal("5") + 20 + 7


def test_a_flat_night_band_and_a_stepped_day():
    rule = Rule.from_json(
        {
            **STANDARD,
            "cap_per_day": None,
            "free_minutes": 0,
            "bands": [
                {"name": "Night", "starts": "19:00", "ends": "07:00", "price": "3", "per": "night"}
            ],
        }
    )
    evening = datetime(2026, 12, 7, 18, 0, tzinfo=SHANGHAI)
    # 18:00-08:00: an hour by the steps before 19:00, the night at ¥3, an hour after 07:00.
    quoted = stay(rule, 14 * 60, evening)
    # The two day hours are one window's 120 minutes: 5 + 2 * 2; the night ¥3.
    assert quoted.fee == Decimal("12")
    assert any(label.startswith("Night band") for label, _ in quoted.breakdown)
    # Two nights in a three-day stay: each night charged once.
    # Two days: each 24 hours has 12 daytime hours by the steps (¥5, four steps of ¥2 to
    # 180 minutes, nine hours at ¥1) and one night at ¥3.
    assert stay(rule, 2 * 1440, evening).fee == 2 * (Decimal(5 + 4 * 2 + 9) + 3)


def test_a_night_band_charged_per_started_hour():
    rule = Rule.from_json(
        {
            "first_minutes": 60,
            "first_price": "4",
            "step_minutes": 60,
            "step_price": "4",
            "bands": [
                {"name": "Night", "starts": "22:00", "ends": "06:00", "price": "1", "per": "hour"}
            ],
        }
    )
    night = datetime(2026, 12, 7, 21, 30, tzinfo=SHANGHAI)
    # 21:30-23:10: 30 day minutes (¥4), 70 night minutes = 2 started hours (¥2).
    assert stay(rule, 100, night).fee == Decimal("6")


def test_holidays_free_the_steps_or_only_the_band_that_says_so():
    rule = Rule.from_json(
        {
            "first_minutes": 60,
            "first_price": "4",
            "step_minutes": 60,
            "step_price": "4",
            "free_on_holidays": True,
            "bands": [{"name": "Night", "starts": "20:00", "ends": "08:00", "price": "6"}],
        }
    )
    new_year = date(2027, 1, 1)
    morning = datetime(2027, 1, 1, 9, 0, tzinfo=SHANGHAI)
    assert stay(rule, 180, morning, holidays={new_year}).fee == 0
    assert stay(rule, 180, morning).fee == Decimal("12")
    # The night band is not free on holidays: 19:00-21:00 on the holiday pays only the night.
    evening = datetime(2027, 1, 1, 19, 0, tzinfo=SHANGHAI)
    assert stay(rule, 120, evening, holidays={new_year}).fee == Decimal("6")
    free_nights = Rule.from_json(
        {**rule.to_json(), "bands": [{**rule.bands[0].to_json(), "free_on_holidays": True}]}
    )
    assert stay(free_nights, 120, evening, holidays={new_year}).fee == 0


def test_what_is_due_after_a_payment_and_the_exit_grace():
    exit_at = ENTRY + timedelta(minutes=150)
    assert due(RULE, ENTRY, exit_at, Decimal("11"), paid_at=exit_at) == 0
    # Paid ¥11 at 150 minutes, still there 20 minutes later: the grace (15) is over.
    late = exit_at + timedelta(minutes=20)
    assert due(RULE, ENTRY, late, Decimal("11"), paid_at=exit_at) == Decimal("2")
    assert due(RULE, ENTRY, exit_at + timedelta(minutes=15), Decimal("11"), paid_at=exit_at) == 0
    assert paid_until(RULE, exit_at) == exit_at + timedelta(minutes=15)
    assert Rule.from_json({**STANDARD, "exit_grace_minutes": 5}).exit_grace_minutes == 5
    # Overpaid: nothing due, never a negative amount.
    assert due(RULE, ENTRY, exit_at, Decimal("50")) == 0


def test_a_car_in_and_out_twice_in_a_day_pays_each_stay_by_the_rule():
    morning_in = datetime(2026, 12, 7, 8, 0, tzinfo=SHANGHAI)
    morning_out = morning_in + timedelta(minutes=150)
    evening_in = datetime(2026, 12, 7, 18, 0, tzinfo=SHANGHAI)
    evening_out = evening_in + timedelta(minutes=25 * 60 + 10)
    first = quote(RULE, morning_in, morning_out).fee
    second = quote(RULE, evening_in, evening_out).fee
    assert (first, second) == (Decimal("11"), Decimal("27"))


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"first_price": "-1"}, "first_price"),
        ({"step_minutes": 0}, "step_minutes"),
        ({"second_after_minutes": 30}, "second_after_minutes"),
        ({"cap_scope": "weekly"}, "cap_scope"),
        ({"cap_per_day": "7.555"}, "cap_per_day"),
        ({"free_minutes": "half an hour"}, "free_minutes"),
        (
            {
                "bands": [
                    {"starts": "19:00", "ends": "07:00", "price": "3"},
                    {"starts": "06:00", "ends": "09:00", "price": "1"},
                ]
            },
            "bands.1",
        ),
        ({"bands": [{"starts": "25:00", "ends": "07:00", "price": "3"}]}, "bands.0.starts"),
        (
            {"bands": [{"starts": "19:00", "ends": "07:00", "price": "3", "per": "week"}]},
            "bands.0.per",
        ),
    ],
)
def test_a_bad_parameter_is_refused_naming_its_field(change, field):
    assert list(rule_errors({**STANDARD, **change})) == [field]
    with pytest.raises(ValidationError) as refused:
        rule_clean({**STANDARD, **change})
    assert field in refused.value.message_dict


def test_a_sound_rule_survives_its_json():
    rule = rule_clean(STANDARD)
    assert rule == RULE
    assert Rule.from_json(rule.to_json()) == rule


# --- Properties ---------------------------------------------------------------------------

prices = st.integers(min_value=0, max_value=2000).map(lambda cents: Decimal(cents) / 100)
rules = st.builds(
    lambda free, zero, first, p1, step, q1, extra, step2, q2, cap, scope: Rule(
        free_minutes=free,
        charge_from_zero_after_free=zero,
        first_minutes=first,
        first_price=p1,
        step_minutes=step,
        step_price=q1,
        second_after_minutes=None if extra is None else first + extra,
        second_step_minutes=step2,
        second_step_price=q2,
        cap_per_day=cap,
        cap_scope=scope,
    ),
    st.integers(0, 120),
    st.booleans(),
    st.integers(1, 240),
    prices,
    st.integers(1, 120),
    prices,
    st.none() | st.integers(0, 600),
    st.integers(1, 180),
    prices,
    st.none() | prices,
    st.sampled_from(["rolling_24h", "calendar_day"]),
)
bands = st.lists(
    st.builds(
        lambda starts, length, price, per, free: Band(
            "",
            time(starts // 60, starts % 60),
            time(((starts + length) % 1440) // 60, (starts + length) % 60),
            price,
            per,
            free,
        ),
        st.integers(0, 1439),
        st.integers(1, 1439),
        prices,
        st.sampled_from(["night", "hour"]),
        st.booleans(),
    ),
    max_size=1,
)
banded_rules = st.builds(
    lambda rule, bands, free: replace(rule, bands=tuple(bands), free_on_holidays=free),
    rules,
    bands,
    st.booleans(),
)
holidays = st.sets(st.dates(min_value=date(2026, 1, 1), max_value=date(2027, 12, 31)), max_size=40)
entries = st.datetimes(
    min_value=datetime(2026, 1, 1), max_value=datetime(2027, 12, 31), timezones=st.just(UTC)
)
lengths = st.integers(min_value=0, max_value=6 * 1440)


@settings(max_examples=300, deadline=None)
@given(banded_rules, entries, lengths, st.integers(0, 3000), holidays)
def test_a_longer_stay_never_costs_less(rule, entered, minutes, more, days_off):
    shorter = quote(rule, entered, entered + timedelta(minutes=minutes), holidays=days_off).fee
    longer = quote(
        rule, entered, entered + timedelta(minutes=minutes + more), holidays=days_off
    ).fee
    assert longer >= shorter


@settings(max_examples=300, deadline=None)
@given(banded_rules, entries, lengths, holidays)
def test_never_above_the_cap_per_day_and_always_whole_fen(rule, entered, minutes, days_off):
    exited = entered + timedelta(minutes=minutes, seconds=1)
    fee = quote(rule, entered, exited, holidays=days_off).fee
    assert fee >= 0
    assert fee == fee.quantize(Decimal("0.01"))
    if rule.cap_per_day is None:
        return
    if rule.cap_scope == "rolling_24h":
        days = max(1, math.ceil(((exited - entered).total_seconds() / 60) / 1440))
        assert fee <= rule.cap_per_day * days
    else:
        first = entered.astimezone(SHANGHAI).date()
        last = exited.astimezone(SHANGHAI).date()
        assert fee <= rule.cap_per_day * ((last - first).days + 1)


def standard_minute_by_minute(minutes: int) -> Decimal:
    """标准收费 written another way: walk the stay a minute at a time, adding what each
    minute starts (the first period, a step of the first or second kind), keeping each
    24 hours' sum at the cap."""
    if minutes <= 30:
        return Decimal(0)
    total, day = Decimal(0), Decimal(0)
    for minute in range(1, minutes + 1):
        within = (minute - 1) % 1440 + 1
        if within == 1:
            total, day = total + day, Decimal(0)
        if within == 1:
            day += 5
        elif 60 < within <= 180 and (within - 61) % 30 == 0:
            day += 2
        elif within > 180 and (within - 181) % 60 == 0:
            day += 1
        day = min(day, Decimal(20))
    return total + day


@settings(max_examples=200, deadline=None)
@given(entries, st.integers(min_value=0, max_value=4 * 1440), st.integers(0, 59))
def test_the_standard_tariff_matches_an_independent_recomputation(entered, minutes, seconds):
    exited = entered + timedelta(minutes=minutes, seconds=seconds)
    whole = math.ceil((exited - entered).total_seconds() / 60)
    assert quote(RULE, entered, exited).fee == standard_minute_by_minute(whole)


@settings(max_examples=100, deadline=None)
@given(entries, lengths, lengths)
def test_two_stays_in_a_row_each_pay_the_rule(entered, first, gap):
    out = entered + timedelta(minutes=first)
    back = out + timedelta(minutes=gap)
    again = back + timedelta(minutes=first)
    assert quote(RULE, entered, out).fee == standard_minute_by_minute(first)
    assert quote(RULE, back, again).fee == standard_minute_by_minute(first)
