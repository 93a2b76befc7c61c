"""The servicedesk's duty roster moves into the staff rosters without losing a row: each day
and night duty becomes a published entry of the repair-duty post, and the night repair duty
still answers at three in the morning."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from wuye.staff.models import RosterEntry
from wuye.staff.rosters.queries import on_duty_ids

SHANGHAI = ZoneInfo("Asia/Shanghai")
BEFORE = [("servicedesk", "0009_messages_move_to_core_inbox"), ("staff", "0001_initial")]


@pytest.mark.django_db(transaction=True)
def test_every_duty_becomes_a_published_roster_entry(site):
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps
    Duty = old.get_model("servicedesk", "DutyRoster")
    sunday = date(2026, 11, 22)
    rows = [
        (site.electrician, sunday, "night"),
        (site.engineer, date(2026, 11, 23), "night"),
        (site.engineer, date(2026, 11, 23), "day"),
    ]
    for user, day, shift in rows:
        Duty.objects.create(community_id=site.community.pk, user_id=user.pk, date=day, shift=shift)
    Duty.objects.create(
        community_id=site.other.pk, user_id=site.guard.pk, date=sunday, shift="night"
    )

    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())

    entries = RosterEntry.objects.filter(community=site.community).select_related("roster")
    found = {(e.user_id, e.date, e.shift.code, e.roster.status) for e in entries}
    assert found == {
        (site.electrician.pk, sunday, "repair-night", "published"),
        (site.engineer.pk, date(2026, 11, 23), "repair-night", "published"),
        (site.engineer.pk, date(2026, 11, 23), "repair-day", "published"),
    }
    # Sunday's night duty ends on Monday morning, in the next week's roster's week
    monday_three = datetime(2026, 11, 23, 3, 0, tzinfo=SHANGHAI)
    assert on_duty_ids(site.community, monday_three) == {site.electrician.pk}
    assert on_duty_ids(site.community, monday_three.replace(hour=12)) == {site.engineer.pk}
    assert on_duty_ids(site.other, monday_three) == {site.guard.pk}
