"""The customer center's section: orders received and closed, and the service indicators
(服务指标) against the community's standard, from `servicedesk.indicators`."""

from __future__ import annotations

from datetime import date, datetime, time

from django.db.models import Count
from django.db.models.functions import TruncWeek
from django.utils import timezone
from django.utils.translation import gettext as _

from wuye.core.report import Chart, Contribution, Figure, Period, Section
from wuye.servicedesk.indicators import Measure, service_indicators
from wuye.servicedesk.models import Category, WorkOrder

ORDER = 10


def _aware(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def _closed_by_category_and_week(community, period: Period) -> list[dict]:
    """Orders closed in the period, whenever received, by category and week (one query)."""
    return list(
        WorkOrder.objects.filter(
            community=community,
            closed_at__gte=_aware(period.start),
            closed_at__lt=_aware(period.end),
        )
        .annotate(week=TruncWeek("closed_at"))
        .values("category", "week")
        .order_by()
        .annotate(closed=Count("pk"))
    )


def _week(value) -> date:
    if isinstance(value, datetime):
        return timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    return value


def _figure(measure: Measure) -> Figure:
    if measure.value is None:
        value = "—"
    elif measure.unit:
        value = f"{measure.value} {measure.unit}"
    else:
        value = str(measure.value)
    target = ""
    if measure.target is not None:
        sign = "≤" if measure.bound == "max" else "≥"
        target = f"{sign} {measure.target.normalize():f} {measure.unit}".strip()
    return Figure(label=str(measure.label), value=value, target=target, met=measure.met)


def section(community, period: Period) -> Section:
    """Always a section: a quiet period reports its zeros, which is itself worth knowing."""
    result = service_indicators(community, period.start, period.end)
    closed_rows = _closed_by_category_and_week(community, period)
    closed_by_category: dict[str, int] = {}
    closed_by_week: dict[date, int] = {}
    for row in closed_rows:
        closed_by_category[row["category"]] = (
            closed_by_category.get(row["category"], 0) + row["closed"]
        )
        week = _week(row["week"])
        closed_by_week[week] = closed_by_week.get(week, 0) + row["closed"]

    received = result.total.counts["orders"]
    figures = [
        Figure(_("Orders received"), str(received)),
        Figure(_("Orders closed"), str(sum(closed_by_category.values()))),
    ]
    received_by_category = {g.key: g.tally.counts["orders"] for g in result.categories}
    for value, label in Category.choices:
        got, done = received_by_category.get(value, 0), closed_by_category.get(value, 0)
        if got or done:
            figures.append(
                Figure(
                    str(label),
                    _("%(received)s received, %(closed)s closed")
                    % {"received": got, "closed": done},
                )
            )
    figures += [_figure(m) for m in result.measures]

    weeks = [g.key for g in result.weeks]
    chart = Chart(
        title=_("Orders received and closed by week"),
        labels=[week.strftime("%m-%d") for week in weeks],
        series={
            _("Orders received"): [g.tally.counts["orders"] for g in result.weeks],
            _("Orders closed"): [closed_by_week.get(week, 0) for week in weeks],
        },
        kind="bar",
    )
    note = _(
        "Rates are shares of the orders received in the period; targets come from the "
        "community's service standard (%(homes)s homes)."
    ) % {"homes": result.homes}
    return Section(
        key="service_desk",
        title=_("Customer center: work orders and service indicators"),
        figures=figures,
        chart=chart,
        note=note,
    )


SECTIONS = [Contribution(ORDER, section)]
