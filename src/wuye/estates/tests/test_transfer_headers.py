"""Imports never guess: a column whose header the register does not know refuses the file."""

from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import QueryDict
from django.utils import translation
from openpyxl import load_workbook

from wuye.estates.models import Resident
from wuye.estates.transfer.columns import RESIDENTS
from wuye.estates.transfer.exporters import register_export
from wuye.estates.transfer.importers import ImportRefused, register_import

from .fixtures import (
    BUILDING_HEADERS,
    PARKING_HEADERS,
    RESIDENT_HEADERS,
    UNIT_HEADERS,
    VEHICLE_HEADERS,
    good_register,
    register_state,
    xlsx,
)


def renamed(sheets: dict, sheet: str, header: str, to: str) -> dict:
    rows = [list(row) for row in sheets[sheet]]
    rows[0][rows[0].index(header)] = to
    return {**sheets, sheet: rows}


def refusal(site, upload) -> list[str]:
    with pytest.raises(ImportRefused) as refused:
        register_import(actor=site.manager, community=site.community, upload=upload)
    return refused.value.messages


@pytest.mark.parametrize(
    ("sheet", "header", "to"),
    [
        ("楼栋", "楼栋名称", "楼栋名字"),
        ("房屋", "用途", "房屋用途"),
        ("住户", "手机", "电话号码"),
        ("车辆", "品牌颜色", "颜色"),
        ("车位", "区域", "所在区域"),
    ],
)
def test_a_renamed_column_refuses_the_whole_file_and_names_the_header_meant(
    site, sheet, header, to
):
    before = register_state(site.community)
    upload = xlsx(renamed(good_register(), sheet, header, to))

    with translation.override("zh-hans"):
        messages = refusal(site, upload)

    assert messages == [f"工作表 {sheet}：表头'{to}'无法识别，是否应为'{header}'？"]
    assert register_state(site.community) == before


def test_the_refusal_reads_in_english_too(site):
    upload = xlsx(renamed(good_register(), "住户", "手机", "电话号码"))

    with translation.override("en"):
        messages = refusal(site, upload)

    assert messages == [
        "Sheet 住户: The column header '电话号码' is not recognised; did you mean '手机'?"
    ]


def test_a_header_like_none_of_the_known_ones_lists_them(site):
    sheets = {"车辆": [[*VEHICLE_HEADERS, "Foo"], ["新B12399", "", "", ""]]}

    with translation.override("en"):
        messages = refusal(site, xlsx(sheets))

    assert messages == [
        "Sheet 车辆: The column header 'Foo' is not recognised; the headers are "
        "车牌、车主姓名、车主手机、品牌颜色."
    ]


def test_a_renamed_required_column_is_named_with_what_is_missing(site):
    before = register_state(site.community)
    upload = xlsx(renamed(good_register(), "楼栋", "层数", "楼层数"))

    with translation.override("zh-hans"):
        messages = refusal(site, upload)

    assert messages[0] == "工作表 楼栋：表头'楼层数'无法识别，是否应为'层数'？"
    assert "层数" in messages[1] and "缺少" in messages[1]
    assert register_state(site.community) == before


def test_values_in_a_column_without_a_header_refuse_the_file(site):
    before = register_state(site.community)
    sheets = {"房屋": [UNIT_HEADERS, ["1", "1", 7, "701", 90, None, "住宅", "空置", "朝南"]]}

    with translation.override("en"):
        messages = refusal(site, xlsx(sheets))

    assert messages == [
        "Sheet 房屋 has values in column I, which has no header; give the column a header "
        "or delete it."
    ]
    assert register_state(site.community) == before


@pytest.mark.parametrize(
    ("sheet", "headers", "spellings"),
    [
        ("楼栋", BUILDING_HEADERS, {"楼栋号": "*楼号"}),
        ("房屋", UNIT_HEADERS, {"房号": "房间号", "建筑面积": "建筑面积(㎡)"}),
        ("住户", RESIDENT_HEADERS, {"手机": "手机号码", "身份证号": "身份证号码"}),
        ("车辆", VEHICLE_HEADERS, {"车牌": "车牌号", "车主姓名": "车主"}),
        ("车位", PARKING_HEADERS, {"车位号": "车位编号", "单元": "单元号"}),
    ],
)
def test_the_other_spellings_of_a_header_are_still_read(site, sheet, headers, spellings):
    sheets = good_register()
    for header, spelling in spellings.items():
        sheets = renamed(sheets, sheet, header, spelling)

    report = register_import(actor=site.manager, community=site.community, upload=xlsx(sheets))

    assert report.ok, report.errors
    assert sum(c.created for c in report.counts.values()) > 0


def test_a_residents_export_with_its_mobile_column_renamed_is_refused_not_duplicated(site):
    register_import(actor=site.manager, community=site.community, upload=xlsx(good_register()))
    _name, content = register_export(
        actor=site.manager,
        community=site.community,
        kind=RESIDENTS,
        params=QueryDict(),
        reason="Check the phone numbers",
    )
    book = load_workbook(content)
    book["住户"]["B1"] = "电话号码"
    output = BytesIO()
    book.save(output)
    residents = Resident.objects.filter(community=site.community).count()
    before = register_state(site.community)

    with translation.override("zh-hans"):
        messages = refusal(site, SimpleUploadedFile("住户.xlsx", output.getvalue()))

    assert messages == ["工作表 住户：表头'电话号码'无法识别，是否应为'手机'？"]
    assert Resident.objects.filter(community=site.community).count() == residents
    assert register_state(site.community) == before
