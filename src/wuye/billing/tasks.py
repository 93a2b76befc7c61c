"""Billing's periodic work: late fees every night. Bill runs have their task in `runs`."""

from django_tasks import task

from wuye.core.models import Community
from wuye.core.schedule import periodic

from .models import BillingSettings
from .services import late_fees_assess


@periodic("15 1 * * *")
@task()
def assess_late_fees() -> int:
    """Bring late fees up to date in the communities that have them switched on."""
    ids = BillingSettings.objects.filter(late_fee_enabled=True).values_list("community_id")
    return sum(late_fees_assess(community=c) for c in Community.objects.filter(pk__in=ids))
