"""The temporary-parking tariff engine: a stay's minutes in, its fee and how it was reached
out, in `Decimal` throughout (no floats anywhere).

The rule is declarative: the JSON a manager's form or the API stores in
`ParkingTariff.rule`, read by `Rule.from_json` (and checked by `rule_clean`)::

    {
      "free_minutes": 30,                     # a stay this short is free
      "charge_from_zero_after_free": true,    # longer: charged from minute 0 (else from 31)
      "first_minutes": 60, "first_price": "5",          # the first period and its price
      "step_minutes": 30, "step_price": "2",            # then each started step
      "second_after_minutes": 180,                      # optional threshold (from minute 0)
      "second_step_minutes": 60, "second_step_price": "1",   # the step after it
      "cap_per_day": "20",                    # optional; decimals allowed ("7.5")
      "cap_scope": "rolling_24h",             # or "calendar_day" (local midnight to midnight)
      "exit_grace_minutes": 15,               # after paying, the car may leave this long
      "free_on_holidays": false,              # stepped minutes of a public holiday are free
      "bands": [                              # optional time-of-day bands, local time
        {"name": "night", "starts": "19:00", "ends": "07:00",
         "price": "5", "per": "night",        # "night": once per band touched, "hour": per
         "free_on_holidays": false}           # started hour inside it
      ]
    }

How a stay is priced:

1. m = the stay's minutes, a started minute counting as one. m ≤ free minutes: nothing.
2. Charging starts at entry (or after the free minutes when `charge_from_zero_after_free` is
   false) and is cut into cap windows: 24 hours from that start (`rolling_24h`), or the
   calendar days of the community's zone, settings.TIME_ZONE (`calendar_day`).
3. In each window, the minutes outside every band are priced by the steps as if they were
   one stay: the first period, then each started step, then after the threshold each
   started second step. Minutes inside a band pay the band's price instead: once per band
   occurrence (a night), or per started hour of it, charged in the window where the stay
   first touched that occurrence. Minutes on a public holiday are free when the rule (for
   the steps) or the band says so.
4. Each window's total is limited to the cap; the stay pays the sum of its windows.

With the parameters of 标准收费 (free 30, first 60 min ¥5, ¥2 per 30 min to 180 min, then ¥1
per 60 min, cap ¥20 per 24 h) this gives: 25 min → 0, 45 → 5, 150 → 11, 300 → 15,
24 h 05 → 25, 25 h 10 → 27.

After a payment, `due` is what the whole stay costs less what was paid, and nothing at all
while the exit grace after the payment runs.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, tzinfo
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

DAY = 1440
ZERO = Decimal("0")
CENT = Decimal("0.01")
ROLLING_24H = "rolling_24h"
CALENDAR_DAY = "calendar_day"
CAP_SCOPES = (ROLLING_24H, CALENDAR_DAY)
PER_NIGHT = "night"
PER_HOUR = "hour"
BAND_PER = (PER_NIGHT, PER_HOUR)
DEFAULT_EXIT_GRACE = 15


def _money(value) -> Decimal:
    return Decimal(str(value)).quantize(CENT)


def _clock(value) -> time:
    if isinstance(value, time):
        return value
    hours, minutes = str(value).split(":")
    return time(int(hours), int(minutes))


@dataclass(frozen=True)
class Band:
    """A time-of-day band, in local time; `ends` before `starts` runs past midnight."""

    name: str
    starts: time
    ends: time
    price: Decimal
    per: str = PER_NIGHT
    free_on_holidays: bool = False

    @classmethod
    def from_json(cls, data: dict) -> Band:
        return cls(
            name=str(data.get("name") or ""),
            starts=_clock(data["starts"]),
            ends=_clock(data["ends"]),
            price=_money(data.get("price") or 0),
            per=str(data.get("per") or PER_NIGHT),
            free_on_holidays=bool(data.get("free_on_holidays", False)),
        )

    def to_json(self) -> dict:
        return {
            "name": self.name,
            "starts": self.starts.strftime("%H:%M"),
            "ends": self.ends.strftime("%H:%M"),
            "price": str(self.price),
            "per": self.per,
            "free_on_holidays": self.free_on_holidays,
        }

    def _minutes(self) -> list[tuple[int, int]]:
        """The band as half-open minute ranges of a day (two when it runs past midnight)."""
        start = self.starts.hour * 60 + self.starts.minute
        end = self.ends.hour * 60 + self.ends.minute
        return [(start, end)] if start < end else [(start, DAY), (0, end)]

    def occurrence(self, local: datetime) -> date | None:
        """The date the band's occurrence containing `local` began on, or None if outside."""
        minute = local.hour * 60 + local.minute
        for index, (start, end) in enumerate(self._minutes()):
            if start <= minute < end:
                return local.date() - timedelta(days=index)
        return None


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
    cap_scope: str = ROLLING_24H
    exit_grace_minutes: int = DEFAULT_EXIT_GRACE
    free_on_holidays: bool = False
    bands: tuple[Band, ...] = ()

    @classmethod
    def from_json(cls, data: dict) -> Rule:
        def money(name):
            return _money(data[name]) if data.get(name) not in (None, "") else None

        def minutes(name, default):
            value = data.get(name)
            return default if value in (None, "") else int(value)

        return cls(
            free_minutes=minutes("free_minutes", 0),
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
            cap_scope=str(data.get("cap_scope") or ROLLING_24H),
            exit_grace_minutes=minutes("exit_grace_minutes", DEFAULT_EXIT_GRACE),
            free_on_holidays=bool(data.get("free_on_holidays", False)),
            bands=tuple(Band.from_json(band) for band in data.get("bands") or ()),
        )

    def to_json(self) -> dict:
        """The rule as stored: what `from_json` reads back to an equal rule."""
        return {
            "free_minutes": self.free_minutes,
            "charge_from_zero_after_free": self.charge_from_zero_after_free,
            "first_minutes": self.first_minutes,
            "first_price": str(self.first_price),
            "step_minutes": self.step_minutes,
            "step_price": str(self.step_price),
            "second_after_minutes": self.second_after_minutes,
            "second_step_minutes": self.second_step_minutes,
            "second_step_price": str(self.second_step_price),
            "cap_per_day": None if self.cap_per_day is None else str(self.cap_per_day),
            "cap_scope": self.cap_scope,
            "exit_grace_minutes": self.exit_grace_minutes,
            "free_on_holidays": self.free_on_holidays,
            "bands": [band.to_json() for band in self.bands],
        }


