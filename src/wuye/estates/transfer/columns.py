"""The spreadsheet format of the register: one sheet per kind, with Chinese column headers.

Headers and sheet names are the file format, written in Chinese as property staff keep
their registers (楼栋号, 房号 …) whatever the page language; the notes on the header cells
are translated.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from functools import cached_property
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.functional import Promise
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from wuye.core.spreadsheets import (
    Headers,
    as_date,
    as_decimal,
    as_flag,
    as_integer,
    as_text,
    is_blank,
)
from wuye.core.validators import clean_code

from .cells import (
    BUILDING_KINDS,
    OCCUPANCIES,
    OMIT,
    PARKING_KINDS,
    RELATIONS,
    UNIT_USES,
    Choice,
    as_id_number,
    as_is,
    to_flag,
    to_text,
    without_suffix,
)


@dataclass(frozen=True)
class Column:
    header: str
    field: str
    parse: Callable[[Any], Any] = as_text
    export: Callable[[Any], Any] = to_text
    required: bool = False  # the header must be present and every row must fill it
    blank: Any = ""  # the value of an empty cell; OMIT keeps what is stored
    note: str | Promise = ""
    sample: tuple = ()
    width: int = 12
    aliases: tuple[str, ...] = ()
    choice: Choice | None = None
    is_text: bool = True  # keep Excel from turning "0101" or ID numbers into numbers
    number_format: str = ""

    def read(self, value: Any) -> Any:
        if is_blank(value):
            if self.required:
                raise ValidationError(gettext("This column must be filled in."), code="required")
            return self.blank
        if self.choice is not None:
            return self.choice.parse(value)
        return self.parse(value)

    def write(self, value: Any) -> Any:
        if self.choice is not None:
            return self.choice.label(value) if value else ""
        return self.export(value)

    @property
    def help(self) -> str:
        parts = [gettext("Required.")] if self.required else []
        if self.note:
            parts.append(str(self.note))
        if self.choice is not None:
            parts.append(gettext("One of: %(choices)s.") % {"choices": self.choice.listing})
        return " ".join(parts)


# The column an error report adds beside the data: known, so that a corrected report
# uploads again, and never imported.
ERRORS_HEADER = "错误说明"


@dataclass(frozen=True)
class Kind:
    """One kind of row of the register, kept in one sheet."""

    slug: str
    sheet: str
    label: str | Promise
    columns: tuple[Column, ...]
    sheet_aliases: tuple[str, ...] = ()
    key_header: str = ""  # where errors about the row as a whole are shown
    field_headers: dict[str, str] = field(default_factory=dict)

    @cached_property
    def headers(self) -> Headers:
        """The headers of this sheet, each with the other spellings its column accepts; a
        header names its column by the column's position in `columns`."""
        spellings = {i: (c.header, *c.aliases) for i, c in enumerate(self.columns)}
        return Headers(spellings, remarks=(ERRORS_HEADER, "错误", "Errors"))

    @property
    def required(self) -> list[int]:
        """The positions of the columns a sheet must have."""
        return [i for i, c in enumerate(self.columns) if c.required]

    def header_of(self, field_name: str) -> str:
        """The column an error about `field_name` belongs in."""
        for column in self.columns:
            if column.field == field_name:
                return column.header
        return self.field_headers.get(field_name, self.key_header)

    def names_sheet(self, title: str) -> bool:
        text = clean_code(title)
        return text in {self.sheet, self.slug.upper(), *self.sheet_aliases}


def _building_ref(sample: tuple, **overrides) -> Column:
    return Column(
        "楼栋号",
        "building",
        note=_("The building's number as in the buildings sheet."),
        sample=sample,
        width=10,
        aliases=("楼号",),
        **overrides,
    )


