"""How long personal data is kept (个人信息保护法 第十九、四十七条).

Each app declares in its `retention.py` a `DATA_CLASSES` list (read by `core.registries`): a
class of personal data it holds, how long it is kept by default, and how it deletes or
anonymises what has outlived its period in one community. A community may keep a class for
another period (`RetentionPeriod`, set on the settings page "Data retention").

`purge` runs every class in every community, each with its own cut-off, writes one audit
entry per community that lost data (the counts and the periods, never the data), and then
makes the deleted bytes leave the database file: on SQLite the purge deletes with
`secure_delete` on, then `VACUUM` rewrites the file and the write-ahead log is checkpointed
and truncated; on PostgreSQL `VACUUM` marks the dead rows' space of the classes' tables free,
and later writes overwrite it (`VACUUM FULL` would rewrite the tables at once, but it locks
them against every read for as long as it runs, and the gate reads passes all night).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.apps import apps
from django.db import connection, transaction
from django.utils import timezone
from django.utils.functional import Promise

from . import audit, configure
from .models import AuditEntry, Community, RetentionPeriod

PURGED = "retention.purged"
PERIOD_CHANGED = "retention.period_change"


@dataclass(frozen=True)
class DataClass:
    """A class of personal data with its lawful default period.

    `purge(community_id, before)` deletes or anonymises the community's rows of this class
    whose period ended before `before` (an aware datetime) and returns how many it changed;
    it is idempotent: a second call with the same `before` changes nothing. It runs inside a
    transaction that a dry run rolls back, so files are removed on commit only
    (`transaction.on_commit`). `models` names the tables that hold the class's rows
    ("app.model"), vacuumed on PostgreSQL after a purge that changed some. The rows' own
    `__str__` should not hold the person's name: the audit trail, which keeps it, is never
    purged.
    """

    key: str
    label: str | Promise
    default_days: int
    purge: Callable[[int, datetime], int]
    order: int = 0
    models: tuple[str, ...] = ()


# Filled by the apps in their `AppConfig.ready()`, in `order`.
DATA_CLASSES: list[DataClass] = []


def register(*classes: DataClass) -> None:
    for data_class in classes:
        if all(c.key != data_class.key for c in DATA_CLASSES):
            DATA_CLASSES.append(data_class)
    DATA_CLASSES.sort(key=lambda c: (c.order, c.key))


def data_class(key: str) -> DataClass:
    """The registered class `key`; LookupError when no app declares it."""
    for candidate in DATA_CLASSES:
        if candidate.key == key:
            return candidate
    raise LookupError(f"No app keeps a data class {key!r}.")


# ---- periods ------------------------------------------------------------------------------


def periods(community_id: int) -> dict[str, int]:
    """Days each registered class is kept in the community: its own period, else the
    class's lawful default (one query)."""
    own = dict(RetentionPeriod.objects.filter(community_id=community_id).values_list("key", "days"))
    return {c.key: own.get(c.key, c.default_days) for c in DATA_CLASSES}


def period(community_id: int, key: str) -> int:
    """Days the community keeps the class `key`."""
    default = data_class(key).default_days
    own = RetentionPeriod.objects.filter(community_id=community_id, key=key)
    return own.values_list("days", flat=True).first() or default


@transaction.atomic
def retention_periods_set(*, actor, community: Community, days: dict[str, int]) -> dict:
    """Set the community's period of each class in `days`, each change audited with its
    old and new value; nothing is saved when one value breaks the rules (at least a day, at
    most ten years). PermissionDenied unless the actor may change the community."""
    own = {row.key: row for row in RetentionPeriod.objects.filter(community=community)}
    changes = {}
    for key, value in days.items():
        kept = data_class(key)
        row = own.get(key) or RetentionPeriod(community=community, key=key, days=kept.default_days)
        if row.days == value:
            continue
        row.label = kept.label  # what the history shows for the row
        changed = configure.save_setting(
            actor=actor,
            perm="community.change",
            community_id=community.pk,
            obj=row,
            fields={"days": value},
            action=PERIOD_CHANGED,
        )
        if changed:
            changes[key] = changed["days"]
    return changes


# ---- the purge ----------------------------------------------------------------------------


