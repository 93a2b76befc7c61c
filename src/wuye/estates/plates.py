"""Chinese vehicle plates: one written form, checked, with the colour it carries.

A plate is stored as people read it off the car, without spaces or the dot: a province
character, the issuing city's letter, then five characters (ordinary plates: blue, or
yellow for large vehicles), six (new-energy plates: green), or four and a suffix such as
学 or 警. Cameras and guards write the same plate in many ways — lower case, full-width
letters, `京A·12345`, a letter O read for a zero — and each of them must find the same car.
"""

from __future__ import annotations

import re
import unicodedata

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

PROVINCES = "京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼"
# Plates never use I or O after the city letter, so a camera's I and O are a 1 and a 0.
_LOOKALIKES = str.maketrans({"I": "1", "O": "0"})
_SEPARATORS = re.compile(r"[\s·•.\-_]")
# Suffixes of special plates: coach (学), police (警), Hong Kong and Macau (港, 澳), trailer (挂),
# consulate (领), test (试), oversize (超).
SUFFIXES = "学警港澳挂领试超"
_PLATE = re.compile(
    rf"^[{PROVINCES}][A-Z](?:[A-HJ-NP-Z0-9]{{5,6}}|[A-HJ-NP-Z0-9]{{4}}[{SUFFIXES}])$"
)


class PlateColour(models.TextChoices):
    BLUE = "blue", _("Blue")
    YELLOW = "yellow", _("Yellow")
    GREEN = "green", _("Green (new energy)")
    WHITE = "white", _("White")
    BLACK = "black", _("Black")


def normalise(text: str) -> str:
    """The plate's one written form: half-width, upper case, no separators, I and O after the
    city letter read as 1 and 0. It does not check the result (see `validate`)."""
    plain = _SEPARATORS.sub("", unicodedata.normalize("NFKC", text or "")).upper()
    return plain[:2] + plain[2:].translate(_LOOKALIKES)


def is_valid(plate: str) -> bool:
    return bool(_PLATE.match(plate))


def validate(text: str) -> str:
    """The normalised plate, or a `ValidationError` saying what a plate looks like."""
    plate = normalise(text)
    if not is_valid(plate):
        raise ValidationError(
            _(
                "“%(plate)s” is not a plate: a province character, a letter, then five "
                "letters or digits (six for a new-energy plate), such as 新A12345."
            ),
            code="plate",
            params={"plate": text},
        )
    return plate


def colour_of(plate: str) -> str:
    """The colour a plate of this shape carries: green for eight characters (new energy),
    yellow for coaches and trailers, white for the police, black for Hong Kong, Macau and
    consulates, blue otherwise. Large vehicles' yellow plates look like blue ones; a camera
    that reads the colour says so."""
    if len(plate) == 8:
        return PlateColour.GREEN
    suffix = plate[-1:]
    if suffix in "学挂超":
        return PlateColour.YELLOW
    if suffix == "警":
        return PlateColour.WHITE
    if suffix in "港澳领":
        return PlateColour.BLACK
    return PlateColour.BLUE
