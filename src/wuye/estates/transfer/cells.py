"""Cells of the register's spreadsheets: reading what staff type, writing what they read.

The readers every import shares (text, numbers, dates, yes/no) are in `core.spreadsheets`;
these are the register's own.

Choice values are written in Chinese the way property staff keep their registers (多层,
业主 …), whatever the page language; the English codes are accepted too.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext

from wuye.core.spreadsheets import NO, YES, as_text
from wuye.core.validators import clean_code, clean_text

from ..models import BuildingKind, Occupancy, ParkingKind, Relation, UnitUse

OMIT = object()  # a blank cell that leaves the stored value as it is


class Choice:
    """A choice column: Chinese labels as staff write them, English codes also accepted."""

    def __init__(self, labels: dict[str, str], synonyms: dict[str, str] | None = None):
        self.labels = labels
        self._codes = {label: code for code, label in labels.items()}
        self._codes.update(synonyms or {})
        self._codes.update({code.upper(): code for code in labels})

    def parse(self, value: Any) -> str:
        text = clean_code(value)
        code = self._codes.get(text)
        if code is None:
            raise ValidationError(
                gettext("Use one of: %(choices)s.") % {"choices": self.listing}, code="choice"
            )
        return code

    def label(self, code: str) -> str:
        return self.labels.get(code, code)

    @property
    def listing(self) -> str:
        return "、".join(self.labels.values())


BUILDING_KINDS = Choice(
    {
        BuildingKind.MULTI_STOREY: "多层",
        BuildingKind.SMALL_HIGH_RISE: "小高层",
        BuildingKind.SHOP_ROW: "商铺",
        BuildingKind.CLUBHOUSE: "会所",
    }
)
UNIT_USES = Choice(
    {
        UnitUse.RESIDENTIAL: "住宅",
        UnitUse.SHOP: "商铺",
        UnitUse.CLUBHOUSE: "会所",
        UnitUse.OFFICE: "办公",
    },
    {"商业": UnitUse.SHOP},
)
OCCUPANCIES = Choice(
    {
        Occupancy.UNSOLD: "未售",
        Occupancy.VACANT: "空置",
        Occupancy.OCCUPIED: "自住",
        Occupancy.RENTED: "出租",
        Occupancy.RENOVATING: "装修",
    },
    {"空房": Occupancy.VACANT, "入住": Occupancy.OCCUPIED, "装修中": Occupancy.RENOVATING},
)
RELATIONS = Choice(
    {Relation.OWNER: "业主", Relation.FAMILY: "家庭成员", Relation.TENANT: "租户"},
    {"产权人": Relation.OWNER, "家属": Relation.FAMILY, "租客": Relation.TENANT},
)
PARKING_KINDS = Choice(
    {
        ParkingKind.OWNED: "自有",
        ParkingKind.RENTED: "租用",
        ParkingKind.PUBLIC: "公共",
        ParkingKind.VISITOR: "访客",
    },
    {"产权": ParkingKind.OWNED, "出租": ParkingKind.RENTED, "临时": ParkingKind.VISITOR},
)


# ---- cell → value ----------------------------------------------------------------------


def without_suffix(suffix: str) -> Callable[[Any], str]:
    """Text with a trailing word staff often add dropped: "2单元" → "2", "502室" → "502"."""

    def parse(value: Any) -> str:
        text = clean_text(as_text(value))
        if text.endswith(suffix) and len(text) > len(suffix):
            text = text[: -len(suffix)]
        return text

    return parse


def as_id_number(value: Any) -> str:
    if isinstance(value, int | float) and not isinstance(value, bool):
        raise ValidationError(
            gettext(
                "Excel turned this ID-card number into a number and dropped digits: format "
                "the column as Text and type the number again."
            ),
            code="id_number_as_number",
        )
    return as_text(value)


def is_masked(text: str) -> bool:
    """A value exported masked (6505**********0011, 139****0001): the stored one stands."""
    return "*" in text


# ---- value → cell ----------------------------------------------------------------------


def as_is(value: Any) -> Any:
    return value


def to_text(value: Any) -> str:
    return "" if value is None else str(value)


def to_flag(value: bool) -> str:
    return YES if value else NO
