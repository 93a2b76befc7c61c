"""Reads of fund-usage publicity (财务公示) and the owners' committee, scoped to the caller.

Staff with `publicity.view` read every publication of their communities, drafts included.
Residents (owners, their families and tenants) read the published ones of the communities
they live in. Who sees the line detail: staff with `publicity.view` and the current members
of the community's owners' committee; everyone else sees totals by category.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.db.models import Q, QuerySet, Sum
from django.utils import timezone

from wuye.core import policy
from wuye.estates.models import Unit

from ..models import (
    CENT,
    COMMON_AREA_INCOME,
    DEFAULT_TOP_UP_PERCENT,
    INCOME_CATEGORIES,
    SPENDING_CATEGORIES,
    Category,
    CommitteeMember,
    FundLine,
    FundPeriod,
    FundRule,
    Side,
    top_up,
)

ZERO = Decimal("0.00")


def committee_members(community_id: int, on: date | None = None) -> QuerySet[CommitteeMember]:
    """The members of the owners' committee on a day (today by default)."""
    on = on or timezone.localdate()
    return CommitteeMember.objects.filter(
        Q(end_date__isnull=True) | Q(end_date__gte=on),
        community_id=community_id,
        start_date__lte=on,
    )


def committee_community_ids(user) -> set[int]:
    """The communities in whose owners' committee the user sits today."""
    if not getattr(user, "is_authenticated", False):
        return set()
    cache = policy._cache(user)
    if "committee_community_ids" not in cache:
        on = timezone.localdate()
        cache["committee_community_ids"] = set(
            CommitteeMember.objects.filter(
                Q(end_date__isnull=True) | Q(end_date__gte=on),
                resident_id__in=policy.resident_ids(user),
                start_date__lte=on,
            ).values_list("community_id", flat=True)
        )
    return cache["committee_community_ids"]


def is_committee_member(user, community_id: int) -> bool:
    """Whether the user sits on the community's owners' committee today (业委会委员)."""
    return community_id in committee_community_ids(user)


def committee_register(community_id: int) -> QuerySet[CommitteeMember]:
    """Every seat of the community, current ones first, with the owner."""
    return (
        CommitteeMember.objects.filter(community_id=community_id)
        .select_related("resident")
        .order_by("end_date", "role", "start_date", "pk")
    )


def top_up_percent(community_id: int) -> Decimal:
    """The community's configured share of common-area income for the maintenance fund."""
    rule = FundRule.objects.filter(community_id=community_id).first()
    return rule.top_up_percent if rule else DEFAULT_TOP_UP_PERCENT


def _resident_community_ids(user):
    return Unit.objects.filter(pk__in=policy.resident_unit_ids(user)).values("community_id")


def publicity_for_residents(user) -> QuerySet[FundPeriod]:
    """The published publications of the communities the user lives in."""
    if not policy.resident_unit_ids(user):
        return FundPeriod.objects.none()
    return FundPeriod.objects.published().filter(community_id__in=_resident_community_ids(user))


def publicity_visible_to(user, community_id: int | None = None) -> QuerySet[FundPeriod]:
    """Staff: their communities' publications, drafts included; residents: what is theirs."""
    staff_ids = policy.community_ids_with(user, "publicity.view")
    visible = Q(community_id__in=staff_ids)
    if policy.resident_unit_ids(user):
        visible |= Q(published_at__isnull=False, community_id__in=_resident_community_ids(user))
    qs = FundPeriod.objects.filter(visible)
    if community_id is not None:
        qs = qs.filter(community_id=community_id)
    return qs.select_related("community", "corrects", "corrected_by").order_by(
        "-start", "kind", "-pk"
    )


def may_see_lines(user, period: FundPeriod) -> bool:
    """Line detail: staff of the community and its owners' committee; others see totals."""
    return policy.has_perm(user, "publicity.view", period.community_id) or is_committee_member(
        user, period.community_id
    )


