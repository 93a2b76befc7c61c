"""Normalising and validating what a Chinese property office types in.

Full-width digits and letters become half-width, stray spaces go; mobiles, ID-card
numbers (with the GB 11643 check digit, X included) and plates are checked.
"""

import re
import unicodedata
from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from .params import CONTROL_RE, parse_id

PROVINCES = "京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼"
PLATE_RE = re.compile(
    rf"^[{PROVINCES}][A-HJ-NP-Z]"  # province + issuing authority (no I or O)
    r"(?:[A-HJ-NP-Z0-9]{4}[A-HJ-NP-Z0-9挂学警港澳]"  # ordinary plate, 5 characters
    r"|[DF][A-HJ-NP-Z0-9]{5}|[A-HJ-NP-Z0-9]{5}[DF])$"  # new-energy plate, 6 characters
)
MOBILE_RE = re.compile(r"^1[3-9]\d{9}$")

# How the desk may type a plate, a mobile and an ID-card number, as the OpenAPI schema states
# it: the forms above with the spaces, dots, lower case and full-width digits people type.
_FULL_DIGIT = "０-９"
_PLATE_LETTER = "A-HJ-NP-Za-hj-np-z"
_GAP = "[ ·.]?"
PLATE_TYPED = (
    rf"^[{PROVINCES}]{_GAP}[{_PLATE_LETTER}]{_GAP}"
    rf"([{_PLATE_LETTER}0-9{_FULL_DIGIT}]{{4}}[{_PLATE_LETTER}0-9{_FULL_DIGIT}挂学警港澳]"
    rf"|[DFdf][{_PLATE_LETTER}0-9{_FULL_DIGIT}]{{5}}|[{_PLATE_LETTER}0-9{_FULL_DIGIT}]{{5}}[DFdf])$"
)
MOBILE_TYPED = rf"^((\+86|0086) ?)?1[3-9]([ -]?[0-9{_FULL_DIGIT}]){{9}}$|^$"
ID_NUMBER_TYPED = r"^([0-9]{17}[0-9Xx])?$"
ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
ID_CHECK = "10X98765432"


# Codes of the errors that are not about the form of what was sent; the API answers them
# 404 and 409 (the others are 400): the OpenAPI schema can say what is well formed, not which
# rows exist or what is already stored.
NOT_FOUND = "not_found"  # the field names a row that does not exist or is not the caller's
CONFLICT = "conflict"  # well formed, but ruled out by what is stored or by today's date


def not_found(message) -> ValidationError:
    """The error for a field that names a row the caller cannot name (API: 404)."""
    return ValidationError(message, code=NOT_FOUND)


def conflict(message) -> ValidationError:
    """The error for a well-formed value ruled out by what is stored or by the date (409)."""
    return ValidationError(message, code=CONFLICT)


# Full-width digits and Latin letters, and the ideographic space, as their ASCII twins.
# Full-width punctuation (，。（）) is left alone: it is how Chinese text is written.
HALF_WIDTH = {
    **{code: code - 0xFEE0 for code in range(0xFF10, 0xFF1A)},
    **{code: code - 0xFEE0 for code in range(0xFF21, 0xFF3B)},
    **{code: code - 0xFEE0 for code in range(0xFF41, 0xFF5B)},
    0x3000: 0x20,
}


def as_id(value: str | None) -> int:
    """The row id a query or form parameter names; 0, which names no row, when it names none
    (a typed or tampered link is then "not found", never a server error)."""
    try:
        return parse_id(value)
    except ValidationError:
        return 0


def clean_text(value: str | None) -> str:
    """Free text: half-width digits and letters, trimmed, inner runs of spaces collapsed,
    control characters (NUL, which no database column takes, among them) left out."""
    if value is None:
        return ""
    text = CONTROL_RE.sub("", str(value).translate(HALF_WIDTH))
    return re.sub(r"\s+", " ", text).strip()


def clean_code(value: str | None) -> str:
    """Codes (rooms, plates, ID numbers): NFKC, every space and control character removed,
    upper-cased."""
    if value is None:
        return ""
    text = CONTROL_RE.sub("", unicodedata.normalize("NFKC", str(value)))
    return re.sub(r"\s+", "", text).upper()


def normalize_mobile(value: str | None) -> str:
    digits = re.sub(r"[\s\-]", "", clean_code(value))
    if digits.startswith("+86"):
        digits = digits[3:]
    elif digits.startswith("0086"):
        digits = digits[4:]
    if digits and not MOBILE_RE.match(digits):
        raise ValidationError(
            _("Enter an 11-digit mainland mobile number starting with 1, e.g. 13912345678."),
            code="mobile",
        )
    return digits


def id_check_digit(first17: str) -> str:
    total = sum(int(d) * w for d, w in zip(first17, ID_WEIGHTS, strict=True))
    return ID_CHECK[total % 11]


def normalize_id_number(value: str | None) -> str:
    """An 18-character resident ID-card number (居民身份证号), or "" when empty."""
    number = clean_code(value)
    if not number:
        return ""
    if not re.match(r"^\d{17}[\dX]$", number):
        raise ValidationError(
            _("An ID-card number has 17 digits followed by a digit or X."), code="id_format"
        )
    try:
        date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        raise ValidationError(
            _("The ID-card number does not contain a valid date of birth."), code="id_birth"
        ) from None
    if id_check_digit(number[:17]) != number[17]:
        raise ValidationError(
            _("The ID-card number's check digit is wrong; please check it."), code="id_check"
        )
    return number


def mask_id_number(number: str) -> str:
    """Show the first 4 and the last 4 characters only."""
    if not number:
        return ""
    return number[:4] + "*" * (len(number) - 8) + number[-4:]


def mask_mobile(mobile: str) -> str:
    """A phone number with its middle hidden: 139****0001; a landline (0902-1234567) or a
    short number alike, keeping at most its first three and last four characters."""
    if not mobile:
        return ""
    if len(mobile) < 8:
        return "*" * (len(mobile) - 2) + mobile[-2:]
    return mobile[:3] + "*" * (len(mobile) - 7) + mobile[-4:]


def normalize_plate(value: str | None) -> str:
    plate = clean_code(value).replace("·", "").replace(".", "")
    if not PLATE_RE.match(plate):
        raise ValidationError(
            _("Enter a plate such as 新B12345 or a new-energy plate such as 新BD12345."),
            code="plate",
        )
    return plate


def positive_area(value: Decimal | None) -> None:
    if value is not None and value <= 0:
        raise ValidationError(_("An area must be greater than zero."), code="area")
