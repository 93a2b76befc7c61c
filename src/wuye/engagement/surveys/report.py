"""The report's survey section: the latest round of the owner satisfaction survey.

The round shown is the last one that closed before the end of the period (in it or earlier:
surveys run every six months, so most monthly reports repeat the latest round); a round still
open is not reported, even when it will close before the period ends. Its response
rate and its satisfaction rate by dimension are set against the target of the community's
service level and the round before. No round closed yet: no section.
"""

from __future__ import annotations

from datetime import datetime, time
from decimal import Decimal

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from wuye.core.report import Chart, Contribution, Figure, Period, Section

from . import queries

ORDER = 50


def _percent(value: Decimal | None) -> str:
    return "—" if value is None else f"{value:.1f}%"


def _change(value: Decimal | None) -> str:
    if value is None:
        return ""
    sign = "+" if value > 0 else ""
    return " " + _("(%(change)s pts on the previous round)") % {"change": f"{sign}{value:.1f}"}


def section(community, period: Period) -> Section | None:
    end = timezone.make_aware(datetime.combine(period.end, time.min))
    survey = queries.latest_closed_round(community, min(end, timezone.now()))
    if survey is None:
        return None
    results = queries.survey_results(survey, with_questions=False)
    target = "" if results.target is None else f"≥ {results.target:.0f}%"
    figures = [
        Figure(
            label=_("Response rate"),
            value=_("%(rate)s (%(answered)d of %(homes)d homes)")
            % {
                "rate": _percent(results.response_rate),
                "answered": results.answered,
                "homes": results.audience,
            }
            + _change(results.response_change),
        )
    ]
    rows = [*results.dimensions, results.total]
    for row in rows:
        figures.append(
            Figure(
                label=_("Satisfaction: %(dimension)s") % {"dimension": row.label},
                value=_percent(row.rate) + _change(row.change),
                target=target,
                met=row.met,
            )
        )
    series: dict[str, list] = {_("This round"): [row.rate or 0 for row in rows]}
    if results.previous is not None:
        series[_("Previous round")] = [row.previous_rate or 0 for row in rows]
    if results.target is not None:
        series[_("Target")] = [results.target for _row in rows]
    closed = date_format(timezone.localtime(survey.closes_at), "DATE_FORMAT")
    note = _("%(title)s, closed %(date)s; satisfied means a rating of 4 or 5.") % {
        "title": survey.title,
        "date": closed,
    }
    if results.previous is not None:
        note += " " + _("Compared with %(title)s.") % {"title": results.previous.title}
    return Section(
        key="surveys",
        title=_("Owner satisfaction survey"),
        figures=figures,
        chart=Chart(
            title=_("Satisfaction rate by dimension"),
            labels=[row.label for row in rows],
            series=series,
        ),
        note=note,
    )


SECTIONS = [Contribution(ORDER, section)]
