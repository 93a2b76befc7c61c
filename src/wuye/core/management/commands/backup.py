"""`wuye backup FILE`: the database and the uploaded files in one archive."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from wuye.core import keeping


class Command(BaseCommand):
    help = (
        "Write the database (PostgreSQL: pg_dump custom format; SQLite: the online backup API) "
        "and the uploaded files to one .tar archive with a manifest of row counts and checksums."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "archive",
            nargs="?",
            help="The archive to write (default: wuye-backup-<date-time>.tar here).",
        )
        parser.add_argument("--database", default="default", help="The database alias.")

    def handle(self, *args, archive=None, database="default", **options):
        stamp = timezone.localtime().strftime("%Y%m%d-%H%M%S")
        target = Path(archive or f"wuye-backup-{stamp}.tar")
        if target.exists():
            raise CommandError(f"{target} exists already; choose another file name.")
        try:
            manifest = keeping.backup(target, using=database)
        except keeping.KeepingError as error:
            raise CommandError(str(error)) from None
        rows = sum(manifest["tables"].values())
        self.stdout.write(
            self.style.SUCCESS(
                f"Backed up {manifest['vendor']} database '{manifest['database']}': "
                f"{len(manifest['tables'])} tables, {rows} rows, "
                f"{manifest['media_files']} uploaded files, to {target}."
            )
        )
