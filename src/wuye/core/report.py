"""The management service report (管理服务报告): the engine its sections plug into.

Any app may contribute a section: a function `section(community, period)` in its `report.py`
that returns a `Section`, or None when its area has nothing to report for the period, listed
with its place in the report as `SECTIONS = [Contribution(order, section)]`. `core.registries`
registers them at start-up; the report page, its PDF and the API read the report through
`sections()`, so a new area joins the report without a change anywhere else.
"""

from __future__ import annotations

import calendar
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.utils.formats import date_format
from django.utils.translation import gettext as _


@dataclass(frozen=True)
class Period:
    """A reporting period: a calendar month or quarter, `start` inclusive, `end` exclusive."""

    kind: str  # "month" | "quarter"
    start: date
    end: date

    @classmethod
    def month(cls, year: int, month: int) -> Period:
        days = calendar.monthrange(year, month)[1]
        end = date(year, month, days).toordinal() + 1
        return cls("month", date(year, month, 1), date.fromordinal(end))

    @classmethod
    def quarter(cls, year: int, quarter: int) -> Period:
        first = 3 * (quarter - 1) + 1
        end = date(year + 1, 1, 1) if quarter == 4 else date(year, first + 3, 1)
        return cls("quarter", date(year, first, 1), end)

    def previous(self) -> Period:
        before = date.fromordinal(self.start.toordinal() - 1)
        if self.kind == "month":
            return Period.month(before.year, before.month)
        return Period.quarter(before.year, (before.month - 1) // 3 + 1)

    @property
    def label(self) -> str:
        if self.kind == "month":
            return date_format(self.start, "YEAR_MONTH_FORMAT")
        return _("Q%(quarter)d %(year)d") % {
            "quarter": (self.start.month - 1) // 3 + 1,
            "year": self.start.year,
        }


@dataclass
class Figure:
    """One number of the report, shown as `value`, beside its target where one applies."""

    label: str
    value: str
    target: str = ""
    met: bool | None = None


@dataclass
class Chart:
    """A chart's data; the page draws it as SVG and the PDF as a vector drawing."""

    title: str
    labels: list[str]
    series: dict[str, list[Decimal | int | float]]
    kind: str = "bar"  # "bar" | "line"


@dataclass
class Section:
    key: str
    title: str
    figures: list[Figure] = field(default_factory=list)
    chart: Chart | None = None
    note: str = ""


@dataclass(frozen=True)
class Contribution:
    order: int
    section: Callable  # (community, period) -> Section | None


CONTRIBUTIONS: list[Contribution] = []


def register(*contributions: Contribution) -> None:
    for contribution in contributions:
        if contribution not in CONTRIBUTIONS:
            CONTRIBUTIONS.append(contribution)
    CONTRIBUTIONS.sort(key=lambda contribution: contribution.order)


def sections(community, period: Period) -> list[Section]:
    """The report's sections for a community and period, in report order."""
    built = (contribution.section(community, period) for contribution in CONTRIBUTIONS)
    return [section for section in built if section is not None]
