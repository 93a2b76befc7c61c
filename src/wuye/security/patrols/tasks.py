"""The patrols' periodic work: the day's tasks are made ahead, and every minute the points
whose window closed unscanned are marked missed and their supervisor told, once each."""

from datetime import timedelta

from django.utils import timezone
from django_tasks import task

from wuye.core.schedule import periodic

from . import services


@periodic("*/30 * * * *")
@task()
def generate_patrol_tasks() -> int:
    """Today's and tomorrow's tasks of every community with an active plan (idempotent)."""
    today = timezone.localdate()
    return services.tasks_generate_all(today) + services.tasks_generate_all(
        today + timedelta(days=1)
    )


@periodic("* * * * *")
@task()
def sweep_missed_points() -> int:
    return services.sweep_missed()