def purge(
    community: Community | int | None = None,
    now: datetime | None = None,
    *,
    dry_run: bool = False,
) -> dict[str, int]:
    """Delete or anonymise what has outlived its period, in one community or in all:
    {class key: rows changed}, summed over the communities.

    Each community's classes change in one transaction with one audit entry of the counts;
    a second run finds nothing and writes nothing. With `dry_run` every change is rolled
    back and the counts say what a purge would change."""
    now = now or timezone.now()
    communities = Community.objects.order_by("pk")
    if community is not None:
        communities = communities.filter(pk=getattr(community, "pk", community))
    totals = dict.fromkeys((c.key for c in DATA_CLASSES), 0)
    with _secure_delete():
        for one in communities.iterator():
            for key, count in _purge_community(one, now, dry_run=dry_run).items():
                totals[key] += count
    if not dry_run and any(totals.values()):
        changed = [c for c in DATA_CLASSES if totals[c.key]]
        tables = _tables(changed) if all(c.models for c in changed) else None
        if connection.in_atomic_block:
            transaction.on_commit(lambda: release_free_space(tables))
        else:
            release_free_space(tables)
    return totals


def _purge_community(community: Community, now: datetime, *, dry_run: bool) -> dict[str, int]:
    with transaction.atomic():
        days = periods(community.pk)
        counts = {
            c.key: c.purge(community.pk, now - timedelta(days=days[c.key])) for c in DATA_CLASSES
        }
        if dry_run:
            transaction.set_rollback(True)
        elif any(counts.values()):
            audit.record(
                actor=None,
                action=PURGED,
                obj=community,
                changes={"counts": counts, "days": {key: days[key] for key in counts}},
            )
    return counts


def _tables(classes: Iterable[DataClass]) -> list[str]:
    return sorted({apps.get_model(label)._meta.db_table for c in classes for label in c.models})


class _secure_delete:
    """While inside, SQLite overwrites deleted content with zeros instead of leaving it in
    free pages (`PRAGMA secure_delete`); the connection's own setting comes back after."""

    def __enter__(self):
        self.before = None
        if connection.vendor == "sqlite":
            with connection.cursor() as cursor:
                cursor.execute("PRAGMA secure_delete")
                self.before = cursor.fetchone()[0]
                cursor.execute("PRAGMA secure_delete = ON")

    def __exit__(self, *exc):
        if self.before is not None:
            with connection.cursor() as cursor:
                cursor.execute(f"PRAGMA secure_delete = {int(self.before)}")


def release_free_space(tables: list[str] | None = None) -> None:
    """Make deleted rows leave the database file (call outside a transaction).

    SQLite: `VACUUM` rewrites the file from its live rows, then the write-ahead log, which
    still holds old pages, is checkpointed and truncated. PostgreSQL: `VACUUM` of `tables`
    (all tables when None) frees the dead rows' space for the next writes."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("VACUUM")
            cursor.execute("PRAGMA journal_mode")
            if cursor.fetchone()[0].lower() == "wal":
                cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        elif connection.vendor == "postgresql":
            if tables is None:
                cursor.execute("VACUUM")
            for table in tables or ():
                cursor.execute(f"VACUUM {connection.ops.quote_name(table)}")


# ---- reading for the settings page --------------------------------------------------------


def last_purge(community_id: int) -> AuditEntry | None:
    """The audit entry of the community's last purge that changed data."""
    entries = AuditEntry.objects.filter(community_id=community_id, action=PURGED)
    return entries.order_by("-at", "-id").first()


def overview(community_id: int) -> tuple[list[dict], AuditEntry | None]:
    """Each class with its label, lawful default, the community's period and what the last
    purge changed ({"key", "label", "default_days", "days", "purged"}), and the last purge's
    audit entry (two queries)."""
    days = periods(community_id)
    last = last_purge(community_id)
    counts = (last.changes or {}).get("counts", {}) if last else {}
    rows = [
        {
            "key": c.key,
            "label": c.label,
            "default_days": c.default_days,
            "days": days[c.key],
            "purged": counts.get(c.key, 0) if last else None,
        }
        for c in DATA_CLASSES
    ]
    return rows, last
