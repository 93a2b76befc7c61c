"""`wuye purge`: delete or anonymise the personal data kept past its period, now."""

from django.core.management.base import BaseCommand, CommandError

from wuye.core import retention
from wuye.core.models import Community


class Command(BaseCommand):
    help = (
        "Delete or anonymise the personal data each community has kept past its retention "
        "period (the nightly task does the same), and print how many rows of each class."
    )

    def add_arguments(self, parser):
        parser.add_argument("--community", type=int, help="Only this community (its number).")
        parser.add_argument(
            "--dry-run", action="store_true", help="Count what would change; change nothing."
        )

    def handle(self, *args, community=None, dry_run=False, **options):
        if community is not None and not Community.objects.filter(pk=community).exists():
            raise CommandError(f"There is no community {community}.")
        counts = retention.purge(community, dry_run=dry_run)
        width = max((len(key) for key in counts), default=0)
        for key, count in counts.items():
            self.stdout.write(f"{key:<{width}}  {count}")
        if dry_run:
            self.stdout.write("Dry run: nothing was changed.")