@dataclass
class Ledger:
    """A publication's figures: totals by category and what tops up the maintenance fund."""

    by_category: dict[str, Decimal]
    top_up_percent: Decimal
    lines: list[FundLine] = field(default_factory=list)

    def total(self, categories) -> Decimal:
        return sum((self.by_category.get(c, ZERO) for c in categories), ZERO)

    @property
    def percent_text(self) -> str:
        """The share as people write it: 50, 62.5."""
        text = f"{self.top_up_percent:f}"
        return text.rstrip("0").rstrip(".") if "." in text else text

    @property
    def income(self) -> Decimal:
        return self.total(INCOME_CATEGORIES)

    @property
    def spending(self) -> Decimal:
        return self.total(SPENDING_CATEGORIES)

    @property
    def balance(self) -> Decimal:
        return self.income - self.spending

    @property
    def property_fees(self) -> Decimal:
        return self.by_category.get(Category.PROPERTY_FEES, ZERO)

    @property
    def common_area_income(self) -> Decimal:
        return self.total(COMMON_AREA_INCOME)

    @property
    def common_area_costs(self) -> Decimal:
        return self.by_category.get(Category.COMMON_AREA_COSTS, ZERO)

    @property
    def top_up(self) -> Decimal:
        return top_up(self.common_area_income, self.common_area_costs, self.top_up_percent)

    @property
    def common_area_remainder(self) -> Decimal:
        """What remains for the owners after costs and the maintenance fund's share."""
        net = max(self.common_area_income - self.common_area_costs, ZERO)
        return net - self.top_up

    def rows(self, side: str) -> list[dict]:
        """Each category of a side with its label and total (categories with no money too)."""
        categories = INCOME_CATEGORIES if side == Side.INCOME else SPENDING_CATEGORIES
        return [
            {
                "category": c,
                "label": Category(c).label,
                "amount": self.by_category.get(c, ZERO),
                "lines": [line for line in self.lines if line.category == c],
            }
            for c in categories
        ]

    @property
    def sides(self) -> list[dict]:
        return [
            {
                "key": Side.INCOME,
                "title": Side.INCOME.label,
                "rows": self.income_rows,
                "total": self.income,
            },
            {
                "key": Side.SPENDING,
                "title": Side.SPENDING.label,
                "rows": self.spending_rows,
                "total": self.spending,
            },
        ]

    @property
    def income_rows(self) -> list[dict]:
        return self.rows(Side.INCOME)

    @property
    def spending_rows(self) -> list[dict]:
        return self.rows(Side.SPENDING)


def ledgers(periods: list[FundPeriod], with_lines: set[int] | None = None) -> dict[int, Ledger]:
    """The ledger of each publication, in one query for the totals (and one for the lines of
    those named in `with_lines`), however many lines they hold.

    A published one uses the share fixed on publication; a draft the community's rule now.
    """
    ids = [p.pk for p in periods]
    sums: dict[int, dict[str, Decimal]] = defaultdict(dict)
    for row in (
        FundLine.objects.filter(period_id__in=ids)
        .values("period_id", "category")
        .annotate(total=Sum("amount"))
        .order_by()
    ):
        # SQLite sums decimals with more places than they have; money has two.
        sums[row["period_id"]][row["category"]] = row["total"].quantize(CENT)
    lines: dict[int, list[FundLine]] = defaultdict(list)
    if with_lines:
        for line in FundLine.objects.filter(period_id__in=with_lines).order_by("category", "pk"):
            lines[line.period_id].append(line)
    drafts = {p.community_id for p in periods if p.top_up_percent is None}
    rules = dict(
        FundRule.objects.filter(community_id__in=drafts).values_list(
            "community_id", "top_up_percent"
        )
    )
    return {
        p.pk: Ledger(
            by_category=sums[p.pk],
            top_up_percent=p.top_up_percent
            if p.top_up_percent is not None
            else rules.get(p.community_id, DEFAULT_TOP_UP_PERCENT),
            lines=lines[p.pk],
        )
        for p in periods
    }


def ledger(period: FundPeriod, with_lines: bool) -> Ledger:
    return ledgers([period], {period.pk} if with_lines else None)[period.pk]


TREND_PERIODS = 8


def fund_trend(period: FundPeriod) -> list[tuple[FundPeriod, Ledger]]:
    """The publication and up to `TREND_PERIODS` - 1 published ones before it of the same kind
    (each as last corrected), oldest first, with their ledgers: income and spending across
    periods. A draft is shown after the published ones it follows."""
    earlier = list(
        FundPeriod.objects.current()
        .filter(community_id=period.community_id, kind=period.kind, start__lt=period.start)
        .order_by("-start", "-pk")[: TREND_PERIODS - 1]
    )[::-1]
    periods = [*earlier, period]
    totals = ledgers(periods)
    return [(p, totals[p.pk]) for p in periods]