def _home_ref(*sample: tuple[str, str, str]) -> tuple[Column, ...]:
    """Building, entrance and room of a home, as three columns."""
    buildings, entrances, rooms = zip(*sample, strict=True)
    return (
        _building_ref(buildings),
        Column(
            "单元",
            "entrance",
            parse=without_suffix("单元"),
            sample=entrances,
            width=8,
            aliases=("单元号",),
        ),
        Column(
            "房号",
            "room",
            parse=without_suffix("室"),
            note=_("Fill the building, entrance and room together."),
            sample=rooms,
            width=10,
            aliases=("房间号", "门牌号"),
        ),
    )


def _date_column(header: str, field_name: str, note) -> Column:
    return Column(
        header,
        field_name,
        parse=as_date,
        export=as_is,
        blank=None,
        note=note,
        sample=(date(2020, 5, 1),),
        width=12,
        is_text=False,
        number_format="yyyy-mm-dd",
    )


BUILDINGS = Kind(
    slug="buildings",
    sheet="楼栋",
    label=_("Buildings"),
    sheet_aliases=("楼栋档案", "楼宇"),
    key_header="楼栋号",
    columns=(
        Column(
            "楼栋号",
            "number",
            required=True,
            note=_("How staff say it, e.g. 3 or A2."),
            sample=("1", "5", "S1"),
            width=10,
            aliases=("楼号", "楼栋编号"),
        ),
        Column("楼栋名称", "name", sample=("1号楼", "5号楼", "商业街"), width=16),
        Column(
            "类型",
            "kind",
            required=True,
            choice=BUILDING_KINDS,
            sample=("多层", "小高层", "商铺"),
            width=10,
        ),
        Column(
            "层数",
            "floors",
            parse=as_integer,
            export=as_is,
            required=True,
            sample=(6, 11, 2),
            width=8,
            is_text=False,
        ),
        Column(
            "电梯数",
            "lifts",
            parse=as_integer,
            export=as_is,
            blank=OMIT,
            note=_("Empty means none."),
            sample=(0, 2, 0),
            width=8,
            is_text=False,
        ),
    ),
)

UNITS = Kind(
    slug="units",
    sheet="房屋",
    label=_("Homes"),
    sheet_aliases=("房屋档案", "房间", "HOMES"),
    key_header="房号",
    columns=(
        _building_ref(("1", "1"), required=True),
        Column(
            "单元",
            "entrance",
            parse=without_suffix("单元"),
            note=_("Empty for a building without entrances."),
            sample=("1", "1"),
            width=8,
            aliases=("单元号",),
        ),
        Column(
            "楼层",
            "floor",
            parse=as_integer,
            export=as_is,
            required=True,
            note=_("Basement floors are negative, e.g. -1."),
            sample=(1, 5),
            width=8,
            is_text=False,
        ),
        Column(
            "房号",
            "number",
            parse=without_suffix("室"),
            required=True,
            note=_("Unique within the building and entrance."),
            sample=("101", "502"),
            width=10,
            aliases=("房间号", "门牌号"),
        ),
        Column(
            "建筑面积",
            "building_area",
            parse=as_decimal,
            export=as_is,
            required=True,
            note=_("In m², two decimals; the basis of the property fee."),
            sample=(Decimal("98.50"), Decimal("126.32")),
            width=12,
            aliases=("建筑面积(M2)", "面积"),
            is_text=False,
            number_format="0.00",
        ),
        Column(
            "套内面积",
            "inner_area",
            parse=as_decimal,
            export=as_is,
            blank=None,
            note=_("In m²; not larger than the building area."),
            sample=(Decimal("80.20"), Decimal("104.10")),
            width=12,
            aliases=("套内面积(M2)",),
            is_text=False,
            number_format="0.00",
        ),
        Column(
            "用途",
            "use",
            choice=UNIT_USES,
            blank=OMIT,
            note=_("Empty means 住宅 for a new home."),
            sample=("住宅", "住宅"),
            width=8,
        ),
        Column(
            "状态",
            "occupancy",
            choice=OCCUPANCIES,
            blank=OMIT,
            note=_("Moving residents in and out keeps this up to date."),
            sample=("自住", "空置"),
            width=8,
            aliases=("入住状态",),
        ),
    ),
)

