"""The equipment's daily work: the compliance sweep (reminders, and stopping what lapsed)."""

from django.utils import timezone
from django_tasks import task

from wuye.core.schedule import periodic

from .compliance import compliance_sweep


@periodic("15 6 * * *")
@task()
def sweep_compliance() -> int:
    return compliance_sweep(timezone.localdate())
