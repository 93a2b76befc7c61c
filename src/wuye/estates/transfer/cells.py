"""Cells of the register's spreadsheets: reading what staff type, writing what they read.

Choice values are written in Chinese the way property staff keep their registers (多层,
业主 …), whatever the page language; the English codes are accepted too.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext

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

YES, NO = "是", "否"
TRUE_WORDS = {YES, "Y", "YES", "TRUE", "1", "√", "✓"}
FALSE_WORDS = {NO, "N", "NO", "FALSE", "0", "×"}


# ---- cell → value ----------------------------------------------------------------------


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


def without_suffix(suffix: str) -> Callable[[Any], str]:
    """Text with a trailing word staff often add dropped: "2单元" → "2", "502室" → "502"."""

    def parse(value: Any) -> str:
        text = clean_text(as_text(value))
        if text.endswith(suffix) and len(text) > len(suffix):
            text = text[: -len(suffix)]
        return text

    return parse


def as_integer(value: Any) -> int:
    if isinstance(value, bool):
        raise ValidationError(gettext("Enter a whole number."), code="integer")
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    text = clean_code(as_text(value))
    if re.fullmatch(r"-?\d+", text):
        return int(text)
    raise ValidationError(gettext("Enter a whole number."), code="integer")


def as_decimal(value: Any) -> Decimal:
    """A number of m²: 98.5, "98.50", "９８.５㎡" all read 98.5."""
    if isinstance(value, bool):
        raise ValidationError(gettext("Enter a number such as 98.50."), code="decimal")
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
        raise ValidationError(gettext("Enter a number such as 98.50."), code="decimal")
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
    raise ValidationError(gettext("Enter a date such as 2020-05-01."), code="date")


def as_flag(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    text = clean_code(as_text(value))
    if text in TRUE_WORDS:
        return True
    if text in FALSE_WORDS:
        return False
    raise ValidationError(gettext("Write %(yes)s or %(no)s.") % {"yes": YES, "no": NO}, code="flag")


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
