"""The fee arithmetic keeps its promises for any figures, not just the examples."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from wuye.billing import calc

cents = st.decimals(min_value=Decimal("0.01"), max_value=Decimal("99999.99"), places=2)
weights = st.lists(
    st.decimals(min_value=Decimal("0"), max_value=Decimal("500"), places=2), min_size=1, max_size=40
).filter(lambda ws: sum(ws) > 0)
days_in_2026 = st.dates(min_value=date(2026, 1, 1), max_value=date(2026, 12, 31))


@pytest.mark.parametrize(
    ("rule", "value", "expected"),
    [
        ("half_up", "10.125", "10.13"),
        ("half_up", "10.124", "10.12"),
        ("down", "10.129", "10.12"),
        ("up", "10.121", "10.13"),
        ("half_even", "10.125", "10.12"),
        ("half_even", "10.135", "10.14"),
    ],
)
def test_amounts_round_to_the_cent_by_the_named_rule(rule, value, expected):
    assert calc.to_cents(Decimal(value), rule) == Decimal(expected)


def test_property_fee_is_area_times_price_times_months():
    # 98.76 m² at ¥0.80 a month for a quarter
    assert calc.to_cents(calc.area_fee(Decimal("98.76"), Decimal("0.80"), 3)) == Decimal("237.02")


def test_a_home_handed_over_mid_month_pays_for_its_days():
    june = calc.period_span("2026-06")
    assert june == (date(2026, 6, 1), date(2026, 6, 30))
    share = calc.prorate(Decimal("300.00"), june, (date(2026, 6, 21), date(2099, 1, 1)))
    assert calc.to_cents(share) == Decimal("100.00")


def test_a_quarter_starting_in_november_ends_in_january():
    assert calc.period_span("2026-11", 3) == (date(2026, 11, 1), date(2027, 1, 31))


@pytest.mark.parametrize("bad", ["2026-13", "2026-1", "26-01", "2026/01", "abcd-ef", "1999-12"])
def test_malformed_periods_are_refused(bad):
    with pytest.raises(ValueError):
        calc.parse_period(bad)


@given(cents, days_in_2026, days_in_2026)
def test_a_prorated_fee_never_exceeds_the_full_fee(amount, a, b):
    period = (date(2026, 1, 1), date(2026, 12, 31))
    share = calc.prorate(amount, period, (min(a, b), max(a, b)))
    assert 0 <= share <= amount


def test_tiered_water_prices_each_step_at_its_own_price():
    tiers = [
        calc.Tier(Decimal("10"), Decimal("2.00")),
        calc.Tier(Decimal("20"), Decimal("3.00")),
        calc.Tier(None, Decimal("5.00")),
    ]
    assert calc.tiered(Decimal("5"), tiers) == Decimal("10.00")
    assert calc.tiered(Decimal("25"), tiers) == Decimal("20") + Decimal("30") + Decimal("25")


def test_a_tariff_without_an_open_last_step_refuses_usage_beyond_it():
    with pytest.raises(ValueError):
        calc.tiered(Decimal("30"), [calc.Tier(Decimal("10"), Decimal("2"))])


@given(
    st.decimals(min_value=Decimal("0"), max_value=Decimal("1000"), places=2),
    st.lists(
        st.decimals(min_value=Decimal("0.01"), max_value=Decimal("9"), places=2),
        min_size=1,
        max_size=4,
    ),
)
def test_tiered_price_is_never_below_usage_at_the_cheapest_step(usage, prices):
    tiers = [calc.Tier(Decimal(10 * (i + 1)), p) for i, p in enumerate(prices[:-1])]
    tiers.append(calc.Tier(None, prices[-1]))
    assert calc.tiered(usage, tiers) >= usage * min(prices)


@given(cents, weights)
def test_apportioned_parts_add_up_exactly_to_the_total(total, ws):
    parts = calc.apportion(total, ws)
    assert sum(parts) == total
    assert all(p == p.quantize(calc.CENT) for p in parts)
    assert all(p == 0 for p, w in zip(parts, ws, strict=True) if w == 0)
    # no part is more than a cent away from its exact share
    for part, w in zip(parts, ws, strict=True):
        assert abs(part - total * w / sum(ws)) < Decimal("0.01")


def test_three_homes_share_a_hundred_yuan_to_the_cent():
    assert calc.apportion(Decimal("100.00"), [1, 1, 1]) == [
        Decimal("33.34"),
        Decimal("33.33"),
        Decimal("33.33"),
    ]


def test_apportionment_refuses_nothing_to_share_by():
    with pytest.raises(ValueError):
        calc.apportion(Decimal("10.00"), [0, 0])


def test_late_fee_waits_for_the_grace_days_and_stops_at_the_cap():
    terms = {"daily_rate": Decimal("0.0005"), "grace_days": 30, "cap_percent": Decimal("30")}
    assert calc.late_fee(Decimal("1000"), 30, **terms) == Decimal("0.00")
    assert calc.late_fee(Decimal("1000"), 31, **terms) == Decimal("15.50")
    assert calc.late_fee(Decimal("1000"), 5000, **terms) == Decimal("300.00")


@given(cents, st.integers(min_value=0, max_value=3650))
def test_late_fee_never_passes_its_cap(principal, late):
    fee = calc.late_fee(
        principal, late, daily_rate=Decimal("0.003"), grace_days=0, cap_percent=Decimal("30")
    )
    assert 0 <= fee <= calc.to_cents(principal * Decimal("0.3"))


def test_prepaying_a_year_earns_the_discount_and_less_earns_none():
    rule = {"min_months": 12, "percent": Decimal("5")}
    assert calc.prepayment_discount(Decimal("1152.00"), 12, **rule) == Decimal("57.60")
    assert calc.prepayment_discount(Decimal("1152.00"), 11, **rule) == Decimal("0.00")


@given(cents, st.lists(cents, max_size=20))
def test_allocations_and_excess_add_up_to_the_payment(payment, owed):
    allocations, excess = calc.allocate(payment, list(enumerate(owed)))
    assert sum(a.amount for a in allocations) + excess == payment
    assert excess >= 0
    for a in allocations:
        assert 0 < a.amount <= owed[a.charge]
    # oldest first: every charge before the last one paid is paid in full
    for a in allocations[:-1]:
        assert a.amount == owed[a.charge]


def test_a_part_payment_settles_the_oldest_charge_first():
    allocations, excess = calc.allocate(
        Decimal("150.00"), [("jan", Decimal("100.00")), ("feb", Decimal("100.00"))]
    )
    assert [(a.charge, a.amount) for a in allocations] == [
        ("jan", Decimal("100.00")),
        ("feb", Decimal("50.00")),
    ]
    assert excess == 0


def test_add_months_keeps_within_short_months():
    assert calc.add_months(date(2026, 1, 31), 1) == date(2026, 2, 28)
    assert calc.add_months(date(2026, 12, 1), 1) - timedelta(days=1) == date(2026, 12, 31)


@pytest.mark.parametrize(
    ("amount", "words"),
    [
        ("0.00", "零元整"),
        ("0.50", "伍角"),
        ("100.00", "壹佰元整"),
        ("1005.30", "壹仟零伍元叁角"),
        ("10.05", "壹拾元零伍分"),
        ("100100.00", "壹拾万零壹佰元整"),
        ("78.80", "柒拾捌元捌角"),
        ("20000001.01", "贰仟万零壹元零壹分"),
    ],
)
def test_receipts_write_amounts_in_capital_numerals(amount, words):
    assert calc.in_capitals(Decimal(amount)) == words
