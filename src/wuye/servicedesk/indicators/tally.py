"""The counts behind the indicators, read from a daily summary for whole past days.

`DailyTally` holds, per community, day of receipt, category and team, every count of the
indicators that does not depend on the moment they are read: orders, complaints, deadlines
settled (met, on time or late) and met on time, resolved, home repairs and repeats,
escalated, call-backs. What does depend on it — a deadline still unmet that has passed by
now counts as late — is read live, for the few orders with an unmet deadline (a partial
index holds them).

The summary is kept correct this way:

- `refresh` (a periodic task, and the benchmark after seeding) recomputes set-based, in one
  transaction under a lock of the single `TallyState` row, every day up to two days ago not
  summarised yet, then the days marked as touched;
- every change to an order received before today writes a `TallyMark` for its day in the
  same transaction (`mark`, from the timeline, which every change writes); cancelling a home
  repair, or receiving one dated in the past, also marks the 30 days after it, whose repeats
  it may change. Marks are rows of their own, deleted by id once their day is recomputed, so
  a change that commits while a refresh runs keeps its mark;
- `rows` reads the summary only for days it covers and that carry no mark; marked days,
  yesterday and today (and any day not summarised yet) are computed live from the orders.

So the figures are those of the live computation at any time, whether the periodic task has
run or not: the task only decides how much is read from the summary.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, time, timedelta
from functools import reduce
from operator import or_

from django.db import transaction
from django.db.models import Count, F, Q, Sum, Window
from django.db.models.functions import Lag, TruncDate, TruncWeek
from django.utils import timezone

from ..models import (
    REPAIRS,
    UNMET,
    CallBack,
    Category,
    DailyTally,
    Status,
    TallyMark,
    TallyState,
    WorkOrder,
)

REPEAT_DAYS = 30
# Yesterday and today are always read live: a change made just before midnight and
# committed just after is then never missed by a day summarised in between.
LIVE_DAYS = 2
DEADLINES = ("response", "arrival", "resolution")
MET = {"response": "responded_at", "arrival": "arrived_at", "resolution": "resolved_at"}
SUMMED = (
    "orders",
    "complaints",
    "response_met",
    "arrival_met",
    "resolution_met",
    "resolved",
    "home_repairs",
    "repeats",
    "escalated",
    "callbacks",
    "satisfied",
    "called_back",
)

Span = tuple[date, date]  # first and last day, both included


def _aware(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def _spans(days: Iterable[date]) -> list[Span]:
    """Sorted days as runs of consecutive days."""
    spans: list[list[date]] = []
    for day in sorted(set(days)):
        if spans and day == spans[-1][1] + timedelta(days=1):
            spans[-1][1] = day
        else:
            spans.append([day, day])
    return [(first, last) for first, last in spans]


def _received(spans: Iterable[Span], prefix: str = "", before: timedelta = timedelta(0)) -> Q:
    """Orders received on the days of `spans` (starting `before` earlier)."""
    return reduce(
        or_,
        (
            Q(
                **{
                    f"{prefix}created_at__gte": _aware(first) - before,
                    f"{prefix}created_at__lt": _aware(last + timedelta(days=1)),
                }
            )
            for first, last in spans
        ),
        Q(pk__in=[]),
    )


# ---- the counts ----------------------------------------------------------------------------

NOT_CANCELLED = ~Q(status=Status.CANCELLED)
HOME_REPAIR = Q(category__in=sorted(REPAIRS), unit_id__isnull=False) & NOT_CANCELLED


def _repeat_ids(spans: list[Span], community_id: int | None):
    """Home repairs received on `spans` with a repair of the same home and subcategory in the
    30 days before (one window over the spans and the 30 days before each)."""
    previous = Window(
        Lag("created_at"),
        partition_by=[F("unit_id"), F("subcategory")],
        # The id breaks ties, so that the same order is the repeat whichever way it is read.
        order_by=[F("created_at").asc(), F("pk").asc()],
    )
    repairs = WorkOrder.objects.filter(
        _received(spans, before=timedelta(days=REPEAT_DAYS)),
        category__in=sorted(REPAIRS),
        unit_id__isnull=False,
    ).exclude(status=Status.CANCELLED)
    if community_id is not None:
        repairs = repairs.filter(community_id=community_id)
    return (
        repairs.annotate(previous=previous)
        .filter(previous__gte=F("created_at") - timedelta(days=REPEAT_DAYS))
        .values("pk")
    )


def _settled(name: str) -> Q:
    return Q(**{f"{name}_due_at__isnull": False, f"{MET[name]}__isnull": False}) & NOT_CANCELLED


def _due(name: str, now: datetime) -> Q:
    due, met = f"{name}_due_at", MET[name]
    return (
        Q(**{f"{due}__isnull": False})
        & (Q(**{f"{met}__isnull": False}) | Q(**{f"{due}__lt": now}))
        & NOT_CANCELLED
    )


def _met(name: str) -> Q:
    return Q(**{f"{MET[name]}__lte": F(f"{name}_due_at")}) & NOT_CANCELLED


def _order_counts(spans: list[Span], community_id: int | None, now: datetime | None = None) -> dict:
    """The counts of orders; with `now`, each deadline's due count as of then (applies and
    met, or passed), else only its settled count (applies and met), which does not depend
    on the moment the counts are read."""
    resolved = Q(resolved_at__isnull=False, category__in=sorted(REPAIRS | {Category.COMPLAINT}))
    repeats = HOME_REPAIR & (Q(rework_count__gt=0) | Q(pk__in=_repeat_ids(spans, community_id)))
    return {
        "orders": Count("pk"),
        "complaints": Count("pk", filter=Q(category=Category.COMPLAINT)),
        **(
            {f"{name}_due": Count("pk", filter=_due(name, now)) for name in DEADLINES}
            if now
            else {f"{name}_settled": Count("pk", filter=_settled(name)) for name in DEADLINES}
        ),
        **{f"{name}_met": Count("pk", filter=_met(name)) for name in DEADLINES},
        "resolved": Count("pk", filter=resolved),
        "home_repairs": Count("pk", filter=HOME_REPAIR),
        "repeats": Count("pk", filter=repeats),
        "escalated": Count("pk", filter=Q(escalation_level__gt=0)),
    }


def _passed_counts(now: datetime) -> dict:
    """Unmet deadlines that have passed by `now` (they count as late)."""
    return {
        f"{name}_passed": Count(
            "pk",
            filter=Q(
                **{
                    f"{name}_due_at__isnull": False,
                    f"{MET[name]}__isnull": True,
                    f"{name}_due_at__lt": now,
                }
            )
            & NOT_CANCELLED,
        )
        for name in DEADLINES
    }


def _callback_counts() -> dict:
    resolved = Q(
        order__resolved_at__isnull=False,
        order__category__in=sorted(REPAIRS | {Category.COMPLAINT}),
    )
    return {
        "callbacks": Count("pk"),
        "satisfied": Count("pk", filter=Q(satisfied=True)),
        "called_back": Count("order_id", distinct=True, filter=resolved),
    }


def _as_indicator_row(row: dict) -> dict:
    """A row of counts with each deadline's settled and passed counts added up as due."""
    for name in DEADLINES:
        row[f"{name}_due"] = (row.pop(f"{name}_settled", 0) or 0) + (
            row.pop(f"{name}_passed", 0) or 0
        )
    return row


