"""Uploads are judged on what they declare and on a streaming read, before they are expanded.

Each bomb is built here, a few kilobytes that unpack to hundreds of megabytes or millions of
cells; opening it must refuse it with a clear message while the memory it takes stays small
(measured with tracemalloc).
"""

import io
import tracemalloc
import zipfile

import openpyxl
import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation
from PIL import Image

from wuye.core import uploads
from wuye.core.uploads import ImportRefused, image_format, open_upload
from wuye.testing import bombs

HEADER = ("表号", "月份", "读数")
MEMORY_BOUND = 50 * 1024 * 1024


def read_all(upload) -> list[tuple]:
    with open_upload(upload) as book:
        return [row for sheet in book.sheets for row in sheet.rows()]


def refusal(upload) -> tuple[str, int]:
    """The message refusing the upload, and the peak of memory taken to refuse it."""
    tracemalloc.start()
    try:
        with pytest.raises(ImportRefused) as refused:
            read_all(upload)
        return str(refused.value), tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_openpyxl_parses_workbooks_with_defusedxml():
    assert openpyxl.DEFUSEDXML


@pytest.mark.parametrize("declared", [True, False], ids=["declared", "found-while-reading"])
def test_rows_reaching_column_xfd_are_refused_before_they_are_made_16384_cells_wide(declared):
    message, peak = refusal(bombs.wide_rows(HEADER, 10_000, declared=declared))
    assert "Sheet Sheet1 has cells as far as column XFD" in message
    assert "columns A to BL" in message
    assert peak < MEMORY_BOUND


def test_the_declared_dimension_is_judged_at_the_start_of_the_sheet():
    # The rest of the sheet is not even well-formed XML: it is never read.
    def rows():
        yield "<row r='1'><c r='A1'><v>1</v></c></row>"
        yield "<<< not xml"

    upload = bombs.workbook(rows(), dimension="A1:XFD1048576", title="房屋")
    message, _peak = refusal(upload)
    assert message.startswith("Sheet 房屋 has more than 20,000 rows")


def test_two_hundred_thousand_empty_rows_are_refused_while_streaming():
    message, peak = refusal(bombs.empty_rows(HEADER, 200_000))
    assert message == "Sheet Sheet1 has more than 20,000 rows; split it into smaller files."
    assert peak < MEMORY_BOUND


def test_a_shared_string_of_200_megabytes_is_refused_before_it_is_unpacked():
    upload = bombs.huge_string(HEADER, megabytes=200)
    assert upload.size < 1024 * 1024
    message, peak = refusal(upload)
    assert "unpacks to far more than its cells need" in message
    assert peak < MEMORY_BOUND


def test_a_cell_longer_than_excel_allows_is_refused():
    long_string = bombs.workbook(
        iter(['<row r="1"><c r="A1" t="s"><v>0</v></c></row>']),
        strings=iter(["<si><t>", "x" * 40_000, "</t></si>"]),
    )
    inline = bombs.workbook(
        iter(['<row r="1"><c r="A1" t="inlineStr"><is><t>', "y" * 40_000, "</t></is></c></row>"])
    )
    for upload in (long_string, inline):
        message, _peak = refusal(upload)
        assert message == "A cell holds more than 32,767 characters, more than Excel allows."


def test_a_zip_of_too_many_parts_is_refused():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as package:
        for number in range(uploads.MAX_PARTS + 1):
            package.writestr(f"xl/media/part{number}.bin", b"")
    message, _peak = refusal(SimpleUploadedFile("parts.xlsx", buffer.getvalue()))
    assert "unpacks to far more than its cells need" in message


def test_a_part_declaring_more_elements_than_openpyxl_should_build_is_refused():
    upload = bombs.workbook(iter(["<row r='1'/>"]))
    buffer = io.BytesIO()
    source = zipfile.ZipFile(io.BytesIO(upload.read()))
    with source, zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as package:
        for part in source.infolist():
            package.writestr(part, source.read(part))
        styles = "<styleSheet>" + "<a/>" * (uploads.MAX_ELEMENTS + 1) + "</styleSheet>"
        package.writestr("xl/styles.xml", styles)
    message, _peak = refusal(SimpleUploadedFile("styles.xlsx", buffer.getvalue()))
    assert "unpacks to far more than its cells need" in message


def test_xml_entities_are_refused():
    laughs = (
        '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
        '<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>'
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as package:
        package.writestr("[Content_Types].xml", laughs + "<Types>&lol2;</Types>")
    message, _peak = refusal(SimpleUploadedFile("laughs.xlsx", buffer.getvalue()))
    assert message == "The file could not be read as an Excel workbook (.xlsx)."


def test_a_workbook_that_takes_too_long_to_read_is_refused(monkeypatch):
    monkeypatch.setattr(uploads, "MAX_SECONDS", 0)
    message, _peak = refusal(bombs.wide_rows(HEADER, 10, declared=False))
    assert message == "The workbook takes too long to read; split it into smaller files."


def test_refusals_are_translated():
    with translation.override("zh-hans"):
        message, _peak = refusal(bombs.wide_rows(HEADER, 10))
    assert message == (
        "工作表 Sheet1 的单元格一直延伸到 XFD 列；工作表只能使用 A 至 BL 列："
        "请删除最后一个使用列之后的各列。"
    )


def test_a_sheet_is_read_as_wide_as_its_used_columns_whatever_it_declares():
    rows = iter(
        [
            '<row r="1"><c r="A1"><v>1</v></c><c r="C1"><v>3</v></c></row>',
            '<row r="3"><c r="B3"><v>2</v></c></row>',
        ]
    )
    assert read_all(bombs.workbook(rows, dimension="A1:A1")) == [
        (1, None, 3),
        (None, None, None),
        (None, 2, None),
    ]


def test_a_workbook_written_by_excel_tools_is_read_whole():
    book = openpyxl.Workbook()
    book.active.append(HEADER)
    for number in range(1, 501):
        book.active.append((f"W-{number}", "2026-04", number))
    buffer = io.BytesIO()
    book.save(buffer)
    rows = read_all(SimpleUploadedFile("readings.xlsx", buffer.getvalue()))
    assert rows[0] == HEADER and rows[-1] == ("W-500", "2026-04", 500) and len(rows) == 501


# ---- images ---------------------------------------------------------------------------------


def test_a_png_claiming_20000_by_20000_pixels_is_refused_by_its_header():
    upload = bombs.png_claiming(20_000, 20_000)
    with pytest.raises(ValidationError) as refused:
        image_format(upload.read(), {"PNG", "JPEG"})
    assert refused.value.messages == ["The image is larger than 50 megapixels; send a smaller one."]


def test_an_image_over_the_limit_but_under_pillows_own_is_refused():
    with pytest.raises(ValidationError):
        image_format(bombs.png_claiming(8_000, 7_000).read(), {"PNG"})


def test_a_photo_of_a_phone_camera_is_accepted_and_other_formats_are_not():
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30)).save(buffer, "PNG")
    assert image_format(buffer.getvalue(), {"PNG", "JPEG"}) == "PNG"
    assert image_format(buffer.getvalue(), {"JPEG"}) is None
    assert image_format(b"GIF89a not really", {"PNG"}) is None
