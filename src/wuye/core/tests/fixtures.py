"""Core's test kit: China's 2025-2026 working calendar with service hours 08:00-18:00,
moments in Shanghai time, and the database as a file on disk.

Registered as a pytest plugin in the root conftest.
"""

import sqlite3
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from django.db import connections
from django.db.utils import load_backend

from wuye.core.calendar import ServiceCalendar, china_calendar_days

SHANGHAI = ZoneInfo("Asia/Shanghai")


def china_days() -> dict[date, bool]:
    """{date: is a working day} for every public holiday and swapped day of 2025-2026."""
    return {
        day: kind == "workday"
        for year in (2025, 2026)
        for day, kind, _name in china_calendar_days(year)
    }


CHINA = ServiceCalendar(days=china_days(), zone=SHANGHAI)


def at(year, month, day, hour=0, minute=0, second=0) -> datetime:
    """A moment in Shanghai."""
    return datetime(year, month, day, hour, minute, second, tzinfo=SHANGHAI)


@pytest.fixture
def file_database(db, tmp_path) -> Path:
    """The product's database as a file, set up as the settings set it up (write-ahead log
    included), in place of the in-memory test database while the test runs: the file the
    path returned names is the one the product writes. SQLite only."""
    memory = connections["default"]
    if memory.vendor != "sqlite":
        pytest.skip("the database file is SQLite's")
    path = tmp_path / "wuye.sqlite3"
    with memory.cursor() as cursor:  # the migrated schema, tables before their indexes
        cursor.execute(
            "SELECT sql FROM sqlite_master WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite_%' "
            "ORDER BY type = 'table' DESC, rowid"
        )
        schema = [row[0] for row in cursor.fetchall()]
    copy = sqlite3.connect(path)
    for statement in schema:
        copy.execute(statement)
    copy.commit()
    copy.close()
    settings_dict = {**memory.settings_dict, "NAME": str(path)}
    on_file = load_backend(settings_dict["ENGINE"]).DatabaseWrapper(settings_dict, "default")
    connections["default"] = on_file
    try:
        yield path
    finally:
        on_file.close()
        connections["default"] = memory


def file_bytes(path: Path) -> bytes:
    """What is on disk for the SQLite database at `path`: the file and its write-ahead log."""
    wal = path.with_name(path.name + "-wal")
    return path.read_bytes() + (wal.read_bytes() if wal.exists() else b"")
