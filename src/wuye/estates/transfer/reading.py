"""Reading an uploaded workbook: the sheets of the register, their headers and rows."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _

from wuye.core.spreadsheets import HeaderRow, is_blank, refuse_values_without_header
from wuye.core.uploads import MAX_ROWS, ImportRefused, UploadedSheet, open_upload

from .columns import KINDS, Column, Kind

HEADER_SCAN_ROWS = 10  # the header may sit below a title row or two


@dataclass
class Sheet:
    """One worksheet as read: the header row, its columns, and the non-empty rows below."""

    kind: Kind
    title: str
    header_row: int
    columns: dict[int, Column]  # cell index → column
    top: list[tuple[int, tuple]]  # the rows down to the header, for the error report
    rows: list[tuple[int, tuple]] = field(default_factory=list)
    remarks: set[int] = field(default_factory=set)  # read past: an error report's column

    @property
    def width(self) -> int:
        return len(self.top[-1][1])


def read_workbook(upload, kind: str | None) -> list[Sheet]:
    """The sheets of the register in an upload; ImportRefused if any cannot be read whole.

    Every column must have a header the sheet's kind knows: a renamed or mistyped header
    refuses the file, naming the nearest known header, rather than dropping the column.
    """
    with open_upload(upload) as book:
        try:
            return [_read_sheet(k, ws) for k, ws in _pick_sheets(book.sheets, kind)]
        except ImportRefused:
            raise
        except Exception:  # noqa: BLE001 - a damaged sheet inside an otherwise valid zip
            raise ImportRefused(
                _("The file could not be read as an Excel workbook (.xlsx).")
            ) from None


def _pick_sheets(worksheets, kind: str | None) -> list[tuple[Kind, UploadedSheet]]:
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


def _read_sheet(kind: Kind, ws: UploadedSheet) -> Sheet:
    rows = ws.rows()
    top: list[tuple[int, tuple]] = []
    best = header = None
    for number, cells in enumerate(rows, start=1):
        cells = tuple(cells)
        top.append((number, cells))
        found = kind.headers.read(cells)
        if not kind.headers.missing(found, kind.required):
            header = found
            break
        if best is None or len(found.columns) > len(best.columns):
            best = found
        if number >= HEADER_SCAN_ROWS:
            break
    _refuse_unknown_headers(kind, ws.title, header or best)
    sheet = Sheet(
        kind=kind,
        title=ws.title,
        header_row=top[-1][0],
        columns={index: kind.columns[i] for index, i in header.columns.items()},
        top=top,
        remarks=header.remarks,
    )
    for number, cells in enumerate(rows, start=sheet.header_row + 1):
        cells = tuple(cells)
        if all(is_blank(v) for v in cells):
            continue
        refuse_values_without_header(ws.title, cells, {*sheet.columns, *sheet.remarks})
        sheet.rows.append((number, cells[: sheet.width]))
        if len(sheet.rows) > MAX_ROWS:
            raise ImportRefused(
                _("Sheet %(sheet)s has more than %(rows)s rows; split it into smaller files.")
                % {"sheet": ws.title, "rows": f"{MAX_ROWS:,}"}
            )
    return sheet


def _refuse_unknown_headers(kind: Kind, title: str, header: HeaderRow | None) -> None:
    """Refuse the file for a header the kind does not know, given twice, or missing."""
    header = header or HeaderRow()
    problems = [
        _("Sheet %(sheet)s: %(problem)s")
        % {"sheet": title, "problem": kind.headers.unknown_message(text)}
        for text in header.unknown
    ]
    problems += [
        _("Sheet %(sheet)s has the column %(header)s twice.") % {"sheet": title, "header": text}
        for text in header.repeated
    ]
    if missing := kind.headers.missing(header, kind.required):
        problems.append(
            _(
                "Sheet %(sheet)s lacks the column(s) %(headers)s; the template shows the "
                "headers to use."
            )
            % {"sheet": title, "headers": "、".join(missing)}
        )
    if problems:
        raise ImportRefused(*problems)
