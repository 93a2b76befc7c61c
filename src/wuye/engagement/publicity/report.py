"""The report's fund-usage section: income, spending, common-area income and the maintenance
fund's share, from the fund-usage periods the community has published (财务公示).

Which publications count: the current ones (published, and not replaced by a published
correction) that lie inside the report's period; when several kinds do (three months and a
quarter), the longest kind is taken so that nothing is counted twice. When none lies inside
but one contains the report's period (a month of a published quarter), the shortest such
publication is shown whole, and the note says so. Without either, the section is left out.
"""

from __future__ import annotations

from decimal import Decimal

from django.utils.translation import gettext as _

from wuye.core.report import Chart, Contribution, Figure, Period, Section
from wuye.engagement.models import MONTHS_IN, FundPeriod
from wuye.engagement.publicity.queries import ledgers

ORDER = 40
ZERO = Decimal("0.00")


def _yuan(value: Decimal) -> str:
    return f"¥{value:,.2f}"


def chosen_publications(community, period: Period) -> tuple[list[FundPeriod], bool]:
    """The publications the section reports, and whether they lie inside the period."""
    current = list(
        FundPeriod.objects.current()
        .filter(community=community, start__lt=period.end, end__gt=period.start)
        .order_by("start", "pk")
    )
    inside = [p for p in current if p.start >= period.start and p.end <= period.end]
    if inside:
        longest = max(MONTHS_IN[p.kind] for p in inside)
        return [p for p in inside if MONTHS_IN[p.kind] == longest], True
    containing = [p for p in current if p.start <= period.start and p.end >= period.end]
    if not containing:
        return [], False
    return [min(containing, key=lambda p: MONTHS_IN[p.kind])], False


def section(community, period: Period) -> Section | None:
    publications, inside = chosen_publications(community, period)
    if not publications:
        return None
    figures = ledgers(publications).values()
    by_category: dict[str, Decimal] = {}
    for ledger in figures:
        for category, amount in ledger.by_category.items():
            by_category[category] = by_category.get(category, ZERO) + amount

    def total(name: str) -> Decimal:
        return sum((getattr(ledger, name) for ledger in figures), ZERO)

    labels = ", ".join(str(p.label) for p in publications)
    if inside:
        note = _("From the published fund-usage periods: %(periods)s.") % {"periods": labels}
    else:
        note = _("Figures of the whole published period %(period)s, which contains this one.") % {
            "period": labels
        }
    any_ledger = next(iter(figures))
    rows = [row for side in any_ledger.sides for row in side["rows"]]
    shown = [row for row in rows if by_category.get(row["category"])]
    return Section(
        key="fund_usage",
        title=_("Fund usage"),
        figures=[
            Figure(_("Income"), _yuan(total("income"))),
            Figure(_("Property fees collected"), _yuan(total("property_fees"))),
            Figure(_("Common-area income"), _yuan(total("common_area_income"))),
            Figure(_("Costs of common-area income"), _yuan(total("common_area_costs"))),
            Figure(_("To the maintenance fund"), _yuan(total("top_up"))),
            Figure(_("Spending"), _yuan(total("spending"))),
            Figure(_("Income less spending"), _yuan(total("balance"))),
        ],
        chart=Chart(
            title=_("Income and spending by category"),
            labels=[str(row["label"]) for row in shown],
            series={_("Yuan"): [by_category[row["category"]] for row in shown]},
        ),
        note=note,
    )


SECTIONS = [Contribution(ORDER, section)]
