"""Periodic work of visitors' passes: close the passes whose window has ended."""

from django_tasks import task

from wuye.core.schedule import periodic

from . import services


@periodic("*/15 * * * *")
@task()
def passes_close() -> dict[str, int]:
    """Mark ended passes no-show (never used) or expired, every quarter of an hour."""
    return services.passes_close()
