"""Background work of owners' votes."""

from django_tasks import task

from wuye.core.schedule import periodic

from . import services


@periodic("* * * * *")
@task()
def open_due_votes() -> int:
    """Freeze the electorate of votes whose opening time has come (ballots also do it)."""
    return services.votes_open_due()