# ---- reading -------------------------------------------------------------------------------


def live_rows(community_id: int, spans: list[Span], now: datetime) -> list[dict]:
    """Counts of the orders received on `spans`, by week, category and team, from the orders
    themselves (two queries)."""
    if not spans:
        return []
    orders = (
        WorkOrder.objects.filter(_received(spans), community_id=community_id)
        .annotate(week=TruncWeek("created_at"))
        .values("week", "category", "team_id")
        .order_by()
        .annotate(**_order_counts(spans, community_id, now))
    )
    callbacks = (
        CallBack.objects.filter(
            _received(spans, "order__"),
            community_id=community_id,
            # A call-back follows its order: none is older than the first day.
            at__gte=_aware(spans[0][0]),
            order__community_id=community_id,
        )
        .annotate(
            week=TruncWeek("order__created_at"),
            category=F("order__category"),
            team_id=F("order__team_id"),
        )
        .values("week", "category", "team_id")
        .order_by()
        .annotate(**_callback_counts())
    )
    return [*orders, *callbacks]


def _summary_rows(community_id: int, span: Span, skip: set[date], now: datetime) -> list[dict]:
    """Counts of the days of `span` from the summary (less the days in `skip`), by week,
    category and team, with the passed deadlines of their orders read live."""
    first, last = span
    summary = (
        DailyTally.objects.filter(community_id=community_id, day__gte=first, day__lte=last)
        .exclude(day__in=sorted(skip))
        .annotate(week=TruncWeek("day"))
        .values("week", "category", "team_id")
        .order_by()
        .annotate(
            **{name: Sum(name) for name in SUMMED},
            **{f"{name}_settled": Sum(f"{name}_settled") for name in DEADLINES},
        )
    )
    kept = _spans(
        day
        for day in (first + timedelta(days=n) for n in range((last - first).days + 1))
        if day not in skip
    )
    pending = (
        WorkOrder.objects.filter(UNMET, _received(kept), community_id=community_id)
        .annotate(week=TruncWeek("created_at"))
        .values("week", "category", "team_id")
        .order_by()
        .annotate(**_passed_counts(now))
    )
    return [_as_indicator_row(row) for row in [*summary, *pending]]


