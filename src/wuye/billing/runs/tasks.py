"""Bill runs outside the request: the worker generates (or resumes) a run's charges."""

from django_tasks import task

from ..models import BillRun
from .generate import bill_run_generate


@task()
def generate_bill_run(run_id: int) -> int:
    """Generate (or resume) a bill run's charges; returns how many the run has created."""
    run = BillRun.objects.get(pk=run_id)
    return bill_run_generate(run=run).charges_created
