"""Background work of the customer center."""

from django_tasks import task

from wuye.core.schedule import periodic

from . import services


@periodic("* * * * *")
@task()
def sla_sweep() -> dict[str, int]:
    """Every minute: warn of deadlines near, escalate breaches (see services.sla_sweep)."""
    return services.sla_sweep()
