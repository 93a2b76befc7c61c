"""Maintenance's periodic work: every day each plan's next task is made, whatever the roster
says, so a statutory task nobody is rostered for still appears (and, left open, is a breach)."""

from django.utils import timezone
from django_tasks import task

from wuye.core.schedule import periodic

from . import services


@periodic("15 0 * * *")
@task()
def generate_maintenance_tasks() -> int:
    return services.tasks_generate_all(timezone.localdate())
