"""Maintenance tasks through the API: the technician lists his teams' tasks due first and
completes one; a reading beyond its maximum answers with exactly one work order, however
often the completion is sent."""

import json
from datetime import date

from wuye.facilities.maintenance import services
from wuye.servicedesk.models import WorkOrder
from wuye.testing.api import bearer

from .fixtures import START


def complete(client, task, user, answers):
    return client.post(
        f"/api/v1/maintenance-tasks/{task.pk}/complete",
        json.dumps({"answers": answers}),
        content_type="application/json",
        headers=bearer(user),
    )


def body(items, pressure=0.45):
    return [
        {"item_id": items["pressure"].pk, "value": pressure},
        {"item_id": items["leak"].pk, "value": False},
        {"item_id": items["noise"].pk, "value": "正常"},
        {"item_id": items["signature"].pk, "value": "王师傅"},
    ]


def test_the_technician_lists_his_teams_tasks_due_first(
    client, site, pump, django_assert_max_num_queries
):
    task = services.task_generate(pump["plan"], START)
    query = {"community_id": site.community.pk}
    with django_assert_max_num_queries(20):
        mine = client.get("/api/v1/maintenance-tasks", query, headers=bearer(site.electrician))
    assert mine.status_code == 200
    [row] = mine.json()
    assert row["id"] == task.pk and row["due_on"] == "2026-01-03"
    assert [i["kind"] for i in row["items"]] == ["number", "yes_no", "choice", "text", "signature"]
    assert row["equipment"][0]["code"] == "PUMP-01"
    before = client.get(
        "/api/v1/maintenance-tasks",
        {**query, "due_before": "2026-01-03"},
        headers=bearer(site.electrician),
    )
    assert before.json() == []
    assert (
        client.get("/api/v1/maintenance-tasks", query, headers=bearer(site.guard)).status_code
        == 403
    )
    bad = client.get(
        "/api/v1/maintenance-tasks",
        {**query, "due_before": "2026-13-01"},
        headers=bearer(site.engineer),
    )
    assert bad.status_code == 422


def test_a_reading_beyond_its_maximum_answers_one_work_order_however_often_sent(client, site, pump):
    task = services.task_generate(pump["plan"], START)
    first = complete(client, task, site.electrician, body(pump["items"], pressure=0.9))
    assert first.status_code == 200, first.content
    again = complete(client, task, site.electrician, body(pump["items"], pressure=0.9))
    assert again.status_code == 200
    assert first.json()["work_orders"] == again.json()["work_orders"]
    [order] = first.json()["work_orders"]
    assert "PUMP-01" in order["description"]
    assert first.json()["task"]["status"] == "done"
    assert WorkOrder.objects.count() == 1
    changed = complete(client, task, site.electrician, body(pump["items"]))
    assert changed.status_code == 409


def test_a_bad_answer_is_a_clear_error_and_changes_nothing(client, site, pump):
    task = services.task_generate(pump["plan"], START)
    answers = body(pump["items"])
    answers[2]["value"] = "很好"
    refused = complete(client, task, site.electrician, answers)
    assert refused.status_code == 400
    assert "运行声音" in json.dumps(refused.json(), ensure_ascii=False)
    task.refresh_from_db()
    assert task.status == "open"


def test_only_the_team_and_the_supervisor_complete_a_task(client, site, pump):
    task = services.task_generate(pump["plan"], date(2026, 1, 3))
    assert complete(client, task, site.guard, body(pump["items"])).status_code == 403
    assert complete(client, task, site.manager, body(pump["items"])).status_code == 403
    pump["team"].members.update(active=False)
    assert complete(client, task, site.electrician, body(pump["items"])).status_code == 404
    assert complete(client, task, site.engineer, body(pump["items"])).status_code == 200
