"""How long personal data is kept (个人信息保护法 第十九、四十七条).

Each app declares in its `retention.py` a `DATA_CLASSES` list (read by `core.registries`): a
class of personal data it holds, how long it is kept by default, and how it deletes or
anonymises what has outlived its period in one community.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from django.utils.functional import Promise


@dataclass(frozen=True)
class DataClass:
    """A class of personal data with its lawful default period.

    `purge(community_id, before)` deletes or anonymises the community's rows of this class
    whose period ended before `before` (an aware datetime) and returns how many it changed;
    it is idempotent: a second call with the same `before` changes nothing.
    """

    key: str
    label: str | Promise
    default_days: int
    purge: Callable[[int, datetime], int]
    order: int = 0


# Filled by the apps in their `AppConfig.ready()`, in `order`.
DATA_CLASSES: list[DataClass] = []


def register(*classes: DataClass) -> None:
    for data_class in classes:
        if all(c.key != data_class.key for c in DATA_CLASSES):
            DATA_CLASSES.append(data_class)
    DATA_CLASSES.sort(key=lambda c: (c.order, c.key))
