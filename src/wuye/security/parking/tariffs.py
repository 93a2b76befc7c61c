"""The temporary-parking tariff engine: a stay's minutes in, its fee and how it was reached
out, in `Decimal` throughout.

The rule is declarative (the parameters a manager types); `quote` applies it. The stepped
rule is the one Chinese barrier systems call 标准收费: free minutes, a first period at one
price, steps after it, a second kind of step after a threshold, and a cap per day. A stay
longer than a day pays the cap for each whole day and the rule again for the rest.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal

from django.utils.translation import gettext as _

DAY = 1440
ZERO = Decimal("0")


def _money(value) -> Decimal:
    return Decimal(str(value)).quantize(Decimal("0.01"))


@dataclass(frozen=True)
class Rule:
    """A tariff's parameters, in minutes and yuan."""

    free_minutes: int = 0
    charge_from_zero_after_free: bool = True
    first_minutes: int = 60
    first_price: Decimal = ZERO
    step_minutes: int = 60
    step_price: Decimal = ZERO
    second_after_minutes: int | None = None
    second_step_minutes: int = 60
    second_step_price: Decimal = ZERO
    cap_per_day: Decimal | None = None

    @classmethod
    def from_json(cls, data: dict) -> Rule:
        def money(name):
            return _money(data[name]) if data.get(name) not in (None, "") else None

        return cls(
            free_minutes=int(data.get("free_minutes") or 0),
            charge_from_zero_after_free=bool(data.get("charge_from_zero_after_free", True)),
            first_minutes=int(data.get("first_minutes") or 60),
            first_price=money("first_price") or ZERO,
            step_minutes=int(data.get("step_minutes") or 60),
            step_price=money("step_price") or ZERO,
            second_after_minutes=(
                int(data["second_after_minutes"]) if data.get("second_after_minutes") else None
            ),
            second_step_minutes=int(data.get("second_step_minutes") or 60),
            second_step_price=money("second_step_price") or ZERO,
            cap_per_day=money("cap_per_day"),
        )


@dataclass
class Quote:
    fee: Decimal
    minutes: int
    breakdown: list[tuple[str, Decimal]] = field(default_factory=list)


def minutes_between(start: datetime, end: datetime) -> int:
    """Whole minutes of a stay, a started minute counting as one."""
    return max(0, math.ceil((end - start).total_seconds() / 60))


def _steps(minutes: int, size: int) -> int:
    return -(-minutes // size) if minutes > 0 else 0


def _within_day(rule: Rule, minutes: int) -> Decimal:
    """The stepped price of a part of a stay no longer than a day, before the cap."""
    if minutes <= 0:
        return ZERO
    if minutes <= rule.first_minutes:
        return rule.first_price
    threshold = rule.second_after_minutes
    if threshold is None or minutes <= threshold:
        return rule.first_price + _steps(minutes - rule.first_minutes, rule.step_minutes) * (
            rule.step_price
        )
    before = _steps(threshold - rule.first_minutes, rule.step_minutes) * rule.step_price
    after = _steps(minutes - threshold, rule.second_step_minutes) * rule.second_step_price
    return rule.first_price + before + after


def quote(rule: Rule, entered_at: datetime, exited_at: datetime) -> Quote:
    """The fee of a stay from `entered_at` to `exited_at` under `rule`."""
    minutes = minutes_between(entered_at, exited_at)
    if minutes <= rule.free_minutes:
        return Quote(ZERO, minutes, [(_("Within the free minutes"), ZERO)])
    charged = minutes if rule.charge_from_zero_after_free else minutes - rule.free_minutes
    days, rest = divmod(charged, DAY)
    breakdown = []
    fee = ZERO
    if days and rule.cap_per_day is not None:
        fee += days * rule.cap_per_day
        breakdown.append((_("%(days)d whole day(s) at the daily cap") % {"days": days}, fee))
    elif days:
        rest += days * DAY
    part = _within_day(rule, rest)
    if rule.cap_per_day is not None:
        part = min(part, rule.cap_per_day)
    if rest:
        breakdown.append((_("%(minutes)d minutes") % {"minutes": rest}, part))
    return Quote(_money(fee + part), minutes, breakdown)