@dataclass
class Quote:
    fee: Decimal
    minutes: int
    breakdown: list[tuple[str, Decimal]] = field(default_factory=list)


# --- Checking a rule ------------------------------------------------------------------------

_MONEY_FIELDS = ("first_price", "step_price", "second_step_price", "cap_per_day")
_STEP_FIELDS = ("first_minutes", "step_minutes", "second_step_minutes")


def _parse_money(value, errors: dict, name: str, *, required: bool) -> Decimal | None:
    if value in (None, ""):
        if required:
            errors[name] = _("Enter an amount.")
        return None
    try:
        amount = Decimal(str(value))
    except (InvalidOperation, ValueError):
        errors[name] = _("Enter an amount in yuan, such as 5 or 7.50.")
        return None
    if not amount.is_finite():
        errors[name] = _("Enter an amount in yuan, such as 5 or 7.50.")
    elif amount < 0:
        errors[name] = _("An amount cannot be negative.")
    elif amount != amount.quantize(CENT):
        errors[name] = _("An amount has at most two decimals (fen).")
    elif amount >= Decimal("100000"):
        errors[name] = _("This amount is too large for a parking fee.")
    else:
        return amount
    return None


def _parse_minutes(value, errors: dict, name: str, *, positive: bool) -> int | None:
    if value in (None, ""):
        return None
    try:
        minutes = int(str(value))
    except ValueError:
        errors[name] = _("Enter a whole number of minutes.")
        return None
    if positive and minutes <= 0:
        errors[name] = _("A period must be at least one minute.")
    elif minutes < 0:
        errors[name] = _("Minutes cannot be negative.")
    elif minutes > 100 * DAY:
        errors[name] = _("This is too many minutes.")
    else:
        return minutes
    return None


