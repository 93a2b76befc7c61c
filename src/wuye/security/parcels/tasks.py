"""The parcels' periodic work: each morning, households whose parcel has waited too long
are reminded."""

from django_tasks import task

from wuye.core.schedule import periodic

from . import services


@periodic("0 9 * * *")
@task()
def remind_overdue_parcels() -> int:
    """Remind the homes of overdue parcels (once a day per parcel, however often it runs)."""
    return services.parcels_remind_overdue()
