"""Reads of the incident log, and the incident rate the demonstration standard measures:
fire, criminal and traffic incidents at most 1 ‰ of households a year (see `models.COUNTED`
for the kinds that count)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time
from decimal import Decimal

from django.db.models import QuerySet
from django.utils import timezone

from wuye.core import policy
from wuye.estates.models import Unit

from .models import COUNTED, Incident

# The standard's target: at most 1 counted incident per 1,000 homes a year.
TARGET_PER_MILLE = Decimal("1")
STATUS_FILTERS = ("open", "following_up", "closed", "active", "all")


def incidents_visible_to(user, community_id: int | None = None) -> QuerySet[Incident]:
    rows = Incident.objects.filter(
        community_id__in=policy.community_ids_with(user, "incident.view")
    )
    if community_id is not None:
        rows = rows.filter(community_id=community_id)
    return rows


def month_bounds(month: date) -> tuple[datetime, datetime]:
    start = month.replace(day=1)
    end = date(start.year + start.month // 12, start.month % 12 + 1, 1)
    return _moment(start), _moment(end)


def _moment(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def incident_list(
    rows: QuerySet[Incident],
    *,
    kind: str = "",
    status: str = "all",
    month: date | None = None,
) -> QuerySet[Incident]:
    if kind:
        rows = rows.filter(kind=kind)
    if status == "active":
        rows = rows.exclude(status="closed")
    elif status not in ("", "all"):
        rows = rows.filter(status=status)
    if month is not None:
        start, end = month_bounds(month)
        rows = rows.filter(occurred_at__gte=start, occurred_at__lt=end)
    return rows.select_related("building", "reported_by").order_by("-occurred_at", "-pk")


@dataclass(frozen=True)
class Rate:
    start: date
    end: date  # exclusive
    homes: int
    counted: int
    per_mille: Decimal | None  # counted incidents per 1,000 homes, over a year
    target: Decimal = TARGET_PER_MILLE

    @property
    def met(self) -> bool | None:
        return None if self.per_mille is None else self.per_mille <= self.target


def incident_rate(community_id: int, start: date, end: date) -> Rate:
    """Counted incidents from `start` to `end` (exclusive) per 1,000 homes, scaled to a year
    (a period shorter than a year is compared with the yearly target pro rata)."""
    homes = Unit.objects.filter(community_id=community_id).count()
    counted = Incident.objects.filter(
        community_id=community_id,
        kind__in=COUNTED,
        occurred_at__gte=_moment(start),
        occurred_at__lt=_moment(end),
    ).count()
    days = max((end - start).days, 1)
    per_mille = None
    if homes:
        per_mille = (Decimal(counted) * 1000 / homes * Decimal(365) / days).quantize(
            Decimal("0.01")
        )
    return Rate(start=start, end=end, homes=homes, counted=counted, per_mille=per_mille)


def last_twelve_months(today: date) -> tuple[date, date]:
    """The twelve months ending with the current one."""
    end = date(today.year + today.month // 12, today.month % 12 + 1, 1)
    return date(end.year - 1, end.month, 1), end