def rule_errors(data: dict) -> dict[str, str]:
    """What is wrong with a rule's parameters, by field name (empty when it is sound)."""
    errors: dict[str, str] = {}
    if not isinstance(data, dict):
        return {"rule": _("The rule must be a set of named parameters.")}
    for name in _MONEY_FIELDS:
        _parse_money(data.get(name), errors, name, required=False)
    for name in _STEP_FIELDS:
        _parse_minutes(data.get(name), errors, name, positive=True)
    for name in ("free_minutes", "exit_grace_minutes"):
        _parse_minutes(data.get(name), errors, name, positive=False)
    threshold = _parse_minutes(
        data.get("second_after_minutes"), errors, "second_after_minutes", positive=False
    )
    first = data.get("first_minutes")
    first = 60 if first in (None, "") or "first_minutes" in errors else int(str(first))
    if threshold and threshold < first:
        errors["second_after_minutes"] = _(
            "The second kind of step starts after the first period: enter at least "
            "%(minutes)d minutes."
        ) % {"minutes": first}
    if str(data.get("cap_scope") or ROLLING_24H) not in CAP_SCOPES:
        errors["cap_scope"] = _("Choose per 24 hours from entry or per calendar day.")
    bands = data.get("bands") or []
    if not isinstance(bands, list):
        errors["bands"] = _("Bands must be a list.")
        return errors
    parsed = []
    for index, band in enumerate(bands):
        name = f"bands.{index}"
        if not isinstance(band, dict):
            errors[name] = _("A band needs its start, end and price.")
            continue
        try:
            starts, ends = _clock(band.get("starts")), _clock(band.get("ends"))
        except (TypeError, ValueError):
            errors[f"{name}.starts"] = _("Enter the band's times as HH:MM, such as 19:00.")
            continue
        if starts == ends:
            errors[f"{name}.ends"] = _("A band must end at another time than it starts.")
            continue
        _parse_money(band.get("price"), errors, f"{name}.price", required=True)
        if str(band.get("per") or PER_NIGHT) not in BAND_PER:
            errors[f"{name}.per"] = _("Charge a band per night or per hour.")
        parsed.append((index, Band(str(band.get("name") or ""), starts, ends, ZERO)))
    for position, (index, band) in enumerate(parsed):
        for other_index, other in parsed[:position]:
            if any(a < d and c < b for a, b in band._minutes() for c, d in other._minutes()):
                errors[f"bands.{index}"] = _(
                    "This band overlaps band %(number)d: bands cannot share a time."
                ) % {"number": other_index + 1}
    return errors


def rule_clean(data: dict) -> Rule:
    """The rule of `data`, or a ValidationError naming each faulty field."""
    errors = rule_errors(data)
    if errors:
        raise ValidationError({name: [message] for name, message in errors.items()})
    return Rule.from_json(data)


# --- Pricing ------------------------------------------------------------------------------


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


@dataclass
class _Window:
    start: datetime
    end: datetime
    stepped: int = 0  # minutes priced by the steps
    holiday: int = 0  # minutes left free by a holiday
    bands: dict = field(default_factory=dict)  # (band index, date) -> minutes first seen here


def _breakpoints(rule: Rule, start: datetime, minutes: int, zone: tzinfo) -> list[int]:
    """Offsets (in minutes from `start`) where the window, band or date changes."""
    points = {0, minutes}
    if rule.cap_scope == ROLLING_24H:
        points.update(range(DAY, minutes, DAY))
    if rule.cap_scope == CALENDAR_DAY or rule.bands or rule.free_on_holidays:
        first = start.astimezone(zone).date() - timedelta(days=1)
        last = (start + timedelta(minutes=minutes)).astimezone(zone).date()
        edges = [time(0)]
        for band in rule.bands:
            edges += [band.starts, band.ends]
        day = first
        while day <= last:
            for edge in edges:
                moment = datetime.combine(day, edge, tzinfo=zone)
                offset = math.ceil((moment - start).total_seconds() / 60)
                if 0 < offset < minutes:
                    points.add(offset)
            day += timedelta(days=1)
    return sorted(points)