RESIDENTS = Kind(
    slug="residents",
    sheet="住户",
    label=_("Residents"),
    sheet_aliases=("住户档案", "业主", "业主档案"),
    key_header="姓名",
    field_headers={"resident": "姓名", "unit": "房号"},
    columns=(
        Column(
            "姓名",
            "name",
            required=True,
            note=_("One row per person and home; a person with two homes has two rows."),
            sample=("王芳", "李娜"),
            width=10,
        ),
        Column(
            "手机",
            "mobile",
            blank=OMIT,
            note=_("11-digit mainland mobile. An empty or masked cell keeps the stored one."),
            sample=("13912345678", "13912345679"),
            width=14,
            aliases=("手机号", "手机号码", "联系电话"),
        ),
        Column(
            "身份证号",
            "id_number",
            parse=as_id_number,
            blank=OMIT,
            note=_("18 characters, kept encrypted. An empty or masked cell keeps the stored one."),
            sample=("650502197512030020", ""),
            width=22,
            aliases=("身份证", "身份证号码"),
        ),
        *_home_ref(("1", "1", "101"), ("1", "1", "101")),
        Column(
            "关系",
            "relation",
            choice=RELATIONS,
            blank=None,
            note=_("Required with a home."),
            sample=("业主", "家庭成员"),
            width=10,
            aliases=("身份", "与房屋关系"),
        ),
        _date_column("入住日期", "start_date", _("Empty means today for a new move-in.")),
        Column("紧急联系人", "emergency_contact", sample=("王强", ""), width=12),
        Column("紧急联系电话", "emergency_phone", sample=("13812345678", ""), width=14),
        Column("备注", "notes", sample=("", ""), width=20),
        Column(
            "重点关注",
            "needs_attention",
            parse=as_flag,
            export=to_flag,
            blank=False,
            note=_("For example an elderly person living alone."),
            sample=(False, False),
            width=10,
        ),
    ),
)

VEHICLES = Kind(
    slug="vehicles",
    sheet="车辆",
    label=_("Vehicles"),
    sheet_aliases=("车辆档案",),
    key_header="车牌",
    field_headers={"resident": "车主姓名"},
    columns=(
        Column(
            "车牌",
            "plate",
            required=True,
            sample=("新B12345",),
            width=12,
            aliases=("车牌号", "车牌号码"),
        ),
        Column(
            "车主姓名",
            "owner_name",
            note=_("A resident of the register; empty for a vehicle without an owner."),
            sample=("王芳",),
            width=10,
            aliases=("车主",),
        ),
        Column(
            "车主手机",
            "owner_mobile",
            note=_("Tells residents of the same name apart."),
            sample=("13912345678",),
            width=14,
        ),
        Column("品牌颜色", "description", sample=("白色大众朗逸",), width=16),
    ),
)

PARKING = Kind(
    slug="parking",
    sheet="车位",
    label=_("Parking spaces"),
    sheet_aliases=("车位档案", "PARKING_SPACES"),
    key_header="车位号",
    field_headers={"unit": "房号", "vehicle": "车牌"},
    columns=(
        Column(
            "车位号",
            "number",
            required=True,
            sample=("A-001", "V-001"),
            width=10,
            aliases=("车位编号",),
        ),
        Column("区域", "zone", sample=("地下一层", "地面"), width=12),
        Column(
            "类型",
            "kind",
            choice=PARKING_KINDS,
            required=True,
            sample=("自有", "访客"),
            width=8,
        ),
        *_home_ref(("1", "1", "101"), ("", "", "")),
        Column(
            "车牌",
            "plate",
            note=_("A vehicle of the register parked here."),
            sample=("新B12345", ""),
            width=12,
        ),
    ),
)

KINDS: dict[str, Kind] = {k.slug: k for k in (BUILDINGS, UNITS, RESIDENTS, VEHICLES, PARKING)}
