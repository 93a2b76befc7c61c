"""`wuye scheduler`: enqueue every periodic task on its cron schedule."""

import logging

from apscheduler.schedulers.blocking import BlockingScheduler
from apscheduler.triggers.cron import CronTrigger
from django.conf import settings
from django.core.management.base import BaseCommand

from wuye.core.schedule import discover

logger = logging.getLogger("wuye.scheduler")


class Command(BaseCommand):
    help = "Enqueue periodic tasks on their cron schedules (run one scheduler per site)."

    def add_arguments(self, parser):
        parser.add_argument("--list", action="store_true", help="List the schedule and exit.")

    def handle(self, *args, list=False, **options):
        entries = discover()
        if list:
            for entry in entries:
                self.stdout.write(f"{entry.cron:<20} {entry.name}")
            return
        scheduler = BlockingScheduler(timezone=settings.TIME_ZONE)
        for entry in entries:
            scheduler.add_job(
                entry.task.enqueue,
                CronTrigger.from_crontab(entry.cron, timezone=settings.TIME_ZONE),
                id=entry.name,
                name=entry.name,
                coalesce=True,
                max_instances=1,
                misfire_grace_time=300,
            )
            self.stdout.write(f"scheduled {entry.name} at '{entry.cron}'")
        try:
            scheduler.start()
        except (KeyboardInterrupt, SystemExit):
            scheduler.shutdown(wait=False)
