"""Uploads built to sink a server, each a few kilobytes to send: workbooks whose rows reach
the last column (XFD), whose shared strings unpack to hundreds of megabytes, whose sheets hold
a couple of hundred thousand empty rows, and an image whose header claims 20,000 × 20,000
pixels. Workbooks are written part by part with `zipfile`, as a crafted file would be."""

from __future__ import annotations

import struct
import tracemalloc
import zipfile
import zlib
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from io import BytesIO

from django.core.files.uploadedfile import SimpleUploadedFile

MEMORY_BOUND = 50 * 1024 * 1024  # what handling any one of them may take


@dataclass
class Peak:
    bytes: int = 0


@contextmanager
def peak_memory() -> Iterator[Peak]:
    """The most memory Python held at once inside the block, above what it held before."""
    peak = Peak()
    tracemalloc.start()
    try:
        yield peak
        peak.bytes = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
DOC_RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
CONTENT_TYPES = """<?xml version="1.0" encoding="UTF-8"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/xl/workbook.xml"
 ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>
<Override PartName="/xl/worksheets/sheet1.xml"
 ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>
<Override PartName="/xl/sharedStrings.xml"
 ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>
</Types>"""
ROOT_RELS = f"""<?xml version="1.0" encoding="UTF-8"?>
<Relationships xmlns="{RELS}"><Relationship Id="rId1" Target="xl/workbook.xml"
 Type="{DOC_RELS}/officeDocument"/></Relationships>"""
WORKBOOK_RELS = f"""<?xml version="1.0" encoding="UTF-8"?>
<Relationships xmlns="{RELS}">
<Relationship Id="rId1" Target="worksheets/sheet1.xml" Type="{DOC_RELS}/worksheet"/>
<Relationship Id="rId2" Target="sharedStrings.xml" Type="{DOC_RELS}/sharedStrings"/>
</Relationships>"""


def workbook_xml(title: str) -> str:
    return (
        f'<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{MAIN}" '
        f'xmlns:r="{DOC_RELS}"><sheets><sheet name="{title}" sheetId="1" r:id="rId1"/>'
        "</sheets></workbook>"
    )


def _header(cells: Iterable[str]) -> str:
    return (
        '<row r="1">'
        + "".join(f'<c t="inlineStr"><is><t>{text}</t></is></c>' for text in cells)
        + "</row>"
    )


def workbook(
    sheet_rows: Iterator[str],
    *,
    title: str = "Sheet1",
    dimension: str | None = None,
    strings: Iterable[str] = (),
    name: str = "bomb.xlsx",
) -> SimpleUploadedFile:
    """A workbook of one sheet whose XML rows are `sheet_rows`, streamed into the zip."""
    buffer = BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as package:
        package.writestr("[Content_Types].xml", CONTENT_TYPES)
        package.writestr("_rels/.rels", ROOT_RELS)
        package.writestr("xl/workbook.xml", workbook_xml(title))
        package.writestr("xl/_rels/workbook.xml.rels", WORKBOOK_RELS)
        with package.open("xl/worksheets/sheet1.xml", "w") as sheet:
            sheet.write(f'<?xml version="1.0"?><worksheet xmlns="{MAIN}">'.encode())
            if dimension:
                sheet.write(f'<dimension ref="{dimension}"/>'.encode())
            sheet.write(b"<sheetData>")
            for row in sheet_rows:
                sheet.write(row.encode())
            sheet.write(b"</sheetData></worksheet>")
        with package.open("xl/sharedStrings.xml", "w") as table:
            table.write(f'<?xml version="1.0"?><sst xmlns="{MAIN}">'.encode())
            for chunk in strings:
                table.write(chunk.encode())
            table.write(b"</sst>")
    return SimpleUploadedFile(name, buffer.getvalue())


def wide_rows(
    header: Iterable[str], rows: int = 10_000, *, declared: bool = True, title: str = "Sheet1"
):
    """A header, then `rows` rows each holding one empty cell in the last column, XFD."""
    body = (f'<row r="{n}"><c r="XFD{n}"/></row>' for n in range(2, rows + 2))
    lines = iter([_header(header), *body])
    return workbook(lines, dimension=f"A1:XFD{rows + 1}" if declared else None, title=title)


def empty_rows(header: Iterable[str], rows: int = 200_000, *, title: str = "Sheet1"):
    """A header, then `rows` empty rows spanning every column; no dimension declared."""
    body = (f'<row r="{n}" spans="1:16384"/>' for n in range(2, rows + 2))
    return workbook(iter([_header(header), *body]), title=title)


def huge_string(header: Iterable[str], megabytes: int = 200, *, title: str = "Sheet1"):
    """A header, then one cell whose shared string is `megabytes` MB of the letter a."""
    chunk = "a" * (1024 * 1024)

    def strings() -> Iterator[str]:
        yield "<si><t>"
        for _ in range(megabytes):
            yield chunk
        yield "</t></si>"

    rows = iter([_header(header), '<row r="2"><c r="A2" t="s"><v>0</v></c></row>'])
    return workbook(rows, dimension="A1:D2", strings=strings(), title=title)


def png_claiming(width: int, height: int, name: str = "photo.png") -> SimpleUploadedFile:
    """A valid-looking PNG whose header claims `width` × `height` pixels, in a few bytes."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)  # 8-bit RGB
    content = (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\x00" * 64))
        + chunk(b"IEND", b"")
    )
    return SimpleUploadedFile(name, content, content_type="image/png")
