"""Keeping data: the database and the uploaded files in one archive, and back again.

An archive is a tar file holding

- `database.pgdump` (PostgreSQL, `pg_dump --format=custom`) or `database.sqlite3` (SQLite,
  a copy taken with the online backup API), taken at one moment;
- `media/`: every uploaded file (work-order photos, notice attachments);
- `manifest.json`: the format, Wuye's version, when and from which database vendor it was
  taken, the rows of every table and a checksum of every table that holds amounts, counted
  at the same moment as the dump.

`restore` puts an archive back into an empty database (or, with `force`, over one that holds
data), then counts again and compares with the manifest, so a restore that lost or changed
a row of money says so.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from contextlib import contextmanager
from dataclasses import dataclass
from decimal import Decimal
from importlib import metadata
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.db import connections, models, router, transaction
from django.db.utils import load_backend
from django.utils import timezone

FORMAT = 1
MANIFEST = "manifest.json"
MEDIA = "media"
DUMPS = {"postgresql": "database.pgdump", "sqlite": "database.sqlite3"}
# Rows the schema itself writes (`migrate` fills them in an empty database): not data.
SCHEMA_ROWS = {"contenttypes.contenttype", "auth.permission"}
DEBIAN_PG_BIN = Path("/usr/lib/postgresql/15/bin")


class KeepingError(Exception):
    """A backup or restore that cannot go on; the message says why."""


@dataclass(frozen=True)
class Check:
    """One figure of the manifest compared with the restored database."""

    kind: str  # "rows" or "checksum"
    table: str
    expected: int | str
    found: int | str | None

    @property
    def ok(self) -> bool:
        return self.expected == self.found


# ---- counting ---------------------------------------------------------------------------------


def _models():
    """Every concrete table of the project, by model label, in a stable order."""
    found = [
        model
        for model in apps.get_models(include_auto_created=True)
        if model._meta.managed and not model._meta.proxy
    ]
    return sorted(found, key=lambda model: model._meta.label_lower)


def _decimal_fields(model) -> list[models.DecimalField]:
    return [f for f in model._meta.concrete_fields if isinstance(f, models.DecimalField)]


def _checksum(model, using: str) -> str:
    """SHA-256 of the table's rows in key order: the key and every decimal column, written
    with the column's places, so 12.5 read back from SQLite and 12.50 from PostgreSQL agree."""
    fields = _decimal_fields(model)
    places = [Decimal(1).scaleb(-f.decimal_places) for f in fields]
    digest = hashlib.sha256()
    rows = (
        model._base_manager.using(using)
        .order_by("pk")
        .values_list("pk", *(f.attname for f in fields))
        .iterator(chunk_size=5000)
    )
    for pk, *amounts in rows:
        written = [
            "" if amount is None else str(Decimal(amount).quantize(step))
            for amount, step in zip(amounts, places, strict=True)
        ]
        digest.update(("|".join([str(pk), *written]) + "\n").encode())
    return digest.hexdigest()


def census(using: str = "default") -> dict[str, dict[str, int | str]]:
    """The rows of every table, and a checksum of every table with amounts (money, areas,
    readings): `{"tables": {label: rows}, "checksums": {label: sha256}}`."""
    tables, checksums = {}, {}
    for model in _models():
        if not router.allow_migrate_model(using, model):
            continue
        label = model._meta.label_lower
        tables[label] = model._base_manager.using(using).count()
        if _decimal_fields(model):
            checksums[label] = _checksum(model, using)
    return {"tables": tables, "checksums": checksums}


def holds_data(using: str = "default") -> bool:
    """Whether the database holds any row beyond what migrating an empty database writes."""
    existing = set(connections[using].introspection.table_names())
    return any(
        model._meta.db_table in existing and model._base_manager.using(using).exists()
        for model in _models()
        if model._meta.label_lower not in SCHEMA_ROWS
    )


def compare(manifest: dict, using: str = "default") -> list[Check]:
    """Each row count and checksum of the manifest beside the database's own."""
    now = census(using)
    checks = [
        Check("rows", table, expected, now["tables"].get(table))
        for table, expected in sorted(manifest["tables"].items())
    ]
    checks += [
        Check("checksum", table, expected, now["checksums"].get(table))
        for table, expected in sorted(manifest["checksums"].items())
    ]
    return checks


