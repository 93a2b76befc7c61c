"""Uploads checked before they are expanded, so that no file can sink the server.

A workbook (.xlsx) is a zip of XML parts, and a few kilobytes can unpack to gigabytes: one
string of a billion characters, a million empty rows, a cell in the last column (XFD) that
makes every row 16,384 cells wide. An image names its width and height in its header, and a
small file can claim 20,000 × 20,000 pixels. So an upload is judged on what it declares and
on a streaming read that keeps nothing, and refused with a clear message before openpyxl or
Pillow builds anything from it:

- the zip's list of parts: how many, each part's unpacked size and compression ratio, and
  their unpacked total;
- every XML part read once as a stream of elements with a limit of time: a sheet by its
  declared dimension (at its start), its rows, its columns and the text of each cell; the
  shared strings by the length of each string; every other part, which openpyxl reads whole,
  by the number of its elements;
- then the sheets read by openpyxl in read-only mode, as wide as their used columns only;
- an image by the size its header declares, before it is decoded.
"""

from __future__ import annotations

import io
import posixpath
import re
import time
import warnings
import zipfile
from collections.abc import Iterator
from xml.parsers import expat

from defusedxml.ElementTree import fromstring
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from openpyxl import load_workbook
from openpyxl.utils import column_index_from_string, get_column_letter

MAX_BYTES = 5 * 1024 * 1024  # the uploaded file
MAX_ROWS = 20_000  # rows of data in a sheet
TOP_ROWS = 10  # rows above the data: a title or two and the header
MAX_COLUMNS = 64  # A to BL: every register and readings column, with room to spare
MAX_CELL_CHARS = 32_767  # Excel's own limit for the text of one cell
MAX_SECONDS = 60  # to open and read a workbook; a full one of 20,000 rows takes seconds

# The zip's parts. Apache POI's defaults for the ratio (ZipSecureFile): a part may unpack to
# 100 times its packed size, parts under 100 KB unpacked are not judged by their ratio.
MAX_PARTS = 1_000
MAX_PART_BYTES = 64 * 1024 * 1024
MAX_UNPACKED_BYTES = 128 * 1024 * 1024
MAX_RATIO = 100
RATIO_GRACE_BYTES = 100 * 1024
# A part openpyxl reads whole (styles, the workbook, relationships) and the shared strings,
# which it keeps in a list: in bytes, and in elements, each a few hundred bytes once parsed.
MAX_WHOLE_PART_BYTES = 16 * 1024 * 1024
MAX_ELEMENTS = 200_000
MAX_STRINGS = 500_000
MAX_ROW_ELEMENTS = 10_000  # openpyxl builds a row whole: its cells' values and text runs

MAX_IMAGE_PIXELS = 50_000_000  # more than any phone camera's photo

CHUNK = 64 * 1024
CELL_REF = re.compile(r"([A-Z]{1,3})(\d+)$")
OFFICE_DOCUMENT = "/officeDocument"
R_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"


class ImportRefused(Exception):
    """The file as a whole cannot be imported; each message says why, in the user's language."""

    def __init__(self, *messages: str):
        super().__init__(" ".join(str(m) for m in messages))
        self.messages = [str(m) for m in messages]


def unreadable() -> ImportRefused:
    return ImportRefused(_("The file could not be read as an Excel workbook (.xlsx)."))


def too_large() -> ImportRefused:
    return ImportRefused(
        _(
            "The workbook unpacks to far more than its cells need (a damaged or crafted "
            "file); open it in Excel or WPS, copy the cells into a new workbook and upload that."
        )
    )


def too_many_rows(title: str) -> ImportRefused:
    return ImportRefused(
        _("Sheet %(sheet)s has more than %(rows)s rows; split it into smaller files.")
        % {"sheet": title, "rows": f"{MAX_ROWS:,}"}
    )


def too_wide(title: str, column: int) -> ImportRefused:
    return ImportRefused(
        _(
            "Sheet %(sheet)s has cells as far as column %(column)s; a sheet may use columns "
            "A to %(last)s: delete the columns after the last one you use."
        )
        % {
            "sheet": title,
            "column": get_column_letter(min(column, 16_384)),
            "last": get_column_letter(MAX_COLUMNS),
        }
    )


class Deadline:
    """The time limit of reading one upload."""

    def __init__(self, seconds: float):
        self.ends = time.monotonic() + seconds

    def check(self) -> None:
        if time.monotonic() > self.ends:
            raise ImportRefused(
                _("The workbook takes too long to read; split it into smaller files.")
            )


# ---- the zip's parts ----------------------------------------------------------------------


def check_parts(archive: zipfile.ZipFile) -> None:
    """Refuse a zip whose list of parts declares more than a workbook can hold."""
    parts = archive.infolist()
    if len(parts) > MAX_PARTS:
        raise too_large()
    if sum(part.file_size for part in parts) > MAX_UNPACKED_BYTES:
        raise too_large()
    for part in parts:
        if part.file_size > MAX_PART_BYTES:
            raise too_large()
        ratio = part.file_size / max(part.compress_size, 1)
        if part.file_size > RATIO_GRACE_BYTES and ratio > MAX_RATIO:
            raise too_large()


