"""Background work of the customer center."""

from django_tasks import task

from wuye.core.schedule import periodic

from . import services
from .indicators import tally


@periodic("* * * * *")
@task()
def sla_sweep() -> dict[str, int]:
    """Every minute: warn of deadlines near, escalate breaches (see services.sla_sweep)."""
    return services.sla_sweep()


@periodic("*/5 * * * *")
@task()
def indicators_summary_refresh() -> dict[str, int]:
    """Every five minutes: summarise the days the indicators read from the daily summary
    (see tally.refresh); the dashboard is exact without it, only slower."""
    return tally.refresh()