# ---- PostgreSQL tools -------------------------------------------------------------------------


def pg_tool(name: str) -> str:
    """The path of `pg_dump` or `pg_restore`: under $WUYE_PG_BIN, else on the PATH, else in
    Debian's PostgreSQL 15 directory."""
    candidates = []
    if folder := os.environ.get("WUYE_PG_BIN"):
        candidates.append(Path(folder) / name)
    if found := shutil.which(name):
        candidates.append(Path(found))
    candidates.append(DEBIAN_PG_BIN / name)
    for path in candidates:
        if path.is_file() and os.access(path, os.X_OK):
            return str(path)
    raise KeepingError(
        f"{name} was not found: install the PostgreSQL client tools or set WUYE_PG_BIN "
        "to the folder that holds them."
    )


def _pg_arguments(settings_dict: dict) -> tuple[list[str], dict[str, str]]:
    """Connection arguments and environment for the PostgreSQL tools."""
    arguments = ["--dbname", settings_dict["NAME"]]
    for option, key in (("--host", "HOST"), ("--port", "PORT"), ("--username", "USER")):
        if settings_dict.get(key):
            arguments += [option, str(settings_dict[key])]
    environment = dict(os.environ)
    if settings_dict.get("PASSWORD"):
        environment["PGPASSWORD"] = settings_dict["PASSWORD"]
    return arguments, environment


