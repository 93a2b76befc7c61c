"""The monthly scorecard (月度评分) as a workbook: one row a month."""

from __future__ import annotations

from django.utils.translation import gettext as _

from wuye.core import spreadsheets

from .models import Contractor
from .queries import MonthScore


def scorecard_workbook(contractor: Contractor, months: list[MonthScore]) -> bytes:
    header = [
        _("Month"),
        _("Inspections"),
        _("Average score"),
        _("Pass score"),
        _("Passed"),
        _("Deductions"),
        _("Rectified on time"),
        _("Overdue"),
    ]
    rows = [
        [
            m.month.strftime("%Y-%m"),
            m.inspections,
            None if m.average is None else float(m.average),
            m.pass_score,
            {True: _("Yes"), False: _("No"), None: ""}[m.passed],
            m.deductions,
            m.rectified_on_time,
            m.overdue,
        ]
        for m in months
    ]
    return spreadsheets.workbook([(_("Monthly scorecard"), header, rows)])
