"""Background work of billing: bill runs generated outside the request."""

from django_tasks import task

from .billrun import bill_run_generate
from .models import BillRun


@task()
def generate_bill_run(run_id: int) -> int:
    """Generate (or resume) a bill run's charges; returns how many the run has created."""
    run = BillRun.objects.get(pk=run_id)
    return bill_run_generate(run=run).charges_created