def _run(command: list[str], environment: dict[str, str]) -> None:
    done = subprocess.run(command, env=environment, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        tool = Path(command[0]).name
        raise KeepingError(f"{tool} failed: {done.stderr.strip() or done.returncode}")


# ---- backing up -------------------------------------------------------------------------------


def _dump_postgresql(using: str, target: Path) -> dict:
    """Dump and count in one snapshot: the dump and the manifest describe the same moment."""
    connection = connections[using]
    arguments, environment = _pg_arguments(connection.settings_dict)
    with transaction.atomic(using=using):
        with connection.cursor() as cursor:
            cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            cursor.execute("SELECT pg_export_snapshot()")
            snapshot = cursor.fetchone()[0]
        figures = census(using)
        _run(
            [
                pg_tool("pg_dump"),
                "--format=custom",
                "--no-owner",
                "--no-privileges",
                f"--snapshot={snapshot}",
                "--file",
                str(target),
                *arguments,
            ],
            environment,
        )
    return figures


def _dump_sqlite(using: str, target: Path) -> dict:
    """Copy with the online backup API (in one step, so one moment), then count the copy."""
    copy = sqlite3.connect(target)
    try:
        connections[using].connection.backup(copy)
    finally:
        copy.close()
    with sqlite_alias(using, target) as alias:
        return census(alias)


@contextmanager
def sqlite_alias(like: str, path: Path):
    """The SQLite file at `path` as a connection alias while inside, set up as `like` but
    read as it is (no journal mode set on it)."""
    with database_alias(like, str(path), f"keeping-{path.name}", init_command=False) as alias:
        yield alias


@contextmanager
def database_alias(like: str, name: str, alias: str, *, init_command: bool = True):
    """The database `name`, on the server of `like`, reachable as `alias` while inside."""
    settings_dict = {**connections[like].settings_dict, "NAME": name}
    if not init_command:
        settings_dict["OPTIONS"] = {
            key: value
            for key, value in settings_dict.get("OPTIONS", {}).items()
            if key != "init_command"
        }
    backend = load_backend(settings_dict["ENGINE"])
    connections[alias] = backend.DatabaseWrapper(settings_dict, alias)
    try:
        yield alias
    finally:
        connections[alias].close()
        del connections[alias]


def _version() -> str:
    try:
        return metadata.version("wuye")
    except metadata.PackageNotFoundError:
        return "unknown"


def _media_files(root: Path):
    if root.is_dir():
        for path in sorted(root.rglob("*")):
            if path.is_file() and not path.is_symlink():
                yield path


def backup(archive: Path, *, using: str = "default", media_root: Path | None = None) -> dict:
    """Write the database and the uploaded files to `archive`; returns the manifest."""
    connection = connections[using]
    vendor = connection.vendor
    if vendor not in DUMPS:
        raise KeepingError(f"Backing up a {vendor} database is not supported.")
    media_root = Path(media_root or settings.MEDIA_ROOT)
    connection.ensure_connection()
    with tempfile.TemporaryDirectory(prefix="wuye-backup-") as folder:
        dump = Path(folder) / DUMPS[vendor]
        dumper = _dump_postgresql if vendor == "postgresql" else _dump_sqlite
        figures = dumper(using, dump)
        files = list(_media_files(media_root))
        manifest = {
            "format": FORMAT,
            "version": _version(),
            "created_at": timezone.now().isoformat(),
            "vendor": vendor,
            "database": Path(str(connection.settings_dict["NAME"])).name,
            "media_files": len(files),
            "media_bytes": sum(path.stat().st_size for path in files),
            **figures,
        }
        manifest_file = Path(folder) / MANIFEST
        manifest_file.write_text(json.dumps(manifest, indent=2, sort_keys=True))
        partial = archive.with_name(archive.name + ".partial")
        with tarfile.open(partial, "w") as tar:
            tar.add(manifest_file, arcname=MANIFEST)
            tar.add(dump, arcname=dump.name)
            for path in files:
                tar.add(path, arcname=f"{MEDIA}/{path.relative_to(media_root).as_posix()}")
        partial.replace(archive)
    return manifest


# ---- restoring --------------------------------------------------------------------------------


def read_manifest(archive: Path) -> dict:
    """The archive's manifest; KeepingError when the file is not a Wuye archive."""
    try:
        with tarfile.open(archive, "r") as tar:
            member = tar.getmember(MANIFEST)
            manifest = json.loads(tar.extractfile(member).read())
    except (OSError, KeyError, tarfile.TarError, ValueError) as error:
        raise KeepingError(f"{archive} is not a Wuye backup: {error}") from None
    if manifest.get("format") != FORMAT:
        raise KeepingError(f"{archive} has backup format {manifest.get('format')}, not {FORMAT}.")
    return manifest


def _restore_postgresql(using: str, dump: Path) -> None:
    connection = connections[using]
    connection.close()
    arguments, environment = _pg_arguments(connection.settings_dict)
    _run(
        [
            pg_tool("pg_restore"),
            "--clean",
            "--if-exists",
            "--no-owner",
            "--no-privileges",
            "--single-transaction",
            "--exit-on-error",
            *arguments,
            str(dump),
        ],
        environment,
    )


def _restore_sqlite(using: str, dump: Path) -> None:
    """Copy the backup over the database's pages with the online backup API."""
    connection = connections[using]
    connection.ensure_connection()
    source = sqlite3.connect(dump)
    try:
        source.backup(connection.connection)
    finally:
        source.close()


def restore(
    archive: Path,
    *,
    using: str = "default",
    media_root: Path | None = None,
    force: bool = False,
) -> tuple[dict, list[Check]]:
    """Put `archive` back; returns its manifest and the comparison with the restored database.

    Refuses a database that holds data unless `force`, and an archive of another vendor.
    """
    manifest = read_manifest(archive)
    vendor = connections[using].vendor
    if manifest["vendor"] != vendor:
        raise KeepingError(
            f"The backup is of a {manifest['vendor']} database; this one is {vendor}."
        )
    if not force and holds_data(using):
        raise KeepingError(
            "The database already holds data. Restore into an empty database, or pass "
            "--force to replace everything in it with the backup."
        )
    media_root = Path(media_root or settings.MEDIA_ROOT)
    with tempfile.TemporaryDirectory(prefix="wuye-restore-") as folder:
        with tarfile.open(archive, "r") as tar:
            dump_name = DUMPS[vendor]
            tar.extract(dump_name, folder, filter="data")
            media = [m for m in tar.getmembers() if m.name.startswith(f"{MEDIA}/")]
            tar.extractall(folder, members=media, filter="data")
        restorer = _restore_postgresql if vendor == "postgresql" else _restore_sqlite
        restorer(using, Path(folder) / dump_name)
        unpacked = Path(folder) / MEDIA
        if unpacked.is_dir():
            media_root.mkdir(parents=True, exist_ok=True)
            shutil.copytree(unpacked, media_root, dirs_exist_ok=True)
    return manifest, compare(manifest, using)
