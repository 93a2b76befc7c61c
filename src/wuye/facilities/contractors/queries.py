"""Reads of the contractor register, already scoped to what the user may see, and the
monthly scorecard (月度评分) of a contractor."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, F, Prefetch, Q, QuerySet

from wuye.core import policy

from .models import Contract, Contractor, Inspection, Score


def contractors_visible_to(user, community_id: int | None = None) -> QuerySet[Contractor]:
    rows = Contractor.objects.filter(
        community_id__in=policy.community_ids_with(user, "contractor.view")
    )
    if community_id is not None:
        rows = rows.filter(community_id=community_id)
    return rows


def inspections_visible_to(user, community_id: int | None = None) -> QuerySet[Inspection]:
    rows = Inspection.objects.filter(
        community_id__in=policy.community_ids_with(user, "contractor.view")
    )
    if community_id is not None:
        rows = rows.filter(community_id=community_id)
    return rows


def overdue(today: date) -> Q:
    """Deductions past their rectification deadline and not found rectified."""
    return Q(points__lt=F("max_points"), rectify_by__lt=today) & ~Q(rectified=True)


def contractor_list(rows: QuerySet[Contractor], today: date) -> QuerySet[Contractor]:
    """Contractors with their contracts and the number of their overdue deductions."""
    return (
        rows.annotate(
            overdue_count=Count(
                "inspections__scores",
                filter=Q(
                    inspections__scores__points__lt=F("inspections__scores__max_points"),
                    inspections__scores__rectify_by__lt=today,
                )
                & ~Q(inspections__scores__rectified=True),
            )
        )
        .prefetch_related(Prefetch("contracts", queryset=Contract.objects.order_by("-starts_on")))
        .order_by("kind", "name", "pk")
    )


def contract_in_force(contractor: Contractor, day: date) -> Contract | None:
    contracts = list(contractor.contracts.all())
    current = [c for c in contracts if c.starts_on <= day <= c.ends_on]
    return (current or contracts or [None])[0]


def inspection_list(rows: QuerySet[Inspection], month: date | None = None) -> QuerySet[Inspection]:
    if month is not None:
        rows = rows.filter(inspected_on__gte=month, inspected_on__lt=next_month(month))
    return rows.select_related("contractor").order_by("-inspected_on", "-pk")


def next_month(month: date) -> date:
    return date(month.year + month.month // 12, month.month % 12 + 1, 1)


def months_back(today: date, count: int) -> list[date]:
    """The `count` months ending with this one, oldest first."""
    months = [today.replace(day=1)]
    while len(months) < count:
        first = months[-1]
        months.append(date(first.year - (first.month == 1), (first.month - 2) % 12 + 1, 1))
    return months[::-1]


@dataclass(frozen=True)
class MonthScore:
    month: date
    inspections: int
    average: Decimal | None  # the average score, out of 100
    deductions: int
    rectified_on_time: int
    overdue: int
    pass_score: int | None

    @property
    def passed(self) -> bool | None:
        if self.average is None or self.pass_score is None:
            return None
        return self.average >= self.pass_score


def percent(score: int, max_score: int) -> Decimal:
    return (Decimal(score) * 100 / max_score).quantize(Decimal("0.1"), ROUND_HALF_UP)


def scorecard(contractor: Contractor, months: list[date], today: date) -> list[MonthScore]:
    """The contractor's months: inspections, the average score out of 100 (each inspection's
    score over its template's maximum), deductions, those rectified by their deadline, and
    those overdue today. Two queries whatever the number of months."""
    start, end = months[0], next_month(months[-1])
    inspections = list(contractor.inspections.filter(inspected_on__gte=start, inspected_on__lt=end))
    scores = list(
        Score.objects.filter(
            inspection__in=[i.pk for i in inspections], points__lt=F("max_points")
        ).select_related("inspection")
    )
    contracts = list(contractor.contracts.all())
    rows = []
    for month in months:
        done = [i for i in inspections if i.inspected_on.replace(day=1) == month]
        cut = [s for s in scores if s.inspection.inspected_on.replace(day=1) == month]
        average = None
        if done:
            total = sum(percent(i.score, i.max_score) for i in done if i.max_score)
            average = (total / len(done)).quantize(Decimal("0.1"), ROUND_HALF_UP)
        in_force = [c for c in contracts if c.starts_on <= next_month(month) and c.ends_on >= month]
        rows.append(
            MonthScore(
                month=month,
                inspections=len(done),
                average=average,
                deductions=len(cut),
                rectified_on_time=sum(
                    1
                    for s in cut
                    if s.rectified and s.rechecked_on and s.rechecked_on <= s.rectify_by
                ),
                overdue=sum(1 for s in cut if s.overdue(today)),
                pass_score=in_force[0].pass_score if in_force else None,
            )
        )
    return rows
