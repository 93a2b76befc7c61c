"""The certificates' periodic work: each morning, holders of certificates about to expire
and their department heads are reminded."""

from django_tasks import task

from wuye.core.schedule import periodic

from . import services


@periodic("30 8 * * *")
@task()
def remind_expiring_certificates() -> int:
    """Remind 60, 30 and 7 days before a certificate expires (once per threshold)."""
    return services.certificates_remind()
