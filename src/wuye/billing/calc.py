"""Fee arithmetic: pure functions on Decimal, with no database and no rounding left to chance.

Every amount a home is charged or credited passes through here, so the rules are in one
place and stated by property tests: parts of an apportionment add up to the whole,
allocations add up to the payment, a prorated fee never exceeds the full one.
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_DOWN, ROUND_HALF_EVEN, ROUND_HALF_UP, ROUND_UP, Decimal

from django.core.exceptions import ValidationError

from wuye.core import params
from wuye.core.dates import add_months

CENT = Decimal("0.01")
ZERO = Decimal("0.00")
# Sums read from SQLite are floats: anything under half a cent is nothing.
HALF_CENT = Decimal("0.005")

# rounding rule name -> decimal rounding mode (to the cent)
ROUNDING_MODES = {
    "half_up": ROUND_HALF_UP,
    "down": ROUND_DOWN,
    "up": ROUND_UP,
    "half_even": ROUND_HALF_EVEN,
}


def to_cents(value: Decimal, rule: str = "half_up") -> Decimal:
    """`value` rounded to 0.01 by the named rule (half-up unless the fee item says otherwise)."""
    return Decimal(value).quantize(CENT, rounding=ROUNDING_MODES[rule])


def price_text(value: Decimal) -> str:
    """A unit price as it is written: at least two places, no zeros beyond them (0.80, 0.485,
    22.00)."""
    text = f"{Decimal(value).normalize():f}"
    whole, _dot, frac = text.partition(".")
    return f"{whole}.{frac.ljust(2, '0')}"


def cents(value: Decimal | None) -> Decimal:
    """A sum read from the database (None when there was nothing to add) as exact cents."""
    return ZERO if value is None else Decimal(value).quantize(CENT)


# ---- periods ----------------------------------------------------------------------------


def parse_period(period: str) -> date:
    """The first day of a 'YYYY-MM' period from the year 2000 on; ValueError for anything
    else."""
    try:
        period = params.parse_period(period)
    except ValidationError:
        raise ValueError(period) from None
    year, month = int(period[:4]), int(period[5:])
    if year < 2000:
        raise ValueError(period)
    return date(year, month, 1)


def period_span(period: str, months: int = 1) -> tuple[date, date]:
    """First and last day (inclusive) of a cycle of `months` starting with `period`."""
    start = parse_period(period)
    return start, add_months(start, months) - timedelta(days=1)


def months_between(first: date, later: date) -> int:
    """Whole calendar months from `first`'s month to `later`'s month."""
    return (later.year - first.year) * 12 + later.month - first.month


def days(start: date, end: date) -> int:
    """Days from `start` to `end`, both included (0 when end is before start)."""
    return max((end - start).days + 1, 0)


def prorate(amount: Decimal, period: tuple[date, date], covered: tuple[date, date]) -> Decimal:
    """The share of `amount` for the days of `period` that `covered` overlaps (not rounded)."""
    start, end = max(period[0], covered[0]), min(period[1], covered[1])
    total = days(*period)
    return Decimal(amount) * days(start, end) / total if total else Decimal(0)


def month_day(text: str) -> tuple[int, int]:
    """A day of the year written 'MM-DD' as (month, day); ValueError for anything else.

    29 February is refused: a season must start and end on a day every year has.
    """
    if len(text) != 5 or text[2] != "-" or not (text[:2] + text[3:]).isdigit():
        raise ValueError(text)
    month, day = int(text[:2]), int(text[3:])
    date(2025, month, day)  # raises ValueError for a day that is not in every year
    return month, day


def season_span(period: str, start: str, end: str) -> tuple[date, date] | None:
    """The season ('MM-DD' to 'MM-DD', both included, ending the next year when its end comes
    before its start) that has days in the month `period`, or None outside every season."""
    first = parse_period(period)
    last = add_months(first, 1) - timedelta(days=1)
    (start_month, start_day), (end_month, end_day) = month_day(start), month_day(end)
    for year in (first.year - 1, first.year):
        begins = date(year, start_month, start_day)
        ends = date(year, end_month, end_day)
        if ends < begins:
            ends = date(year + 1, end_month, end_day)
        if begins <= last and ends >= first:
            return begins, ends
    return None


# ---- fees ----------------------------------------------------------------------------------


def area_fee(area: Decimal, unit_price: Decimal, months: int = 1) -> Decimal:
    """Area × monthly unit price × months (not rounded: round once, at the end)."""
    return Decimal(area) * Decimal(unit_price) * months


@dataclass(frozen=True)
class Tier:
    """A step of a tiered tariff: usage up to `upto` (None: no limit) at `price` per unit."""

    upto: Decimal | None
    price: Decimal


def tiered(usage: Decimal, tiers: Sequence[Tier]) -> Decimal:
    """The price of `usage` on a tiered tariff (阶梯价), each step at its own price."""
    if usage < 0:
        raise ValueError("usage")
    amount, below = Decimal(0), Decimal(0)
    for tier in tiers:
        top = usage if tier.upto is None else min(usage, Decimal(tier.upto))
        if top > below:
            amount += (top - below) * Decimal(tier.price)
            below = top
        if tier.upto is not None and usage <= tier.upto:
            break
    if below < usage:
        raise ValueError("The last tier must have no upper limit.")
    return amount


def apportion(total: Decimal, weights: Sequence[Decimal]) -> list[Decimal]:
    """Split `total` by `weights` into cents that add up exactly to it (largest remainder).

    Each part first gets its share rounded down to the cent; the cents left over go one by
    one to the largest remainders (ties to the earlier part). Zero weights get nothing.
    """
    total = Decimal(total)
    if total != total.quantize(CENT):
        raise ValueError("The total must be in cents.")
    if not weights:
        raise ValueError("Nothing to apportion to.")
    weights = [Decimal(w) for w in weights]
    if any(w < 0 for w in weights):
        raise ValueError("Weights may not be negative.")
    weight_sum = sum(weights)
    if weight_sum == 0:
        raise ValueError("The weights add up to zero.")
    cents = int(total / CENT)
    sign = -1 if cents < 0 else 1
    exact = [abs(cents) * w / weight_sum for w in weights]
    parts = [int(x) for x in exact]  # floor, as the shares are not negative
    left = abs(cents) - sum(parts)
    order = sorted(range(len(weights)), key=lambda i: (-(exact[i] - parts[i]), i))
    for i in order[:left]:
        parts[i] += 1
    return [sign * p * CENT for p in parts]


def late_fee(
    principal: Decimal,
    days_late: int,
    *,
    daily_rate: Decimal,
    grace_days: int,
    cap_percent: Decimal,
) -> Decimal:
    """The late fee (滞纳金) on `principal` unpaid `days_late` days after its due date.

    Nothing within the grace days; after them the daily rate runs from the due date's next
    day, and the whole is capped at `cap_percent` of the principal. Rounded half-up.
    """
    if principal <= 0 or days_late <= grace_days:
        return ZERO
    fee = Decimal(principal) * Decimal(daily_rate) * days_late
    cap = Decimal(principal) * Decimal(cap_percent) / 100
    return to_cents(min(fee, cap))


def prepayment_discount(
    amount: Decimal, months: int, *, min_months: int, percent: Decimal
) -> Decimal:
    """The discount for paying `months` ahead (e.g. twelve months, 5 % off), else nothing."""
    if months < min_months or percent <= 0:
        return ZERO
    return to_cents(Decimal(amount) * Decimal(percent) / 100)


def unusual_jump(usage: Decimal, recent: Sequence[Decimal], *, factor: Decimal, least: int) -> bool:
    """Whether `usage` is far beyond a meter's recent usages: more than `factor` times their
    median, judged only once the meter has at least `least` of them."""
    if len(recent) < least:
        return False
    ordered = sorted(Decimal(u) for u in recent)
    middle = len(ordered) // 2
    median = ordered[middle] if len(ordered) % 2 else (ordered[middle - 1] + ordered[middle]) / 2
    return median > 0 and Decimal(usage) > median * factor


# ---- payments ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Allocation:
    charge: Hashable
    amount: Decimal


def allocate(
    payment: Decimal, outstanding: Sequence[tuple[Hashable, Decimal]]
) -> tuple[list[Allocation], Decimal]:
    """Spread `payment` over charges in the order given (oldest first), each up to what it owes.

    Returns the allocations and the excess, which goes to the prepaid balance; the
    allocations and the excess add up exactly to the payment.
    """
    payment = Decimal(payment)
    if payment <= 0:
        raise ValueError("The payment must be positive.")
    left, allocations = payment, []
    for charge, owed in outstanding:
        if left <= 0:
            break
        part = min(left, Decimal(owed))
        if part > 0:
            allocations.append(Allocation(charge, part))
            left -= part
    return allocations, left


# ---- receipts ------------------------------------------------------------------------------

DIGITS = "零壹贰叁肆伍陆柒捌玖"
PLACES = ["", "拾", "佰", "仟"]
GROUPS = ["", "万", "亿", "万亿"]


def _group_in_capitals(group: int) -> str:
    text, zero = "", False
    for place in (3, 2, 1, 0):
        digit = group // 10**place % 10
        if digit == 0:
            zero = bool(text)
        else:
            text += ("零" if zero else "") + DIGITS[digit] + PLACES[place]
            zero = False
    return text


def in_capitals(amount: Decimal) -> str:
    """An amount in yuan as written on receipts in capital numerals (大写): 壹仟零伍元叁角."""
    cents = int(to_cents(amount) / CENT)
    if cents < 0 or cents >= 10**18:
        raise ValueError(amount)
    yuan, jiao, fen = cents // 100, cents // 10 % 10, cents % 10
    groups = []
    while yuan:
        groups.append(yuan % 10000)
        yuan //= 10000
    text, gap = "", False
    for index in reversed(range(len(groups))):
        group = groups[index]
        if group == 0:
            gap = bool(text)
            continue
        if text and (group < 1000 or gap):
            text += "零"
        text += _group_in_capitals(group) + GROUPS[index]
        gap = False
    if text:
        text += "元"
    if jiao == 0 and fen == 0:
        return (text or "零元") + "整"
    if jiao:
        text += DIGITS[jiao] + "角"
    if fen:
        text += ("零" if text and not jiao else "") + DIGITS[fen] + "分"
    return text
