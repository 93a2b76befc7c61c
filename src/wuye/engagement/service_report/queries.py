"""Reading the management service report: its periods, its live sections for staff, and the
published (frozen) reports residents see."""

from __future__ import annotations

import re
from dataclasses import asdict
from datetime import date
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils import timezone, translation
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from wuye.core import policy
from wuye.core.report import Chart, Figure, Period, Section, sections
from wuye.core.validators import not_found
from wuye.estates.models import Unit

from ..models import PublishedReport

VIEW, PUBLISH = "report.view", "report.publish"
PERIOD_TEXT = re.compile(r"^([0-9]{4})-(?:(0[1-9]|1[0-2])|Q([1-4]))$")
EARLIEST_YEAR = 2000


def parse_period(text: str | None, today: date | None = None) -> Period:
    """`YYYY-MM` (a month) or `YYYY-Qn` (a quarter), no later than the current one.

    Raises ValidationError naming the field `period`.
    """
    today = today or timezone.localdate()
    found = PERIOD_TEXT.match((text or "").strip())
    if found is None:
        raise ValidationError(
            {"period": [_("Enter a month as YYYY-MM or a quarter as YYYY-Qn, e.g. 2026-Q3.")]}
        )
    year = int(found[1])
    if year < EARLIEST_YEAR:
        raise ValidationError({"period": [_("Choose a period from the year 2000 on.")]})
    period = Period.month(year, int(found[2])) if found[2] else Period.quarter(year, int(found[3]))
    if period.start > today:
        raise ValidationError({"period": [not_found(_("This period has not started yet."))]})
    return period


def period_code(period: Period) -> str:
    if period.kind == "month":
        return f"{period.start:%Y-%m}"
    return f"{period.start.year}-Q{(period.start.month - 1) // 3 + 1}"


def last_closed_month(today: date | None = None) -> Period:
    today = today or timezone.localdate()
    return Period.month(today.year, today.month).previous()


def recent_periods(today: date | None = None, months: int = 12, quarters: int = 8) -> list:
    """The choices of the period picker: this month and the ones before, then quarters."""
    today = today or timezone.localdate()
    month, quarter = (
        Period.month(today.year, today.month),
        Period.quarter(today.year, (today.month - 1) // 3 + 1),
    )
    choices = []
    for _n in range(months):
        choices.append((period_code(month), month.label))
        month = month.previous()
    for _n in range(quarters):
        choices.append((period_code(quarter), quarter.label))
        quarter = quarter.previous()
    return choices


def is_closed(period: Period, today: date | None = None) -> bool:
    return period.end <= (today or timezone.localdate())


# ---- sections as data ------------------------------------------------------------------------


def _number(value) -> float | int:
    return value if isinstance(value, int) else float(Decimal(value))


def section_data(section: Section) -> dict:
    """A section as JSON-ready data (numbers of charts as plain numbers)."""
    data = asdict(section)
    if section.chart is not None:
        data["chart"]["series"] = {
            str(name): [_number(v) for v in values] for name, values in section.chart.series.items()
        }
    return data


def section_from(data: dict) -> Section:
    chart = data.get("chart")
    return Section(
        key=data["key"],
        title=data["title"],
        figures=[Figure(**figure) for figure in data["figures"]],
        chart=Chart(**chart) if chart else None,
        note=data.get("note", ""),
    )


def report_data(community, period: Period) -> list[dict]:
    return [section_data(s) for s in sections(community, period)]


def report_in_every_language(community, period: Period) -> dict[str, list[dict]]:
    """The report's sections as data, once in each language of the site."""
    frozen = {}
    for language, _name in settings.LANGUAGES:
        with translation.override(language):
            frozen[language] = report_data(community, period)
    return frozen


def frozen_sections(report: PublishedReport) -> list[Section]:
    """A published report's sections in the current language (else the first stored)."""
    stored = report.sections
    language = get_language() or settings.LANGUAGE_CODE
    data = stored.get(language) or stored.get(settings.LANGUAGE_CODE) or next(iter(stored.values()))
    return [section_from(d) for d in data]


def report_period(report: PublishedReport) -> Period:
    if report.kind == "month":
        return Period.month(report.start.year, report.start.month)
    return Period.quarter(report.start.year, (report.start.month - 1) // 3 + 1)


# ---- who reads what -----------------------------------------------------------------------


def resident_community_ids(user) -> set[int]:
    unit_ids = policy.resident_unit_ids(user)
    if not unit_ids:
        return set()
    return set(Unit.objects.filter(pk__in=unit_ids).values_list("community_id", flat=True))


def published_reports_visible_to(user) -> QuerySet[PublishedReport]:
    """Published reports: staff of the community, and its residents (owners, tenants)."""
    return PublishedReport.objects.filter(
        community_id__in=set(policy.community_ids_with(user, VIEW)) | resident_community_ids(user)
    ).select_related("community", "published_by")


def published_report(community_id: int, period: Period) -> PublishedReport | None:
    return PublishedReport.objects.filter(
        community_id=community_id, kind=period.kind, start=period.start
    ).first()
