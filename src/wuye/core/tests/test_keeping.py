"""`wuye backup` and `wuye restore`: a community with money goes into an archive and comes
back into an empty database with every row and every amount, on SQLite and PostgreSQL."""

import io
import json
import tarfile
from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command
from django.db import connections

from wuye.billing import services as billing
from wuye.billing.tests.fixtures import billed_home
from wuye.core import keeping

pytestmark = pytest.mark.django_db(transaction=True)

MONEY_TABLES = {
    "billing.charge",
    "billing.payment",
    "billing.allocation",
    "billing.ledgerentry",
    "billing.deposit",
    "billing.refund",
    "billing.billrun",
}
PHOTO = b"\x89PNG pretend photo bytes"


@pytest.fixture
def community_with_money(site, settings, tmp_path):
    """Bordeaux Town in miniature with a bill run, payments (one with a prepayment), a
    deposit, a refund request and an uploaded photo."""
    settings.MEDIA_ROOT = tmp_path / "media"
    owner_home, owner2_home = site.units["owner_home"], site.units["owner2_home"]
    billed_home(owner_home, site.manager)
    cashier = site.cashier
    billing.payment_record(unit=owner2_home, amount="88.80", method="wechat_pay", actor=cashier)
    billing.payment_record(unit=owner_home, amount=Decimal("0.30"), method="cash", actor=cashier)
    billing.deposit_take(
        unit=owner2_home, purpose="Renovation", amount="2000.00", method="cash", actor=site.cashier
    )
    billing.refund_request(
        unit=owner2_home, amount="1.00", reason="Paid twice by mistake", actor=site.cashier
    )
    photo = settings.MEDIA_ROOT / "work-orders" / str(site.community.pk) / "2026" / "1-a.png"
    photo.parent.mkdir(parents=True)
    photo.write_bytes(PHOTO)
    return site


@pytest.fixture
def empty_database(tmp_path):
    """A second, empty database beside the test database, as the alias "restored"."""
    default = connections["default"]
    postgres = default.vendor == "postgresql"
    if postgres:
        name = f"{default.settings_dict['NAME']}_restored"
        with default.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{name}"')
            cursor.execute(f'CREATE DATABASE "{name}"')
    else:
        name = str(tmp_path / "restored.sqlite3")
    with keeping.database_alias("default", name, "restored") as alias:
        yield alias
    if postgres:
        with default.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def test_a_restored_backup_holds_every_row_and_every_amount(
    community_with_money, empty_database, settings, tmp_path
):
    archive = tmp_path / "bordeaux.tar"
    call_command("backup", str(archive), stdout=io.StringIO())
    before = keeping.census()
    manifest = keeping.read_manifest(archive)
    assert manifest["vendor"] == connections["default"].vendor
    assert manifest["tables"] == before["tables"]
    assert manifest["tables"]["billing.payment"] == 3
    assert set(manifest["checksums"]) >= MONEY_TABLES
    assert manifest["media_files"] == 1

    settings.MEDIA_ROOT = tmp_path / "restored-media"
    out = io.StringIO()
    call_command("restore", str(archive), database=empty_database, stdout=out)

    assert keeping.census(empty_database) == before
    assert "all" in out.getvalue() and "DIFFERS" not in out.getvalue()
    assert "billing.payment" in out.getvalue()
    photo = next((tmp_path / "restored-media" / "work-orders").rglob("*.png"))
    assert photo.read_bytes() == PHOTO


def test_restore_refuses_a_database_that_holds_data(community_with_money, tmp_path):
    archive = tmp_path / "bordeaux.tar"
    call_command("backup", str(archive), stdout=io.StringIO())
    before = keeping.census()

    with pytest.raises(CommandError, match="already holds data"):
        call_command("restore", str(archive), stdout=io.StringIO())

    assert keeping.census() == before


def test_restore_with_force_replaces_what_the_database_holds(
    community_with_money, empty_database, tmp_path
):
    archive = tmp_path / "bordeaux.tar"
    call_command("backup", str(archive), stdout=io.StringIO())
    call_command("restore", str(archive), database=empty_database, stdout=io.StringIO())

    call_command("restore", str(archive), database=empty_database, force=True, stdout=io.StringIO())

    assert keeping.census(empty_database) == keeping.census()


def test_restore_says_which_table_differs_from_the_manifest(
    community_with_money, empty_database, tmp_path
):
    archive = tmp_path / "bordeaux.tar"
    call_command("backup", str(archive), stdout=io.StringIO())
    altered = tmp_path / "altered.tar"
    with tarfile.open(archive) as source, tarfile.open(altered, "w") as target:
        for member in source.getmembers():
            content = source.extractfile(member).read()
            if member.name == keeping.MANIFEST:
                manifest = json.loads(content)
                manifest["tables"]["billing.payment"] += 1
                content = json.dumps(manifest).encode()
                member.size = len(content)
            target.addfile(member, io.BytesIO(content))
    out = io.StringIO()

    with pytest.raises(CommandError, match="differ"):
        call_command("restore", str(altered), database=empty_database, stdout=out)

    differing = [line for line in out.getvalue().splitlines() if "DIFFERS" in line]
    assert len(differing) == 1 and "billing.payment" in differing[0]


def test_a_file_that_is_not_a_backup_is_refused(db, tmp_path):
    bogus = tmp_path / "photo.tar"
    bogus.write_bytes(b"not a tar file")

    with pytest.raises(CommandError, match="not a Wuye backup"):
        call_command("restore", str(bogus), stdout=io.StringIO())


def test_pg_tools_are_found_where_wuye_pg_bin_points(monkeypatch, tmp_path):
    tool = tmp_path / "pg_dump"
    tool.write_text("#!/bin/sh\n")
    tool.chmod(0o755)
    monkeypatch.setenv("WUYE_PG_BIN", str(tmp_path))

    assert keeping.pg_tool("pg_dump") == str(tool)
