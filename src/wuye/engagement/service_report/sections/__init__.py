"""The management service report (管理服务报告), assembled from every area's data.

Each module of this package contributes one section of the report: a function
`section(community, period)` that returns a `Section`, or None when its area has nothing to
report for the period, and an `ORDER` number that places the section in the report. The report
page, its PDF and the API all read the report through `sections()`, so a new area joins the
report by adding one module here.
"""

from __future__ import annotations

import importlib
import pkgutil

# The report's shapes are core's, shared with every app that contributes a section.
from wuye.core.report import Chart, Figure, Period, Section

__all__ = ["Chart", "Figure", "Period", "Section", "sections"]


def _builders() -> list:
    modules = [
        importlib.import_module(f"{__name__}.{info.name}")
        for info in pkgutil.iter_modules(__path__)
    ]
    return sorted(modules, key=lambda module: module.ORDER)


def sections(community, period: Period) -> list[Section]:
    """The report's sections for a community and period, in report order."""
    built = (module.section(community, period) for module in _builders())
    return [section for section in built if section is not None]
