"""Reading an uploaded workbook: the sheets of the register, their headers and rows."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _
from openpyxl import load_workbook

from .cells import is_blank
from .columns import KINDS, Column, Kind

MAX_BYTES = 5 * 1024 * 1024
MAX_ROWS = 20_000
HEADER_SCAN_ROWS = 10  # the header may sit below a title row or two


class ImportRefused(Exception):
    """The file as a whole cannot be imported; the message says why, in the user's language."""


@dataclass
class Sheet:
    """One worksheet as read: the header row, its columns, and the non-empty rows below."""

    kind: Kind
    title: str
    header_row: int
    columns: dict[int, Column]  # cell index → column
    top: list[tuple[int, tuple]]  # the rows down to the header, for the error report
    rows: list[tuple[int, tuple]] = field(default_factory=list)

    @property
    def width(self) -> int:
        return len(self.top[-1][1])


def read_workbook(upload, kind: str | None) -> list[Sheet]:
    name = (getattr(upload, "name", "") or "").lower()
    if upload.size > MAX_BYTES:
        raise ImportRefused(
            _("The file is larger than %(size)s MB; split it into smaller files.")
            % {"size": MAX_BYTES // (1024 * 1024)}
        )
    if name.endswith(".xls"):
        raise ImportRefused(
            _(
                "This is an old .xls file: open it in Excel or WPS, save it as an Excel "
                "workbook (.xlsx) and upload that."
            )
        )
    if not name.endswith(".xlsx"):
        raise ImportRefused(_("Upload an Excel workbook (.xlsx)."))
    try:
        book = load_workbook(upload, read_only=True, data_only=True)
    except Exception:  # noqa: BLE001 - whatever breaks in a foreign file, it is not a workbook
        raise ImportRefused(_("The file could not be read as an Excel workbook (.xlsx).")) from None
    try:
        return [_read_sheet(k, ws) for k, ws in _pick_sheets(book.worksheets, kind)]
    except ImportRefused:
        raise
    except Exception:  # noqa: BLE001 - a damaged sheet inside an otherwise valid zip
        raise ImportRefused(_("The file could not be read as an Excel workbook (.xlsx).")) from None
    finally:
        book.close()


def _pick_sheets(worksheets, kind: str | None) -> list[tuple[Kind, Any]]:
    if not worksheets:
        raise ImportRefused(_("The workbook has no sheets."))
    if kind:
        chosen = KINDS[kind]
        named = [ws for ws in worksheets if chosen.names_sheet(ws.title)]
        return [(chosen, named[0] if named else worksheets[0])]
    picked: dict[str, Any] = {}
    for ws in worksheets:
        for k in KINDS.values():
            if k.names_sheet(ws.title):
                if k.slug in picked:
                    raise ImportRefused(
                        _("Two sheets hold %(kind)s; keep one.") % {"kind": k.sheet}
                    )
                picked[k.slug] = ws
    if not picked:
        raise ImportRefused(
            _(
                "No sheet is named %(names)s: choose what the file holds, or name its sheets "
                "as in the template."
            )
            % {"names": "、".join(k.sheet for k in KINDS.values())}
        )
    return [(KINDS[slug], picked[slug]) for slug in KINDS if slug in picked]


def _read_sheet(kind: Kind, ws) -> Sheet:
    ws.reset_dimensions()  # some writers store wrong dimensions; read every row there is
    rows = ws.iter_rows(values_only=True)
    top: list[tuple[int, tuple]] = []
    best: dict[int, Column] = {}
    sheet = None
    for number, cells in enumerate(rows, start=1):
        cells = tuple(cells)
        top.append((number, cells))
        columns = _header_columns(kind, ws.title, cells)
        if set(kind.required_headers) <= {c.header for c in columns.values()}:
            sheet = Sheet(kind=kind, title=ws.title, header_row=number, columns=columns, top=top)
            break
        if len(columns) > len(best):
            best = columns
        if number >= HEADER_SCAN_ROWS:
            break
    if sheet is None:
        found = {c.header for c in best.values()}
        missing = [h for h in kind.required_headers if h not in found]
        raise ImportRefused(
            _(
                "Sheet %(sheet)s lacks the column(s) %(headers)s; the template shows the "
                "headers to use."
            )
            % {"sheet": ws.title, "headers": "、".join(missing)}
        )
    width = sheet.width
    for number, cells in enumerate(rows, start=sheet.header_row + 1):
        cells = tuple(cells)[:width]
        if all(is_blank(v) for v in cells):
            continue
        sheet.rows.append((number, cells))
        if len(sheet.rows) > MAX_ROWS:
            raise ImportRefused(
                _("Sheet %(sheet)s has more than %(rows)s rows; split it into smaller files.")
                % {"sheet": ws.title, "rows": f"{MAX_ROWS:,}"}
            )
    return sheet


def _header_columns(kind: Kind, title: str, cells: tuple) -> dict[int, Column]:
    columns: dict[int, Column] = {}
    for index, value in enumerate(cells):
        column = kind.column(value)
        if column is None:
            continue
        if column in columns.values():
            raise ImportRefused(
                _("Sheet %(sheet)s has the column %(header)s twice.")
                % {"sheet": title, "header": column.header}
            )
        columns[index] = column
    return columns
