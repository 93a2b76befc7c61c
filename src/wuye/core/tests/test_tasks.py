from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from wuye.core.schedule import discover
from wuye.core.tasks import prune_finished_tasks


def test_periodic_tasks_are_discovered_with_their_schedule(capsys):
    names = {entry.name: entry.cron for entry in discover()}
    assert names["wuye.core.tasks.prune_finished_tasks"] == "30 3 * * *"
    call_command("scheduler", "--list")
    assert "prune_finished_tasks" in capsys.readouterr().out


# The worker closes its database connection between tasks, as it should in production;
# these tests therefore run outside the per-test transaction.
@pytest.mark.django_db(transaction=True)
def test_enqueued_task_is_queued_in_the_database_and_run_by_the_worker():
    result = prune_finished_tasks.enqueue()
    row = DBTaskResult.objects.get(pk=result.id)
    assert row.status == "READY"
    call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)
    row.refresh_from_db()
    assert row.status == "SUCCESSFUL"


@pytest.mark.django_db(transaction=True)
def test_pruning_removes_only_old_finished_results():
    old = prune_finished_tasks.enqueue()
    fresh = prune_finished_tasks.enqueue()
    call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)
    DBTaskResult.objects.filter(pk=old.id).update(finished_at=timezone.now() - timedelta(days=31))
    assert prune_finished_tasks.call() == 1
    assert not DBTaskResult.objects.filter(pk=old.id).exists()
    assert DBTaskResult.objects.filter(pk=fresh.id).exists()
