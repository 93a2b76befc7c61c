"""Spreadsheets for staff who live in Excel: reports as workbooks with a bold, frozen header,
amounts as numbers in yuan and rates as percentages."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from io import BytesIO

from django.http import HttpResponse
from django.utils.functional import Promise
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from .downloads import file_response

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
MONEY_FORMAT = "#,##0.00"
RATE_FORMAT = "0.00%"


class Money(float):
    """An amount in yuan; written with two decimals."""


class Rate(float):
    """A fraction; written as a percentage."""


def _cell(ws, value):
    if isinstance(value, Promise):  # a translated choice label
        value = str(value)
    cell = WriteOnlyCell(ws, value=value)
    if isinstance(value, Money):
        cell.number_format = MONEY_FORMAT
    elif isinstance(value, Rate):
        cell.number_format = RATE_FORMAT
    return cell


def workbook(sheets: Iterable[tuple[str, Sequence[str], Iterable[Sequence]]]) -> bytes:
    """A workbook of (title, header, rows) sheets with a bold, frozen header row."""
    book = Workbook(write_only=True)
    for title, header, rows in sheets:
        ws = book.create_sheet(title[:31])
        for index, name in enumerate(header, start=1):
            ws.column_dimensions[get_column_letter(index)].width = max(12, len(name) + 4)
        ws.freeze_panes = "A2"
        head = []
        for name in header:
            cell = WriteOnlyCell(ws, value=name)
            cell.font = Font(bold=True)
            head.append(cell)
        ws.append(head)
        for row in rows:
            ws.append([_cell(ws, v) for v in row])
    buffer = BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def response(content: bytes, filename: str) -> HttpResponse:
    """The workbook as a download saved under `filename` (see `core.downloads`)."""
    return file_response(content, filename, XLSX)
