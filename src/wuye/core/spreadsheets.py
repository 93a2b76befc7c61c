"""Spreadsheets for staff who live in Excel: reports as workbooks with a bold, frozen header,
amounts as numbers in yuan and rates as percentages; uploaded workbooks opened through the
upload guard (`core.uploads`), their cells read as staff type them, and their header rows read
without guessing."""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from io import BytesIO
from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from .downloads import file_response
from .uploads import ImportRefused
from .validators import clean_code

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
MONEY_FORMAT = "#,##0.00"
RATE_FORMAT = "0.00%"


class Money(float):
    """An amount in yuan; written with two decimals."""


class Rate(float):
    """A fraction; written as a percentage."""


# Text starting with one of these is run as a formula by Excel, WPS or LibreOffice (or turned
# into one when the cell is edited): a name typed as =HYPERLINK("http://…"&B2,"Click") would
# send the row's other cells away when the export is opened.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def written(ws, value, number_format: str | None = None):
    """`value` as a cell of the write-only sheet `ws`, text always written as text.

    Text that a spreadsheet would take for a formula becomes a string cell with the quote
    prefix (Excel's leading apostrophe, not part of the value): it shows and reads back
    exactly as typed. Numbers stay numbers, -5 included; "-5" typed as text stays text.
    """
    if isinstance(value, Promise):  # a translated choice label
        value = str(value)
    cell = WriteOnlyCell(ws, value=value)
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        cell.data_type = "s"
        cell.quotePrefix = True
    if number_format:
        cell.number_format = number_format
    return cell


def _cell(ws, value):
    if isinstance(value, Money):
        return written(ws, value, MONEY_FORMAT)
    return written(ws, value, RATE_FORMAT if isinstance(value, Rate) else None)


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
            cell = written(ws, name)  # survey questions head columns: user text too
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


# ---- reading cells ----------------------------------------------------------------------------
# What staff type, read the way they meant it: 101 and 101.0 are the text "101", "９８.５㎡" is
# 98.5, 2020年5月1日 is a date, 是 and √ are yes.

YES, NO = "是", "否"
TRUE_WORDS = {YES, "Y", "YES", "TRUE", "1", "√", "✓"}
FALSE_WORDS = {NO, "N", "NO", "FALSE", "0", "×"}