# ---- the XML parts, read as a stream ------------------------------------------------------


class _Scan:
    """One XML part read element by element, counting what openpyxl would build from it.

    The root element tells the kind of part: a `worksheet` is held back until the other parts
    are checked (its title comes from the workbook part), then judged by its dimension, rows,
    columns and the text of each cell; `sst`, the shared strings, by its strings; any other
    part, which openpyxl parses whole, by its size and number of elements.
    """

    def __init__(self, deadline: Deadline, part: zipfile.ZipInfo, title: str | None = None):
        self.deadline = deadline
        self.part = part
        self.title = title  # set when the part is read as a sheet
        self.root: str | None = None
        self.elements = 0
        self.strings = 0
        self.in_data = False
        self.rows = 0  # the number of the last row
        self.columns = 0  # the last column used
        self.column = 0  # the current cell's column
        self.cells = 0  # cells in the current row
        self.row_elements = 0  # the other elements of the current row
        self.in_text = False  # inside a cell or a shared string
        self.chars = 0  # characters of the current cell or string

    def read(self, archive: zipfile.ZipFile) -> None:
        parser = expat.ParserCreate()
        parser.buffer_text = False
        parser.StartElementHandler = self.start
        parser.EndElementHandler = self.end
        parser.CharacterDataHandler = self.text
        parser.EntityDeclHandler = self.entity
        with archive.open(self.part) as source:
            while chunk := source.read(CHUNK):
                self.deadline.check()
                parser.Parse(chunk, False)
            parser.Parse(b"", True)

    def entity(self, *args) -> None:
        raise unreadable()  # no XML entities in a workbook (the "billion laughs")

    def start(self, name: str, attributes: dict) -> None:
        name = name.rpartition(":")[2]
        if self.root is None:
            self._first(name)
        if self.root == "worksheet":
            self._sheet_element(name, attributes)
        elif self.root == "sst" and name == "si":
            self.in_text, self.chars = True, 0
            self.strings += 1
            if self.strings > MAX_STRINGS:
                raise too_large()
        elif self.root != "sst":
            self._count_element()

    def _first(self, name: str) -> None:
        self.root = name
        if name == "worksheet" and self.title is None:
            raise _HeldBack
        if name != "worksheet" and self.part.file_size > MAX_WHOLE_PART_BYTES:
            raise too_large()

    def _count_element(self) -> None:
        self.elements += 1
        if self.elements > MAX_ELEMENTS:
            raise too_large()

    def _sheet_element(self, name: str, attributes: dict) -> None:
        if name == "dimension":
            self._dimension(attributes.get("ref", ""))
        elif name == "sheetData":
            self.in_data = True
        elif name == "row":
            self.rows = _number(attributes.get("r")) or self.rows + 1
            self.cells = self.column = self.row_elements = 0
            if self.rows > MAX_ROWS + TOP_ROWS:
                raise too_many_rows(self.title)
        elif name == "c":
            self.cells += 1
            self.in_text, self.chars = True, 0
            reference = CELL_REF.match(attributes.get("r", ""))
            self.column = column_index_from_string(reference[1]) if reference else self.column + 1
            if self.column > MAX_COLUMNS or self.cells > MAX_COLUMNS:
                raise too_wide(self.title, max(self.column, self.cells))
            self.columns = max(self.columns, self.column)
        elif not self.in_data:
            self._count_element()
        else:
            self.row_elements += 1  # a cell's value, formula, rich-text runs
            if self.row_elements > MAX_ROW_ELEMENTS:
                raise too_large()

    def end(self, name: str) -> None:
        name = name.rpartition(":")[2]
        if name in ("c", "si"):
            self.in_text = False
        elif name == "sheetData":
            self.in_data = False

    def text(self, data: str) -> None:
        if not self.in_text:
            return
        self.chars += len(data)
        if self.chars > MAX_CELL_CHARS:
            raise ImportRefused(
                _("A cell holds more than %(chars)s characters, more than Excel allows.")
                % {"chars": f"{MAX_CELL_CHARS:,}"}
            )

    def _dimension(self, ref: str) -> None:
        """The sheet's extent as its writer declares it (Excel, WPS and openpyxl write it)."""
        last = CELL_REF.match(ref.rpartition(":")[2])
        if last is None:
            return
        if int(last[2]) > MAX_ROWS + TOP_ROWS:
            raise too_many_rows(self.title)
        if column_index_from_string(last[1]) > MAX_COLUMNS:
            raise too_wide(self.title, column_index_from_string(last[1]))


class _HeldBack(Exception):
    """A sheet, to be read once the other parts are checked."""


def _number(text: str | None) -> int | None:
    return int(text) if text and text.isascii() and text.isdigit() else None