def _windows(
    rule: Rule, start: datetime, minutes: int, zone: tzinfo, holidays: frozenset[date]
) -> list[_Window]:
    points = _breakpoints(rule, start, minutes, zone)
    windows: dict = {}
    owners: dict = {}  # (band index, date) -> key of the window that first met it
    for begin, end in zip(points, points[1:], strict=False):
        moment = start + timedelta(minutes=begin)
        local = moment.astimezone(zone)
        if rule.cap_scope == CALENDAR_DAY:
            key = local.date()
            if key not in windows:
                midnight = datetime.combine(key, time(0), tzinfo=zone)
                windows[key] = _Window(max(midnight, start), midnight + timedelta(days=1))
        else:
            key = begin // DAY
            if key not in windows:
                opens = start + timedelta(minutes=key * DAY)
                windows[key] = _Window(opens, opens + timedelta(minutes=DAY))
        window = windows[key]
        length = end - begin
        for index, band in enumerate(rule.bands):
            occurrence = band.occurrence(local)
            if occurrence is None:
                continue
            if band.free_on_holidays and occurrence in holidays:
                window.holiday += length
            else:
                band_key = (index, occurrence)
                target = windows[owners.setdefault(band_key, key)]
                target.bands[band_key] = target.bands.get(band_key, 0) + length
            break
        else:
            if rule.free_on_holidays and local.date() in holidays:
                window.holiday += length
            else:
                window.stepped += length
    for window in windows.values():
        window.end = min(window.end, start + timedelta(minutes=minutes))
    return list(windows.values())


def _band_price(band: Band, minutes: int) -> Decimal:
    return band.price if band.per == PER_NIGHT else _steps(minutes, 60) * band.price


def quote(
    rule: Rule,
    entered_at: datetime,
    exited_at: datetime,
    *,
    holidays: Iterable[date] = (),
    zone: tzinfo | None = None,
) -> Quote:
    """The fee of a stay from `entered_at` to `exited_at` under `rule`; `holidays` are the
    community's public holidays (local dates), `zone` its time zone (settings.TIME_ZONE)."""
    zone = zone or timezone.get_default_timezone()
    # A moment without a zone is the community's local time.
    if timezone.is_naive(entered_at):
        entered_at = timezone.make_aware(entered_at, zone)
    if timezone.is_naive(exited_at):
        exited_at = timezone.make_aware(exited_at, zone)
    minutes = minutes_between(entered_at, exited_at)
    if minutes <= rule.free_minutes:
        return Quote(_money(ZERO), minutes, [(_("Within the free minutes"), ZERO)])
    start = entered_at.replace(second=0, microsecond=0)
    charged = minutes
    if not rule.charge_from_zero_after_free:
        start += timedelta(minutes=rule.free_minutes)
        charged -= rule.free_minutes
    windows = _windows(rule, start, charged, zone, frozenset(holidays))
    breakdown: list[tuple[str, Decimal]] = []
    if not rule.charge_from_zero_after_free and rule.free_minutes:
        breakdown.append(
            (_("First %(minutes)d minutes free") % {"minutes": rule.free_minutes}, ZERO)
        )
    fee = ZERO
    capped_days = 0
    for window in windows:
        part = _within_day(rule, window.stepped)
        lines = []
        if window.stepped:
            lines.append(
                (_("%(minutes)d minutes by the steps") % {"minutes": window.stepped}, part)
            )
        for (index, occurrence), band_minutes in sorted(window.bands.items()):
            band = rule.bands[index]
            price = _band_price(band, band_minutes)
            part += price
            lines.append(
                (
                    _("%(band)s band of %(day)s, %(minutes)d minutes")
                    % {
                        "band": band.name or f"{band.starts:%H:%M}–{band.ends:%H:%M}",
                        "day": date_format(occurrence, "SHORT_DATE_FORMAT"),
                        "minutes": band_minutes,
                    },
                    price,
                )
            )
        if window.holiday:
            lines.append(
                (_("%(minutes)d minutes free on a holiday") % {"minutes": window.holiday}, ZERO)
            )
        full_day = (window.end - window.start) >= timedelta(days=1)
        if rule.cap_per_day is not None and part >= rule.cap_per_day:
            part = rule.cap_per_day
            if full_day and rule.cap_scope == ROLLING_24H:
                capped_days += 1
                fee += part
                continue
            lines = [
                (
                    _("%(period)s: %(minutes)d minutes, at the daily cap")
                    % {"period": _period(rule, window, zone), "minutes": _length(window)},
                    part,
                )
            ]
        elif len(windows) > 1:
            lines = [(f"{_period(rule, window, zone)}: {label}", amount) for label, amount in lines]
        fee += part
        breakdown += lines
    if capped_days:
        breakdown.insert(
            0,
            (
                _("%(days)d whole day(s) at the daily cap") % {"days": capped_days},
                capped_days * rule.cap_per_day,
            ),
        )
    return Quote(_money(fee), minutes, breakdown)