def is_blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def as_text(value: Any) -> str:
    """A cell as text, as it was typed: 101 and 101.0 both read "101"."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return YES if value else NO
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        return value.date().isoformat()
    return str(value)


def as_integer(value: Any) -> int:
    if isinstance(value, bool):
        raise ValidationError(_("Enter a whole number."), code="integer")
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    text = clean_code(as_text(value))
    if re.fullmatch(r"-?\d+", text):
        return int(text)
    raise ValidationError(_("Enter a whole number."), code="integer")


def as_decimal(value: Any) -> Decimal:
    """A number of m²: 98.5, "98.50", "９８.５㎡" all read 98.5."""
    if isinstance(value, bool):
        raise ValidationError(_("Enter a number such as 98.50."), code="decimal")
    if isinstance(value, float):
        # Excel keeps binary fractions (98.55 → 98.5499999…); six places undo that noise
        # while a genuine third decimal still reaches the model's two-place check.
        return Decimal(str(round(value, 6)))
    if isinstance(value, int | Decimal):
        return Decimal(value)
    text = clean_code(as_text(value)).removesuffix("M2").replace(",", "")
    try:
        number = Decimal(text)
    except InvalidOperation:
        number = None
    if number is None or not number.is_finite():
        raise ValidationError(_("Enter a number such as 98.50."), code="decimal")
    return number


DATE_RE = re.compile(r"^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$")


def as_date(value: Any) -> date:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = clean_code(as_text(value))
    match = DATE_RE.match(text) or re.match(r"^(\d{4})(\d{2})(\d{2})$", text)
    if match:
        try:
            return date(*(int(part) for part in match.groups()))
        except ValueError:
            pass
    raise ValidationError(_("Enter a date such as 2020-05-01."), code="date")


def as_flag(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    text = clean_code(as_text(value))
    if text in TRUE_WORDS:
        return True
    if text in FALSE_WORDS:
        return False
    raise ValidationError(_("Write %(yes)s or %(no)s.") % {"yes": YES, "no": NO}, code="flag")


# ---- header rows ------------------------------------------------------------------------------

SIMILAR_ENOUGH = 0.5  # 电话号码 is as close to 手机号码 (a spelling of 手机) as 名字 to 姓名
HAN = re.compile(r"[\u3400-\u9fff]+")


def header_text(value: Any) -> str:
    """A header cell as compared: NFKC, no spaces, upper case, without the required mark *."""
    if value is None:
        return ""
    text = unicodedata.normalize("NFKC", str(value))
    return re.sub(r"\s+", "", text).upper().strip("*")


@dataclass
class HeaderRow:
    """A row read as headers: the known columns by cell index, and what could not be read."""

    columns: dict[int, Hashable] = field(default_factory=dict)
    unknown: list[str] = field(default_factory=list)  # as written in the file
    remarks: set[int] = field(default_factory=set)  # columns known to hold nothing to import
    repeated: list[str] = field(default_factory=list)  # known headers given twice


class Headers:
    """The column headers an importer knows, so that it never guesses what a column holds.

    `columns` maps each column's key to its spellings: the header shown in templates and
    messages first, then the other spellings accepted. A header cell must be one of them, or,
    for headers written in both languages ("表号 Meter"), its Chinese and its other part must
    each be a spelling of the same column. Anything else is an unknown column, refused with
    the nearest known header as a suggestion. `remarks` are headers of columns that hold
    nothing to import (the error column of a report sent back), read past in silence.
    """

    def __init__(self, columns: Mapping[Hashable, Sequence[str]], remarks: Sequence[str] = ()):
        self.shown = {key: spellings[0] for key, spellings in columns.items()}
        self.remarks = {header_text(r) for r in remarks}
        self.keys: dict[str, Hashable] = {}
        for key, spellings in columns.items():
            for spelling in spellings:
                self.keys.setdefault(header_text(spelling), key)

    def key(self, value: Any) -> Hashable | None:
        """The column a header cell names, or None."""
        text = header_text(value)
        if text in self.keys:
            return self.keys[text]
        chinese = "".join(HAN.findall(text))
        other = HAN.sub("", text).strip("()（）:：/-_·")
        if chinese and other:
            key = self.keys.get(chinese)
            if key is not None and self.keys.get(other) == key:
                return key
        return None

    def read(self, cells: Sequence[Any]) -> HeaderRow:
        row = HeaderRow()
        for index, value in enumerate(cells):
            if header_text(value) == "":
                continue
            if header_text(value) in self.remarks:
                row.remarks.add(index)
                continue
            key = self.key(value)
            if key is None:
                row.unknown.append(str(value).strip())
            elif key in row.columns.values():
                row.repeated.append(self.shown[key])
            else:
                row.columns[index] = key
        return row

    def missing(self, row: HeaderRow, required: Iterable[Hashable]) -> list[str]:
        """The headers of `required` columns that the row lacks."""
        found = set(row.columns.values())
        return [self.shown[key] for key in required if key not in found]

    def nearest(self, value: Any) -> str | None:
        """The header a mistyped or renamed one most likely means, if any is close enough."""
        text = header_text(value)
        chinese = "".join(HAN.findall(text))
        best, score = None, SIMILAR_ENOUGH
        for spelling, key in self.keys.items():
            ratio = max(
                difflib.SequenceMatcher(None, part, spelling).ratio()
                for part in (text, chinese or text)
            )
            if ratio > score or (ratio == score and best is None):
                best, score = key, ratio
        return self.shown[best] if best is not None else None

    def unknown_message(self, value: Any) -> str:
        """Why a header is refused: the nearest known header, or else every known one."""
        nearest = self.nearest(value)
        if nearest is not None:
            return _(
                "The column header '%(header)s' is not recognised; did you mean '%(known)s'?"
            ) % {
                "header": value,
                "known": nearest,
            }
        return _("The column header '%(header)s' is not recognised; the headers are %(known)s.") % {
            "header": value,
            "known": "、".join(self.shown.values()),
        }


def refuse_values_without_header(title: str, cells: Sequence[Any], named: set[int]) -> None:
    """Refuse a row with values in a column that has no header: they would be dropped."""
    for index, value in enumerate(cells):
        if index not in named and header_text(value) != "":
            raise ImportRefused(
                _(
                    "Sheet %(sheet)s has values in column %(column)s, which has no header; "
                    "give the column a header or delete it."
                )
                % {"sheet": title, "column": get_column_letter(index + 1)}
            )