def check_xml(archive: zipfile.ZipFile, deadline: Deadline) -> dict[str, tuple[int, int]]:
    """Read every XML part as a stream; refuse the workbook at the first part over a limit.

    Returns each sheet's extent, (last row, last column), by its title.
    """
    sheets = []
    for part in archive.infolist():
        if not part.filename.endswith((".xml", ".rels")):
            continue  # openpyxl reads no other part of a workbook opened read-only
        try:
            _Scan(deadline, part).read(archive)
        except _HeldBack:
            sheets.append(part)
    titles = sheet_titles(archive)
    extents = {}
    for part in sheets:
        title = titles.get(part.filename, posixpath.basename(part.filename))
        scan = _Scan(deadline, part, title=title)
        scan.read(archive)
        extents[title] = (scan.rows, scan.columns)
    return extents


def sheet_titles(archive: zipfile.ZipFile) -> dict[str, str]:
    """Each sheet part's title, as the workbook part names it (parts already checked)."""

    def relationships(source: str) -> dict[str, str]:
        folder, base = posixpath.split(source)
        name = posixpath.join(folder, "_rels", f"{base}.rels")
        if name not in archive.namelist():
            return {}
        targets = {}
        for rel in fromstring(archive.read(name)):
            target = rel.get("Target", "")
            path = target[1:] if target.startswith("/") else posixpath.join(folder, target)
            targets[rel.get("Id")] = posixpath.normpath(path)
            if rel.get("Type", "").endswith(OFFICE_DOCUMENT):
                targets[OFFICE_DOCUMENT] = targets[rel.get("Id")]
        return targets

    try:
        book = relationships("").get(OFFICE_DOCUMENT)
        if book is None:
            return {}
        parts = relationships(book)
        root = fromstring(archive.read(book))
    except Exception:  # noqa: BLE001 - titles only name a sheet in a message
        return {}
    return {
        parts[sheet.get(R_ID)]: sheet.get("name", "")
        for sheet in root.iter()
        if sheet.tag.rpartition("}")[2] == "sheet" and sheet.get(R_ID) in parts
    }


# ---- the workbook, checked and read -------------------------------------------------------


class UploadedSheet:
    """One sheet of a checked workbook, read as rows of values."""

    def __init__(self, sheet, extent: tuple[int, int] | None, deadline: Deadline):
        self._sheet = sheet
        self._extent = extent
        self._deadline = deadline
        self.title: str = sheet.title

    def rows(self) -> Iterator[tuple]:
        """Every row of the sheet, each a tuple of values as wide as its used columns.

        The extent is the one found when the sheet was checked, not its declared dimension
        (some writers store a wrong one).
        """
        rows, columns = self._extent or (None, MAX_COLUMNS)
        if rows == 0:
            return
        self._sheet.reset_dimensions()
        for row in self._sheet.iter_rows(max_row=rows, max_col=max(columns, 1), values_only=True):
            self._deadline.check()
            yield row


class UploadedWorkbook:
    """An uploaded workbook, checked before anything in it is expanded; use it in `with`."""

    def __init__(self, upload):
        deadline = Deadline(MAX_SECONDS)
        try:
            with zipfile.ZipFile(upload) as archive:
                check_parts(archive)
                extents = check_xml(archive, deadline)
        except (expat.ExpatError, zipfile.BadZipFile, KeyError, OSError, EOFError):
            raise unreadable() from None
        except (RuntimeError, NotImplementedError, ValueError):  # encrypted, unknown packing
            raise unreadable() from None
        upload.seek(0)
        try:
            self._book = load_workbook(upload, read_only=True, data_only=True)
        except Exception:  # noqa: BLE001 - whatever breaks in a foreign file, it is not a workbook
            raise unreadable() from None
        self.sheets = [
            UploadedSheet(ws, extents.get(ws.title), deadline) for ws in self._book.worksheets
        ]

    def close(self) -> None:
        self._book.close()

    def __enter__(self) -> UploadedWorkbook:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def open_upload(upload) -> UploadedWorkbook:
    """The uploaded Excel workbook, checked and opened read-only; ImportRefused if it is not
    one or if it holds more than a workbook of the register or of readings can."""
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
    return UploadedWorkbook(upload)


# ---- images -------------------------------------------------------------------------------


def image_format(data: bytes, formats: set[str]) -> str | None:
    """The format of an uploaded image among `formats`, judged by its header; None when it is
    none of them. An image larger than `MAX_IMAGE_PIXELS` is refused before it is decoded."""
    from PIL import Image, UnidentifiedImageError

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data), formats=sorted(formats)) as image:
                if image.width * image.height > MAX_IMAGE_PIXELS:
                    raise _ImageTooLarge
                image.verify()
                return image.format
    except (_ImageTooLarge, Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise ValidationError(
            _("The image is larger than %(mp)s megapixels; send a smaller one.")
            % {"mp": MAX_IMAGE_PIXELS // 1_000_000},
            code="image_too_large",
        ) from None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        return None


class _ImageTooLarge(Exception):
    pass
