"""Patrol tasks through the API: the guard lists the day's tasks of their post and scans;
the answer says whether the server accepted the proof."""

import json

import time_machine

from wuye.security.patrols.models import PointStatus
from wuye.testing.api import bearer

from .conftest import at
from .fixtures import DAY


def scan(client, task, user, body):
    return client.post(
        f"/api/v1/patrol-tasks/{task.pk}/scans",
        json.dumps(body),
        content_type="application/json",
        headers=bearer(user),
    )


def test_the_guard_lists_the_tasks_of_the_day_and_the_supervisor_all(
    client, site, patrol, django_assert_max_num_queries
):
    query = {"community_id": site.community.pk, "date": DAY.isoformat()}
    with django_assert_max_num_queries(20):
        mine = client.get("/api/v1/patrol-tasks", query, headers=bearer(site.guard))
    assert mine.status_code == 200
    assert [t["id"] for t in mine.json()] == [t.pk for t in patrol["tasks"]]
    assert [p["status"] for p in mine.json()[0]["points"]] == ["pending"] * 4
    other_guard = client.get("/api/v1/patrol-tasks", query, headers=bearer(patrol["guards"][1]))
    assert other_guard.json() == []
    supervisor = client.get("/api/v1/patrol-tasks", query, headers=bearer(patrol["supervisor"]))
    assert len(supervisor.json()) == 2


def test_a_scan_answers_its_result_and_reason(client, site, patrol):
    task, nfc = patrol["tasks"][0], patrol["checkpoints"]["nfc"]
    with time_machine.travel(at(9, 3), tick=False):
        wrong = scan(client, task, site.guard, {"checkpoint_id": nfc.pk, "proof": "04A23B"})
        right = scan(
            client,
            task,
            site.guard,
            {"checkpoint_id": nfc.pk, "proof": "04:A2:3B:1C:5D:80"},
        )
    assert wrong.status_code == 200 and wrong.json()["result"] == "rejected"
    assert wrong.json()["reason"]
    assert right.json() == {"result": "on_time", "reason": "Scanned on time."}
    point = task.points.get(route_point__checkpoint=nfc)
    assert point.status == PointStatus.ON_TIME


def test_a_scan_states_its_limits(client, site, patrol):
    task, nfc = patrol["tasks"][0], patrol["checkpoints"]["nfc"]
    too_long = scan(client, task, site.guard, {"checkpoint_id": nfc.pk, "proof": "A" * 201})
    far_north = scan(client, task, site.guard, {"checkpoint_id": nfc.pk, "latitude": 91})
    nul = scan(client, task, site.guard, {"checkpoint_id": nfc.pk, "proof": "04\x00"})
    assert (too_long.status_code, far_north.status_code) == (422, 422)
    assert nul.status_code in (200, 422)
    assert task.points.filter(status=PointStatus.PENDING).count() == 4
