"""Reading a bill run's state for its page."""

from __future__ import annotations

from datetime import datetime

from django_tasks_db import DatabaseBackend

from ..models import BillRun
from ..queries import WORKER_WAIT
from .tasks import generate_bill_run


def unclaimed_worker_command(run: BillRun, now: datetime) -> str | None:
    """When the run is still queued longer than a worker takes to pick one up (the rule of
    `queries.runs_waiting_for_worker`), the command that runs the workers (empty when the
    tasks backend is not the database queue, whose workers are started another way); None
    while all is well."""
    if run.status != BillRun.Status.QUEUED or run.created_at >= now - WORKER_WAIT:
        return None
    if isinstance(generate_bill_run.get_backend(), DatabaseBackend):
        return "wuye db_worker"
    return ""
