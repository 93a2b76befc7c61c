"""Background work of the core: housekeeping of the task queue itself."""

from datetime import timedelta

from django.utils import timezone
from django_tasks import task
from django_tasks_db.models import DBTaskResult

from . import retention
from .schedule import periodic

FINISHED_TASK_RETENTION_DAYS = 30


@periodic("30 3 * * *")
@task()
def prune_finished_tasks() -> int:
    """Delete finished task results older than the retention period; returns how many."""
    cutoff = timezone.now() - timedelta(days=FINISHED_TASK_RETENTION_DAYS)
    deleted, _ = DBTaskResult.objects.finished().filter(finished_at__lt=cutoff).delete()
    return deleted


@periodic("40 3 * * *")
@task()
def purge_expired_personal_data() -> dict[str, int]:
    """Delete or anonymise the personal data every community has kept past its period
    (个人信息保护法 第四十七条); returns {data class: rows changed}."""
    return retention.purge()
