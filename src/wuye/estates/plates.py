"""Plates as cameras and guards read them: the register's written form (`core.validators`),
reached from a camera's reading, with the colour the plate carries.

A camera writes the same plate in many ways — lower case, full-width letters, `京A·12345`,
a letter O read for a zero — and each of them must find the same car in the register.
"""

from __future__ import annotations

import re

from django.db import models
from django.utils.translation import gettext_lazy as _

from wuye.core.validators import PLATE_RE, clean_code, normalize_plate

# Plates never use I or O after the issuing authority's letter: a camera's I and O are 1 and 0.
_LOOKALIKES = str.maketrans({"I": "1", "O": "0"})
_SEPARATORS = re.compile(r"[·•.\-_]")


class PlateColour(models.TextChoices):
    BLUE = "blue", _("Blue")
    YELLOW = "yellow", _("Yellow")
    GREEN = "green", _("Green (new energy)")
    WHITE = "white", _("White")
    BLACK = "black", _("Black")


def normalise(text: str | None) -> str:
    """The register's written form of a reading, without checking it (see `validate`)."""
    plain = _SEPARATORS.sub("", clean_code(text))
    return plain[:2] + plain[2:].translate(_LOOKALIKES)


def is_valid(plate: str) -> bool:
    return bool(PLATE_RE.match(plate))


def validate(text: str | None) -> str:
    """The plate in the register's form, or the register's `ValidationError`."""
    return normalize_plate(normalise(text))


def colour_of(plate: str) -> str:
    """The colour a plate of this shape carries: green for new energy (eight characters),
    yellow for coaches and trailers, white for the police, black for Hong Kong and Macau,
    blue otherwise. Large vehicles' yellow plates look like blue ones: a camera that reads
    the colour says so."""
    if len(plate) == 8:
        return PlateColour.GREEN
    suffix = plate[-1:]
    if suffix in "学挂":
        return PlateColour.YELLOW
    if suffix == "警":
        return PlateColour.WHITE
    if suffix in "港澳":
        return PlateColour.BLACK
    return PlateColour.BLUE
