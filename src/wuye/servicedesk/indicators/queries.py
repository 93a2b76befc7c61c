"""The customer center's indicators (服务指标) of a community over a period, against its standard.

Every figure is a share of two counts taken in the database, for the orders received in the
period (`created_at` in [start, end)):

- first response / on site / resolution on time: orders whose deadline applies and has been
  met or has passed, and of those the ones met by the deadline (an unmet deadline that has
  passed counts as late; cancelled orders are left out). A complaint's first response is
  the first reply recorded to the complainant, never the taking of the call; the first
  reply to complaints on time is that same count for the complaints alone;
- call-back rate: resolved repairs and complaints that were called back (回访率);
- satisfaction: satisfied call-backs / call-backs (满意率);
- rework rate: repairs in a home for which the same home had a repair of the same
  subcategory in the 30 days before, or which were sent back as rework after a call-back or
  reopen (返修率);
- complaints per 100 homes.

The counts come from grouped queries at the grain of week × category × team — over the daily
summary for whole past days, over the orders for the others (see `tally`) — summed up in
Python for the totals and for each breakdown: the number of queries does not depend on the
number of orders, and no order is read into Python. The
targets come from the community's `ServiceStandard` (standards.md): deadlines met 100 %,
call-backs for every repair where records are kept, satisfaction at least the level's
target, repeat repairs at most 1 %.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from wuye.core import policy
from wuye.core.models import Community
from wuye.core.standards import standard_of
from wuye.estates.models import Unit, UnitUse

from ..models import Category
from . import tally

HUNDRED = Decimal("100")
PERIODS = {"month": _("Month"), "quarter": _("Quarter"), "year": _("Year")}

# The counts behind the figures, summed over groups.
COUNTS = (
    "orders",
    "complaints",
    "response_due",
    "response_met",
    "arrival_due",
    "arrival_met",
    "resolution_due",
    "resolution_met",
    "resolved",
    "called_back",
    "callbacks",
    "satisfied",
    "home_repairs",
    "repeats",
    "escalated",
    # The first response of complaints: their first recorded reply (see `Tally.add`).
    "reply_due",
    "reply_met",
)


@dataclass(frozen=True)
class Measure:
    """One figure: its share in per cent (None without a denominator) and its target."""

    key: str
    label: str | Promise
    numerator: int
    denominator: int
    value: Decimal | None
    target: Decimal | None = None
    # "min": the figure must reach the target; "max": it must not exceed it.
    bound: str = "min"
    unit: str = "%"

    @property
    def met(self) -> bool | None:
        if self.value is None or self.target is None:
            return None
        return self.value >= self.target if self.bound == "min" else self.value <= self.target


@dataclass(frozen=True)
class Targets:
    on_time: Decimal
    callback: Decimal | None
    satisfaction: Decimal
    rework: Decimal


@dataclass
class Tally:
    """Counts of one group (a week, a category, a team, or the whole period)."""

    counts: dict[str, int] = field(default_factory=lambda: dict.fromkeys(COUNTS, 0))

    def add(self, row: dict) -> None:
        for name in COUNTS:
            self.counts[name] += row.get(name) or 0
        if row.get("category") == Category.COMPLAINT:
            self.counts["reply_due"] += row.get("response_due") or 0
            self.counts["reply_met"] += row.get("response_met") or 0

    def measures(self, targets: Targets, homes: int) -> list[Measure]:
        c = self.counts
        return [
            _share("response", _("First response on time"), c, targets.on_time),
            _share("reply", _("First reply to complaints on time"), c, targets.on_time),
            _share("arrival", _("On site on time"), c, targets.on_time),
            _share("resolution", _("Resolved on time"), c, targets.on_time),
            _ratio(
                "callback",
                _("Call-back rate"),
                c["called_back"],
                c["resolved"],
                targets.callback,
            ),
            _ratio(
                "satisfaction",
                _("Satisfaction"),
                c["satisfied"],
                c["callbacks"],
                targets.satisfaction,
            ),
            _ratio(
                "rework",
                _("Rework rate"),
                c["repeats"],
                c["home_repairs"],
                targets.rework,
                bound="max",
            ),
            Measure(
                "complaints",
                _("Complaints per 100 homes"),
                c["complaints"],
                homes,
                (HUNDRED * c["complaints"] / homes).quantize(Decimal("0.01")) if homes else None,
                unit="",
            ),
        ]

    def measure(self, key: str, targets: Targets, homes: int) -> Measure:
        return next(m for m in self.measures(targets, homes) if m.key == key)


def _ratio(key, label, numerator, denominator, target, bound="min") -> Measure:
    value = (HUNDRED * numerator / denominator).quantize(Decimal("0.1")) if denominator else None
    return Measure(key, label, numerator, denominator, value, target, bound)


def _share(name: str, label, counts: dict, target) -> Measure:
    return _ratio(name, label, counts[f"{name}_met"], counts[f"{name}_due"], target)


@dataclass
class Group:
    key: object
    label: str | Promise
    tally: Tally = field(default_factory=Tally)


@dataclass
class Indicators:
    community: Community
    start: date
    end: date  # exclusive
    homes: int
    targets: Targets
    total: Tally
    weeks: list[Group]
    categories: list[Group]
    teams: list[Group]

    @property
    def measures(self) -> list[Measure]:
        return self.total.measures(self.targets, self.homes)

    def series(self, groups: list[Group], key: str) -> list[tuple[Group, Measure]]:
        return [(g, g.tally.measure(key, self.targets, self.homes)) for g in groups]


def period_bounds(kind: str, day: date) -> tuple[date, date]:
    """The month, quarter or year containing `day`, as [start, end)."""
    if kind == "year":
        return date(day.year, 1, 1), date(day.year + 1, 1, 1)
    if kind == "quarter":
        first = 3 * ((day.month - 1) // 3) + 1
        start = date(day.year, first, 1)
        end = date(day.year + (first + 3 > 12), (first + 3 - 1) % 12 + 1, 1)
        return start, end
    start = date(day.year, day.month, 1)
    return start, date(day.year + (day.month == 12), day.month % 12 + 1, 1)


def targets_of(community: Community) -> Targets:
    standard = standard_of(community)
    return Targets(
        on_time=HUNDRED,
        callback=HUNDRED if standard.callback_records else None,
        satisfaction=Decimal(standard.satisfaction_target),
        rework=Decimal("1"),
    )


def _week_start(value) -> date:
    if isinstance(value, datetime):
        return timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    return value


def service_indicators(
    community: Community,
    start: date,
    end: date,
    now: datetime | None = None,
    *,
    live: bool = False,
) -> Indicators:
    """The indicators of the orders received from `start` up to (not including) `end`.

    The counts come from the daily summary for whole past days and from the orders for the
    others (`tally.rows`), or all from the orders with `live`: the figures are the same. At
    most nine queries, whatever the number of orders: the standard (unless loaded with the
    community), the homes, the counts (five at most) and the names of the teams.
    """
    now = now or timezone.now()
    targets = targets_of(community)
    homes = Unit.objects.filter(community=community, use=UnitUse.RESIDENTIAL).count()
    rows = (
        tally.live_rows(community.pk, [(start, end - timedelta(days=1))], now)
        if live
        else tally.rows(community.pk, start, end, now)
    )
    teams = dict(community.teams.values_list("pk", "name"))

    total = Tally()
    weeks: dict[date, Group] = {}
    categories: dict[str, Group] = {}
    by_team: dict[int | None, Group] = {}
    labels = dict(Category.choices)
    for row in rows:
        week = _week_start(row["week"])
        total.add(row)
        weeks.setdefault(week, Group(week, week.isoformat())).tally.add(row)
        category = row["category"]
        categories.setdefault(category, Group(category, labels.get(category, category))).tally.add(
            row
        )
        team = row["team_id"]
        team_label = teams.get(team, _("No team")) if team else _("No team")
        by_team.setdefault(team, Group(team, team_label)).tally.add(row)

    # Every week of the period appears, the quiet ones too, so that the trend has no gaps.
    first_week = start - timedelta(days=start.weekday())
    day = first_week
    while day < end:
        weeks.setdefault(day, Group(day, day.isoformat()))
        day += timedelta(days=7)
    order = {c: n for n, c in enumerate(Category.values)}
    return Indicators(
        community=community,
        start=start,
        end=end,
        homes=homes,
        targets=targets,
        total=total,
        weeks=[weeks[k] for k in sorted(weeks)],
        categories=sorted(categories.values(), key=lambda g: order.get(g.key, 99)),
        teams=sorted(by_team.values(), key=lambda g: (g.key is None, str(g.label))),
    )


PERMISSION = "workorder.supervise"
LONGEST_DAYS = 3 * 366


def may_view(user, community_id: int) -> bool:
    """Managers and supervisors read the indicators of their communities."""
    return policy.has_perm(user, PERMISSION, community_id)


def checked_period(first: date | None, last: date | None, today: date | None = None):
    """[start, end) from the first and last day asked for (by default: this year so far).

    Raises ValidationError naming the field when the period is back to front or too long.
    """
    today = today or timezone.localdate()
    first = first or date(today.year, 1, 1)
    last = last or today
    if last < first:
        raise ValidationError({"to": [_("The period must end on or after its first day.")]})
    if (last - first).days >= LONGEST_DAYS:
        raise ValidationError({"to": [_("Choose a period of at most three years.")]})
    return first, last + timedelta(days=1)
