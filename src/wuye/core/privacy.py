"""Personal data (个人信息保护法): what every app holds about one person, and how it is
anonymised when they ask to be forgotten.

Each app declares in its `privacy.py` a `PERSONAL_DATA` list of `Contribution`s (read by
`core.registries`): what it holds about a person (for the access request, §45), why the
person may not be anonymised yet (a debt, a home still lived in), and how it anonymises its
own rows. Money and work-order history are never deleted: an app that keeps a person's name
on a financial record (会计档案管理办法: vouchers and ledgers for 30 years) replaces the name,
and the amounts stay as they are.

The person is the register's record (the engine does not look inside it); the register
drives the request and calls `collect`, `refusals` and `anonymise` here.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.utils.functional import Promise


@dataclass(frozen=True)
class Section:
    """One table of what is held about the person: a sheet of the workbook, a list in JSON."""

    title: str | Promise
    header: Sequence[str | Promise]
    rows: list[Sequence[Any]] = field(default_factory=list)


@dataclass(frozen=True)
class Contribution:
    """What one app holds about a person and how it forgets them.

    `collect(person)` returns the app's sections; `refusals(person)` the reasons, in the
    user's language, why the person may not be anonymised now; `anonymise(person, label)`
    replaces the person's details in the app's rows by `label` inside the caller's
    transaction and returns {what: rows changed}.
    """

    name: str
    collect: Callable[[Any], list[Section]]
    refusals: Callable[[Any], list[str]] | None = None
    anonymise: Callable[[Any, str], dict[str, int]] | None = None
    order: int = 0


# Filled by the apps in their `AppConfig.ready()`, in `order`.
CONTRIBUTIONS: list[Contribution] = []


def register(*contributions: Contribution) -> None:
    for contribution in contributions:
        if all(c.name != contribution.name for c in CONTRIBUTIONS):
            CONTRIBUTIONS.append(contribution)
    CONTRIBUTIONS.sort(key=lambda c: (c.order, c.name))


def collect(person) -> list[Section]:
    """Everything the apps hold about the person, section by section."""
    return [section for c in CONTRIBUTIONS for section in c.collect(person)]


def refusals(person) -> list[str]:
    """Why the person may not be anonymised now (empty: they may)."""
    return [reason for c in CONTRIBUTIONS if c.refusals for reason in c.refusals(person)]


def anonymise(person, label: str) -> dict[str, int]:
    """Replace the person's details by `label` in every app; {app.what: rows changed}.

    The apps go in reverse order, so the register, which comes first and holds the person's
    record, changes it last: the others find their rows by the name and login it still has.
    """
    changed = {}
    for contribution in reversed(CONTRIBUTIONS):
        if contribution.anonymise:
            for what, count in contribution.anonymise(person, label).items():
                changed[f"{contribution.name}.{what}"] = count
    return changed
