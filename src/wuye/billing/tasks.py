"""Background work of billing: bill runs outside the request, late fees every night."""

from django_tasks import task

from wuye.core.models import Community
from wuye.core.schedule import periodic

from .models import BillingSettings, BillRun
from .runs.generate import bill_run_generate
from .services import late_fees_assess


@task()
def generate_bill_run(run_id: int) -> int:
    """Generate (or resume) a bill run's charges; returns how many the run has created."""
    run = BillRun.objects.get(pk=run_id)
    return bill_run_generate(run=run).charges_created


@periodic("15 1 * * *")
@task()
def assess_late_fees() -> int:
    """Bring late fees up to date in the communities that have them switched on."""
    ids = BillingSettings.objects.filter(late_fee_enabled=True).values_list("community_id")
    return sum(late_fees_assess(community=c) for c in Community.objects.filter(pk__in=ids))
