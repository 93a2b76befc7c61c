"""Meter readings from an Excel workbook (抄表导入): one row per meter and month.

The first sheet's first row names the columns — meter number (表号), month (月份), reading
(读数) and, optionally, new meter (换表) — in either language and in any order. The file is
read whole and every row checked by `meters.readings_import` before anything is written.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from openpyxl import load_workbook

from wuye.estates.transfer.cells import as_flag, as_text, is_blank
from wuye.estates.transfer.reading import MAX_BYTES, MAX_ROWS, ImportRefused

from . import meters

HEADERS = {
    "number": ("表号", "meter", "meter number"),
    "period": ("月份", "month", "period"),
    "reading": ("读数", "reading"),
    "replaced": ("换表", "new meter", "replaced"),
}


def _column_of(header: tuple) -> dict[str, int]:
    names = [as_text(cell).lower() for cell in header]
    found = {}
    for key, words in HEADERS.items():
        for index, name in enumerate(names):
            if any(word in name for word in words):
                found[key] = index
                break
    missing = [HEADERS[k][0] for k in ("number", "period", "reading") if k not in found]
    if missing:
        raise ImportRefused(
            _("The first row must name the columns; missing: %(names)s.")
            % {"names": ", ".join(missing)}
        )
    return found


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
    if upload.size > MAX_BYTES:
        raise ImportRefused(
            _("The file is larger than %(size)s MB; split it into smaller files.")
            % {"size": MAX_BYTES // (1024 * 1024)}
        )
    if not (getattr(upload, "name", "") or "").lower().endswith(".xlsx"):
        raise ImportRefused(_("Upload an Excel workbook (.xlsx)."))
    try:
        book = load_workbook(upload, read_only=True, data_only=True)
    except Exception:  # noqa: BLE001 - whatever breaks in a foreign file, it is not a workbook
        raise ImportRefused(_("The file could not be read as an Excel workbook (.xlsx).")) from None
    try:
        lines = list(book.worksheets[0].iter_rows(values_only=True)) if book.worksheets else []
    finally:
        book.close()
    if not lines:
        raise ImportRefused(_("The workbook has no sheets."))
    columns = _column_of(lines[0])
    if len(lines) - 1 > MAX_ROWS:
        raise ImportRefused(
            _("The sheet has more than %(rows)s rows; split it.") % {"rows": MAX_ROWS}
        )

    def cell(line: tuple, key: str) -> Any:
        index = columns.get(key)
        return line[index] if index is not None and index < len(line) else None

    body = lines[1:]
    while body and all(is_blank(value) for value in body[-1]):
        body.pop()  # rows left blank at the end; blank rows in between are reported
    rows = []
    for line in body:
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
