"""Fee collection (收缴率) of the period, the arrears by how long they are past due, and the
year's trend, from `billing.queries`."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from wuye.billing import queries as billing
from wuye.core.report import Chart, Contribution, Figure, Period, Section
from wuye.core.standards import standard_of

ORDER = 20
TREND_MONTHS = 12
HUNDRED = Decimal("100")


def _months_back(last: date, count: int) -> list[str]:
    """The `count` billing periods (YYYY-MM) up to and including the month of `last`."""
    year, month = last.year, last.month
    months = []
    for _n in range(count):
        months.append(f"{year:04d}-{month:02d}")
        year, month = (year - 1, 12) if month == 1 else (year, month - 1)
    return months[::-1]


def _money(amount: Decimal) -> str:
    return "¥" + number_format(amount, decimal_pos=2, force_grouping=True)


def section(community, period: Period) -> Section | None:
    """None when the community bills nothing: no charges in the year and nothing owed."""
    last_day = period.end - timedelta(days=1)
    months = _months_back(last_day, TREND_MONTHS)
    trend = billing.collection_trend(community.pk, months)
    in_period = [row for row in trend if row["period"] >= f"{period.start:%Y-%m}"]
    due = sum((row["due"] for row in in_period), Decimal("0.00"))
    collected = sum((row["collected"] for row in in_period), Decimal("0.00"))
    aging = billing.arrears_aging(community.pk, last_day)
    owed = sum(aging["totals"].values(), Decimal("0.00"))
    if not any(row["due"] for row in trend) and not owed:
        return None

    target = Decimal(standard_of(community).collection_rate_target)
    rate = (HUNDRED * collected / due).quantize(Decimal("0.1")) if due else Decimal("0.0")
    figures = [
        Figure(_("Fees due for the period"), _money(due)),
        Figure(_("Collected of them"), _money(collected)),
        Figure(
            _("Collection rate"),
            f"{rate} %" if due else "—",
            target=f"≥ {target.normalize():f} %",
            met=rate >= target if due else None,
        ),
        Figure(
            _("Arrears on %(day)s") % {"day": last_day.isoformat()},
            _money(owed),
        ),
    ]
    figures += [
        Figure(_("Past due %(days)s days") % {"days": name}, _money(amount))
        for name, amount in aging["totals"].items()
    ]
    chart = Chart(
        title=_("Fees due and collected by month"),
        labels=months,
        series={
            pgettext("amount due", "Due"): [row["due"] for row in trend],
            _("Collected"): [row["collected"] for row in trend],
        },
        kind="bar",
    )
    return Section(
        key="fees",
        title=_("Fee collection"),
        figures=figures,
        chart=chart,
        note=_(
            "Collected counts what payments have settled of the period's charges so far; "
            "arrears are what is still owed on charges due by the period's last day."
        ),
    )


SECTIONS = [Contribution(ORDER, section)]
