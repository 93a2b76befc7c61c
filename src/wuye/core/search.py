"""Numbers people quote, found from the header's search box.

The search page (the register's, in estates) finds homes, residents and vehicles itself. An
app whose records carry a number people read out on the phone (a work order's
BDX-20261127-0007) registers a `Finder` in its `AppConfig.ready()`; a search for such a
number then goes straight to the record, without the search page importing the app.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.utils.functional import Promise


@dataclass(frozen=True)
class Finder:
    """`parse` gives the number in its written form (BDX-20261127-0007) for text typed in
    any case and spacing, or None when the text is not such a number; `find` gives the page
    of the record with that number that the user may see, or None. `not_found` is the message
    for a number that leads nowhere, with %(number)s: the same whether the record does not
    exist or belongs to someone else, so that nothing leaks."""

    parse: Callable[[str], str | None]
    find: Callable[..., str | None]  # (user, community_id, number) -> url
    not_found: str | Promise


FINDERS: list[Finder] = []


def register(finder: Finder) -> None:
    if finder not in FINDERS:
        FINDERS.append(finder)


@dataclass(frozen=True)
class Found:
    number: str
    url: str | None
    message: str


def find_number(user, community_id: int, text: str) -> Found | None:
    """The record a quoted number names (`url` None when the user may see no such record),
    or None when the text is no registered kind of number."""
    for finder in FINDERS:
        number = finder.parse(text or "")
        if number is None:
            continue
        return Found(
            number=number,
            url=finder.find(user, community_id, number),
            message=str(finder.not_found) % {"number": number},
        )
    return None
