"""What receiving an order reads and what rarely changes, kept in memory.

Per community: its SLA targets for every category and priority (its policies, else the
defaults of its standard), its service hours and its customer-center settings; per community
and year: the days of its service calendar (the company's, overridden by its own). Receiving
an order then reads no configuration from the database.

Entries are kept by each process for `TIMEOUT` seconds under a generation number held in
Django's cache. Saving or deleting a calendar day, a service standard,
a community, an SLA policy or customer-center settings bumps it (at once, and again when the
transaction commits, so that a process that read the old rows in between does not keep them),
which makes every entry stale; so does `calendar_changed`, sent by writes that bypass model
signals (seeding a holiday schedule, seeding SLA policies). With a Django cache shared by
the processes (Redis, Memcached) a change is seen by all of them at once; with the default
per-process memory cache, another process sees it when its entries expire.
"""

from __future__ import annotations

import time as clock
from dataclasses import dataclass
from datetime import date

from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save

from wuye.core.calendar import ServiceCalendar, calendar_changed, calendar_days
from wuye.core.models import CalendarDay, Community, ServiceStandard
from wuye.core.standards import standard_of

from .models import DeskSettings, SlaPolicy
from .targets import community_targets

TIMEOUT = 60
GENERATION = "servicedesk:config-generation"
Hours = tuple[tuple, ...]


def _generation() -> int:
    value = cache.get(GENERATION)
    if value is None:
        value = clock.time_ns()
        cache.add(GENERATION, value, None)
        value = cache.get(GENERATION, value)
    return value


_entries: dict[tuple, tuple[float, object]] = {}


def _remembered(key: tuple, load):
    """The entry of `key` under the current generation, loaded by `load()` when missing or
    older than TIMEOUT seconds."""
    key = (_generation(), *key)
    now = clock.monotonic()
    found = _entries.get(key)
    if found is not None and found[0] > now:
        return found[1]
    if found is None and len(_entries) > 10_000:
        _entries.clear()
    value = load()
    _entries[key] = (now + TIMEOUT, value)
    return value


def bump(**_kwargs) -> None:
    """Make every cached entry stale, now and again once the current transaction commits."""
    cache.set(GENERATION, clock.time_ns(), None)
    transaction.on_commit(lambda: cache.set(GENERATION, clock.time_ns(), None))


def connect() -> None:
    for model in (CalendarDay, ServiceStandard, Community, SlaPolicy, DeskSettings):
        post_save.connect(bump, sender=model, dispatch_uid=f"servicedesk-cache-{model.__name__}")
        post_delete.connect(
            bump, sender=model, dispatch_uid=f"servicedesk-cache-del-{model.__name__}"
        )
    calendar_changed.connect(bump, dispatch_uid="servicedesk-cache-calendar")


# ---- per community -------------------------------------------------------------------------


def _hours(community: Community) -> Hours:
    standard = standard_of(community)
    return ((standard.service_opens_at, standard.service_closes_at),)


@dataclass(frozen=True)
class Configuration:
    """What a community's deadlines are counted with."""

    community: Community
    targets: dict  # {(category, priority): {"response"|"arrival"|"resolution": Target}}
    hours: Hours
    settings: DeskSettings

    def calendar(self) -> ServiceCalendar:
        """The community's service calendar, its days read through the cache."""
        community = self.community
        return ServiceCalendar(hours=self.hours, load_year=lambda year: _days(community, year))


def configuration(community: Community) -> Configuration:
    """The community's SLA targets, service hours and customer-center settings (the defaults,
    unsaved, when it has none), from the cache."""
    return _remembered(
        ("community", community.pk),
        lambda: Configuration(
            community=community,
            targets=community_targets(community),
            hours=_hours(community),
            settings=DeskSettings.for_community(community.pk),
        ),
    )


def _days(community: Community, year: int) -> dict[date, bool]:
    return _remembered(
        ("calendar", community.pk, year), lambda: calendar_days(community, year, year)
    )
