"""Meter readings from an Excel workbook (抄表导入): one row per meter and month.

The first sheet's first row names the columns — meter number (表号), month (月份), reading
(读数) and, optionally, new meter (换表) — in either language or both ("表号 Meter"), in any
order. A header it does not know refuses the file with the nearest known one, rather than
leaving a column unread. The file is read whole and every row checked by
`meters.readings_import` before anything is written.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from wuye.core.spreadsheets import (
    Headers,
    as_flag,
    as_text,
    is_blank,
    refuse_values_without_header,
)
from wuye.core.uploads import MAX_ROWS, ImportRefused, open_upload

from ..services import meters

HEADERS = Headers(
    {
        "number": ("表号", "meter", "meter number", "meter no."),
        "period": ("月份", "month", "period"),
        "reading": ("读数", "reading"),
        "replaced": ("换表", "new meter", "replaced"),
    }
)
REQUIRED = ("number", "period", "reading")


def _column_of(title: str, header: tuple) -> dict[str, int]:
    """Where each column is; the whole file is refused for a header that is not known."""
    row = HEADERS.read(header)
    problems = [HEADERS.unknown_message(text) for text in row.unknown]
    problems += [
        _("Sheet %(sheet)s has the column %(header)s twice.") % {"sheet": title, "header": text}
        for text in row.repeated
    ]
    if missing := HEADERS.missing(row, REQUIRED):
        problems.append(
            _("The first row must name the columns; missing: %(names)s.")
            % {"names": ", ".join(missing)}
        )
    if problems:
        raise ImportRefused(*problems)
    return {key: index for index, key in row.columns.items()}


def _period(value: Any) -> str:
    if isinstance(value, date):
        return f"{value:%Y-%m}"
    return as_text(value).replace("/", "-").replace("年", "-").removesuffix("月")


def _flag(value: Any) -> bool:
    if is_blank(value):
        return False
    try:
        return as_flag(value)
    except ValidationError:
        return True  # anything written in the column marks a new meter


def workbook_rows(upload) -> list[tuple[str, str, Any, bool]]:
    """(meter number, period, reading, replaced) for each filled row of the first sheet."""
    with open_upload(upload) as book:
        if not book.sheets:
            raise ImportRefused(_("The workbook has no sheets."))
        sheet = book.sheets[0]
        lines = sheet.rows()
        columns = _column_of(sheet.title, next(lines, ()))
        body = list(lines)
    if len(body) > MAX_ROWS:
        raise ImportRefused(
            _("The sheet has more than %(rows)s rows; split it.") % {"rows": MAX_ROWS}
        )

    def cell(line: tuple, key: str) -> Any:
        index = columns.get(key)
        return line[index] if index is not None and index < len(line) else None

    while body and all(is_blank(value) for value in body[-1]):
        body.pop()  # rows left blank at the end; blank rows in between are reported
    rows = []
    for line in body:
        refuse_values_without_header(sheet.title, line, set(columns.values()))
        rows.append(
            (
                as_text(cell(line, "number")),
                _period(cell(line, "period")),
                cell(line, "reading"),
                _flag(cell(line, "replaced")),
            )
        )
    if not rows:
        raise ImportRefused(_("The sheet has no readings below its first row."))
    return rows


def readings_import_workbook(*, community, upload, actor):
    """Record the workbook's readings all or nothing (see `meters.readings_import`)."""
    return meters.readings_import(community=community, rows=workbook_rows(upload), actor=actor)