def _length(window: _Window) -> int:
    return minutes_between(window.start, window.end)


def _period(rule: Rule, window: _Window, zone: tzinfo) -> str:
    local = window.start.astimezone(zone)
    if rule.cap_scope == CALENDAR_DAY:
        return date_format(local.date(), "SHORT_DATE_FORMAT")
    return _("24 hours from %(moment)s") % {
        "moment": date_format(timezone.localtime(window.start, zone), "SHORT_DATETIME_FORMAT")
    }


def paid_until(rule: Rule, paid_at: datetime) -> datetime:
    """Until when a car that paid at `paid_at` may leave without paying again."""
    return paid_at + timedelta(minutes=rule.exit_grace_minutes)


def due(
    rule: Rule,
    entered_at: datetime,
    exited_at: datetime,
    paid: Decimal,
    *,
    paid_at: datetime | None = None,
    holidays: Iterable[date] = (),
    zone: tzinfo | None = None,
) -> Decimal:
    """What is still owed at `exited_at`: the whole stay's fee less what was paid, and
    nothing while the exit grace after the last payment (at `paid_at`) runs."""
    if paid_at is not None and paid and exited_at <= paid_until(rule, paid_at):
        return ZERO
    fee = quote(rule, entered_at, exited_at, holidays=holidays, zone=zone).fee
    return max(ZERO, _money(fee - Decimal(paid)))


# The stays a tariff's page prices, to show what it means: (minutes, label).
SAMPLE_STAYS = (
    (30, gettext_lazy("30 min")),
    (60, gettext_lazy("1 h")),
    (120, gettext_lazy("2 h")),
    (300, gettext_lazy("5 h")),
    (24 * 60 + 5, gettext_lazy("24 h 05 min")),
    (25 * 60 + 10, gettext_lazy("25 h 10 min")),
)


def sample_costs(
    rule: Rule, entered_at: datetime, *, holidays: Iterable[date] = ()
) -> list[tuple[int, Decimal]]:
    """What each of `SAMPLE_STAYS` costs entering at `entered_at`: (minutes, fee)."""
    return [
        (
            minutes,
            quote(rule, entered_at, entered_at + timedelta(minutes=minutes), holidays=holidays).fee,
        )
        for minutes, _label in SAMPLE_STAYS
    ]


def describe(rule: Rule) -> str:
    """The rule in one line of plain words, for lists of tariffs."""
    parts = []
    if rule.free_minutes:
        parts.append(
            (
                _("%(minutes)d min free, then charged from the first minute")
                if rule.charge_from_zero_after_free
                else _("%(minutes)d min free")
            )
            % {"minutes": rule.free_minutes}
        )
    parts.append(
        _("¥%(first)s for the first %(minutes)d min, then ¥%(step)s per %(step_minutes)d min")
        % {
            "first": rule.first_price,
            "minutes": rule.first_minutes,
            "step": rule.step_price,
            "step_minutes": rule.step_minutes,
        }
    )
    if rule.second_after_minutes:
        parts.append(
            _("from minute %(after)d ¥%(price)s per %(minutes)d min")
            % {
                "after": rule.second_after_minutes,
                "price": rule.second_step_price,
                "minutes": rule.second_step_minutes,
            }
        )
    if rule.cap_per_day is not None:
        parts.append(
            (
                _("at most ¥%(cap)s per 24 h")
                if rule.cap_scope == ROLLING_24H
                else _("at most ¥%(cap)s per calendar day")
            )
            % {"cap": rule.cap_per_day}
        )
    for band in rule.bands:
        parts.append(
            (
                _("%(starts)s–%(ends)s ¥%(price)s a night")
                if band.per == PER_NIGHT
                else _("%(starts)s–%(ends)s ¥%(price)s per hour")
            )
            % {"starts": f"{band.starts:%H:%M}", "ends": f"{band.ends:%H:%M}", "price": band.price}
        )
    if rule.free_on_holidays:
        parts.append(_("free on public holidays"))
    return _("; ").join(parts)
