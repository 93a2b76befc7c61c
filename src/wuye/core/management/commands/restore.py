"""`wuye restore FILE`: an archive of `wuye backup` put back, then checked against its
manifest."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from wuye.core import keeping


class Command(BaseCommand):
    help = (
        "Restore a `wuye backup` archive into an empty database (or over one that holds data "
        "with --force), then compare every table's rows and checksum with the manifest."
    )

    def add_arguments(self, parser):
        parser.add_argument("archive", help="The archive written by `wuye backup`.")
        parser.add_argument("--database", default="default", help="The database alias.")
        parser.add_argument(
            "--force",
            action="store_true",
            help="Replace a database that holds data with the backup.",
        )

    def handle(self, *args, archive, database="default", force=False, **options):
        try:
            manifest, checks = keeping.restore(Path(archive), using=database, force=force)
        except keeping.KeepingError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(
            f"Backup of {manifest['created_at']} (Wuye {manifest['version']}, "
            f"{manifest['vendor']} '{manifest['database']}'):"
        )
        width = max(len(check.table) for check in checks)
        for check in checks:
            mark = "ok" if check.ok else "DIFFERS"
            expected, found = check.expected, check.found
            if check.kind == "checksum":
                expected, found = str(expected)[:12], str(found)[:12]
            self.stdout.write(
                f"  {check.kind:<8} {check.table:<{width}}  {expected!s:>12}  {found!s:>12}  {mark}"
            )
        differing = [check for check in checks if not check.ok]
        if differing:
            raise CommandError(
                f"{len(differing)} of {len(checks)} figures differ from the backup's manifest."
            )
        self.stdout.write(
            self.style.SUCCESS(f"Restored; all {len(checks)} figures match the backup's manifest.")
        )
