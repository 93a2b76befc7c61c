"""Reading a bill run's state for its page."""

from __future__ import annotations

from datetime import datetime, timedelta

from django_tasks_db import DatabaseBackend

from ..models import BillRun
from .tasks import generate_bill_run

# A queued run no worker has taken after this long is reported as waiting for a worker.
UNCLAIMED_AFTER = timedelta(seconds=30)


def unclaimed_worker_command(run: BillRun, now: datetime) -> str | None:
    """When no worker has taken the queued `run` within `UNCLAIMED_AFTER` of its queueing,
    the command that runs the workers (empty when the tasks backend is not the database
    queue, whose workers are started another way); None while all is well."""
    if run.status != BillRun.Status.QUEUED or run.started_at is not None:
        return None
    if now - run.created_at < UNCLAIMED_AFTER:
        return None
    if isinstance(generate_bill_run.get_backend(), DatabaseBackend):
        return "wuye db_worker"
    return ""
