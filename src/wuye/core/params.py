"""Reading what people send: ids, days, periods, free text and choices, one way everywhere.

Pages, forms and the API read their input through these parsers, so that a value either
means what it says or is refused with a translated message; none reaches the database or the
calendar arithmetic in a shape that makes it fail (a 500):

- an id is ASCII digits only ('²' and '٣' pass `str.isdigit()` but name no row), from 1 to
  the largest primary key the database stores;
- a day lies between `FIRST_DAY` and `LAST_DAY`, far enough inside the calendar's ends that a
  year or a quarter added or taken away stays a date;
- a period is `YYYY-MM` of such a year;
- free text has no NUL or other control character (PostgreSQL refuses NUL in text) and is
  bounded in length.

`QueryParams` reads a page's query string with them: a filter that does not parse is left
out and the page says so above its content, so a typed or tampered address still shows the
page (200), never a server error.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from datetime import date, datetime
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

# Days before 1900 or after 2199 are mistakes in a property office's records; keeping a
# century from the calendar's ends (years 1 and 9999) lets any report add or take its years.
FIRST_DAY = date(1900, 1, 1)
LAST_DAY = date(2199, 12, 31)
# Primary keys are 64-bit (BigAutoField).
MAX_ID = 2**63 - 1
# A filter or a search typed into a box; longer text is a mistake or an attack.
QUERY_TEXT_LENGTH = 200

# The days of those years as a JSON schema states them for the API's clients.
DAY_PATTERN = r"^(19[0-9]{2}|2[01][0-9]{2})-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$"
ID_RE = re.compile(r"[0-9]{1,19}")
DAY_RE = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})")
PERIOD_RE = re.compile(r"([0-9]{4})-(0[1-9]|1[0-2])")
# C0 controls but tab, line feed and carriage return; DEL; the C1 controls.
CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")

CONTROL_MESSAGE = gettext_lazy("This text contains characters that cannot be stored.")


def parse_id(text: str | None) -> int:
    """The row id `text` names: ASCII digits, from 1 to `MAX_ID`."""
    text = (text or "").strip()
    if not ID_RE.fullmatch(text) or not 1 <= int(text) <= MAX_ID:
        raise ValidationError(_("Enter the number of a record."), code="id")
    return int(text)


def check_day(day: date) -> date:
    """`day`, if it lies between `FIRST_DAY` and `LAST_DAY`."""
    if not FIRST_DAY <= day <= LAST_DAY:
        raise ValidationError(
            _("Enter a date between %(first)s and %(last)s.")
            % {"first": FIRST_DAY.isoformat(), "last": LAST_DAY.isoformat()},
            code="day_range",
        )
    return day


def validate_day(value: date) -> None:
    """A form's validator: a day, or the day of a moment, that `check_day` keeps."""
    check_day(value.date() if isinstance(value, datetime) else value)


def parse_day(text: str | None) -> date:
    """The day `text` gives as YYYY-MM-DD (ASCII digits), within the range `check_day` keeps."""
    found = DAY_RE.fullmatch((text or "").strip())
    try:
        day = date(*(int(part) for part in found.groups())) if found else None
    except ValueError:
        day = None
    if day is None:
        raise ValidationError(_("Enter a date as YYYY-MM-DD."), code="day")
    return check_day(day)


def parse_period(text: str | None) -> str:
    """A month written `YYYY-MM` (ASCII digits) of a year `check_day` keeps."""
    text = (text or "").strip()
    found = PERIOD_RE.fullmatch(text)
    if found is None:
        raise ValidationError(_("Enter the period as YYYY-MM, e.g. 2026-03."), code="period")
    check_day(date(int(found[1]), int(found[2]), 1))
    return text


def check_text(text: str) -> str:
    """`text`, if it holds no NUL or other control character (tabs and line breaks are
    text)."""
    if CONTROL_RE.search(text):
        raise ValidationError(CONTROL_MESSAGE, code="control_characters")
    return text


def parse_text(text: str | None, max_length: int = QUERY_TEXT_LENGTH) -> str:
    """Free text, trimmed: no control characters, at most `max_length` characters."""
    text = check_text((text or "").strip())
    if len(text) > max_length:
        raise ValidationError(
            _("Enter at most %(n)s characters.") % {"n": max_length}, code="max_length"
        )
    return text


def parse_choice(text: str | None, choices: Iterable[str]) -> str:
    """One of `choices`, exactly."""
    choices = [str(choice) for choice in choices]
    if text not in choices:
        raise ValidationError(
            _("Choose one of: %(choices)s.") % {"choices": ", ".join(choices)}, code="choice"
        )
    return text


class QueryParams:
    """A page's query string, read through the parsers above.

    Each reader answers the parsed value, or `default` when the parameter is absent, empty
    or does not parse; a value that does not parse also puts a message above the page naming
    the parameter, once per request.
    """

    def __init__(self, request):
        self.request = request
        self.data = request.GET

    def _read(self, name: str, parse, default):
        text = self.data.get(name, "")
        if text == "":
            return default
        try:
            return parse(text)
        except ValidationError as error:
            self._say(name, error)
            return default

    def _say(self, name: str, error: ValidationError) -> None:
        said = self.request.__dict__.setdefault("_wuye_refused_params", set())
        if name in said:
            return
        said.add(name)
        messages.warning(
            self.request,
            _("“%(name)s” in the address was left out: %(reason)s")
            % {"name": name, "reason": " ".join(error.messages)},
        )

    def id(self, name: str) -> int | None:
        return self._read(name, parse_id, None)

    def day(self, name: str, default: date | None = None) -> date | None:
        return self._read(name, parse_day, default)

    def period(self, name: str, default: str | None = None) -> str | None:
        return self._read(name, parse_period, default)

    def text(self, name: str, max_length: int = QUERY_TEXT_LENGTH) -> str:
        return self._read(name, lambda text: parse_text(text, max_length), "")

    def choice(self, name: str, choices: Iterable[str], default: str | None = None):
        return self._read(name, lambda text: parse_choice(text, choices), default)

    def one_of(self, name: str, rows: Mapping[int, Any], refusal: str) -> Any:
        """The row of `rows` (by id) the parameter names; `refusal` says what to choose
        when it names none of them."""

        def parse(text: str):
            row = rows.get(parse_id(text))
            if row is None:
                raise ValidationError(refusal, code="not_found")
            return row

        return self._read(name, parse, None)
