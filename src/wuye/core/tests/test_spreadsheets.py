"""Reading the header row of an uploaded workbook without guessing what a column holds."""

import pytest
from django.utils import translation

from wuye.core.spreadsheets import Headers

HEADERS = Headers(
    {
        "name": ("姓名",),
        "mobile": ("手机", "手机号码", "联系电话"),
        "emergency": ("紧急联系电话",),
        "reading": ("读数", "reading"),
    },
    remarks=("错误说明",),
)


@pytest.mark.parametrize(
    ("cell", "key"),
    [
        ("姓名", "name"),
        (" *手机号码 ", "mobile"),
        ("ＲＥＡＤＩＮＧ", "reading"),
        ("读数 Reading", "reading"),
        ("读数（reading）", "reading"),
        ("读数 Mobile", None),
        ("电话号码", None),
    ],
)
def test_a_header_is_one_of_its_spellings_in_one_language_or_both(cell, key):
    assert HEADERS.key(cell) == key


def test_a_row_of_headers_keeps_what_it_does_not_know_and_reads_past_remarks():
    row = HEADERS.read(["姓名", None, "电话号码", "姓名", "错误说明"])

    assert row.columns == {0: "name"}
    assert row.unknown == ["电话号码"]
    assert row.repeated == ["姓名"]
    assert row.remarks == {4}
    assert HEADERS.missing(row, ["name", "reading"]) == ["读数"]


@pytest.mark.parametrize(
    ("cell", "nearest"),
    [
        ("电话号码", "手机"),
        ("名字", "姓名"),
        ("本月读数", "读数"),
        ("读数(吨)", "读数"),
        ("房号", None),
    ],
)
def test_the_nearest_header_is_suggested_only_when_it_is_near(cell, nearest):
    assert HEADERS.nearest(cell) == nearest


def test_an_unknown_header_is_refused_with_the_nearest_or_every_known_header():
    with translation.override("zh-hans"):
        assert HEADERS.unknown_message("电话号码") == "表头'电话号码'无法识别，是否应为'手机'？"
    with translation.override("en"):
        assert HEADERS.unknown_message("房号") == (
            "The column header '房号' is not recognised; the headers are "
            "姓名、手机、紧急联系电话、读数."
        )