def rows(community_id: int, start: date, end: date, now: datetime) -> list[dict]:
    """Counts of the orders received from `start` up to (not including) `end`, by week,
    category and team: from the summary for the days it covers and that carry no mark, live
    for the others. Six queries at most, whatever the number of orders."""
    state = TallyState.objects.filter(pk=TallyState.ONLY).values_list("through", flat=True)
    through = next(iter(state), None)
    last = end - timedelta(days=1)
    if through is None or through < start:
        return live_rows(community_id, [(start, last)] if start <= last else [], now)
    covered = (start, min(last, through))
    marked = set(
        TallyMark.objects.filter(
            community_id=community_id, day__gte=covered[0], day__lte=covered[1]
        ).values_list("day", flat=True)
    )
    live = _spans(marked)
    if through < last:
        live = [*live, (through + timedelta(days=1), last)]
    return _summary_rows(community_id, covered, marked, now) + live_rows(community_id, live, now)


# ---- writing -------------------------------------------------------------------------------


def mark(order: WorkOrder, *, following: bool = False) -> None:
    """Note that the order's day of receipt (and, with `following`, the 30 days after it)
    must be recomputed; nothing to note for an order received today."""
    today = timezone.localdate()
    day = timezone.localdate(order.created_at)
    if day >= today:
        return
    last = min(day + timedelta(days=REPEAT_DAYS), today - timedelta(days=1)) if following else day
    TallyMark.objects.bulk_create(
        TallyMark(community_id=order.community_id, day=day + timedelta(days=n))
        for n in range((last - day).days + 1)
    )


def _recompute(spans: list[Span], community_id: int | None = None) -> int:
    """Replace the summary rows of the days of `spans` (of one community, or of all) with
    counts taken from the orders; returns the number of rows written."""
    if not spans:
        return 0
    scope = {} if community_id is None else {"community_id": community_id}
    key = ("community_id", "day", "category", "team_id")
    orders = (
        WorkOrder.objects.filter(_received(spans), **scope)
        .annotate(day=TruncDate("created_at"))
        .values(*key)
        .order_by()
        .annotate(**_order_counts(spans, community_id))
    )
    callbacks = (
        CallBack.objects.filter(
            _received(spans, "order__"),
            community_id=F("order__community_id"),
            **({} if community_id is None else {"order__community_id": community_id}),
        )
        .annotate(
            day=TruncDate("order__created_at"),
            category=F("order__category"),
            team_id=F("order__team_id"),
        )
        .values(*key)
        .order_by()
        .annotate(**_callback_counts())
    )
    tallies: dict[tuple, DailyTally] = {}
    for row in [*orders, *callbacks]:
        ident = tuple(row.pop(name) for name in key)
        tally = tallies.setdefault(ident, DailyTally(**dict(zip(key, ident, strict=True))))
        for name, value in row.items():
            setattr(tally, name, value or 0)
    days = reduce(or_, (Q(day__gte=a, day__lte=b) for a, b in spans))
    DailyTally.objects.filter(days, **scope).delete()
    DailyTally.objects.bulk_create(tallies.values(), batch_size=2000)
    return len(tallies)


def refresh(today: date | None = None) -> dict[str, int]:
    """Bring the summary up to date: summarise the days up to two days ago not summarised
    yet, then recompute the marked days. Safe when several workers run it at once."""
    today = today or timezone.localdate()
    target = today - timedelta(days=LIVE_DAYS)
    counts = {"days": 0, "marked": 0, "rows": 0}
    with transaction.atomic():
        TallyState.objects.get_or_create(pk=TallyState.ONLY)
        state = TallyState.objects.select_for_update().get(pk=TallyState.ONLY)
        # The marks first: a change whose mark is read here committed before the counts
        # below are taken; one committed later keeps its mark for the next run.
        marks = list(
            TallyMark.objects.filter(day__lte=target).values_list("pk", "community_id", "day")
        )
        if state.through is None:
            first = WorkOrder.objects.order_by("created_at").values_list("created_at", flat=True)
            oldest = next(iter(first[:1]), None)
            begin = timezone.localdate(oldest) if oldest else target
        else:
            begin = state.through + timedelta(days=1)
        if begin <= target:
            counts["rows"] += _recompute([(begin, target)])
            counts["days"] = (target - begin).days + 1
        by_community: dict[int, set[date]] = {}
        for _pk, community_id, day in marks:
            if day < begin:
                by_community.setdefault(community_id, set()).add(day)
        for community_id, days in by_community.items():
            counts["rows"] += _recompute(_spans(days), community_id)
            counts["marked"] += len(days)
        ids = [pk for pk, _community, _day in marks]
        for n in range(0, len(ids), 1000):
            TallyMark.objects.filter(pk__in=ids[n : n + 1000]).delete()
        if state.through is None or state.through < target:
            state.through = target
            state.save(update_fields=["through"])
    return counts
