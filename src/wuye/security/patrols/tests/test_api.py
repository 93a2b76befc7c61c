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


def test_a_photo_is_uploaded_and_an_abnormal_scan_names_it(
    client, site, patrol, settings, tmp_path
):
    import io

    from django.core.files.uploadedfile import SimpleUploadedFile
    from PIL import Image

    from wuye.security.patrols.models import CheckItem

    settings.MEDIA_ROOT = tmp_path
    task, nfc = patrol["tasks"][0], patrol["checkpoints"]["nfc"]
    item = CheckItem.objects.create(
        route_point=patrol["route"].points.get(checkpoint=nfc),
        question="门已锁好",
        kind="yes_no",
        abnormal_answer="no",
    )
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "red").save(buffer, "PNG")
    url = f"/api/v1/patrol-tasks/{task.pk}/photos"
    with time_machine.travel(at(9, 3), tick=False):
        bad = client.post(
            url, {"file": SimpleUploadedFile("x.png", b"not a photo")}, headers=bearer(site.guard)
        )
        good = client.post(
            url,
            {"file": SimpleUploadedFile("x.png", buffer.getvalue())},
            headers=bearer(site.guard),
        )
        body = {"checkpoint_id": nfc.pk, "proof": "04A23B1C5D80", "answers": {str(item.pk): False}}
        no_photo = scan(client, task, site.guard, body)
        with_photo = scan(client, task, site.guard, {**body, "photo_ids": [good.json()["id"]]})
    assert bad.status_code == 400
    assert good.status_code == 201
    assert no_photo.json()["result"] == "rejected"
    assert with_photo.json()["result"] == "on_time"
    point = task.points.get(route_point__checkpoint=nfc)
    assert point.abnormal and point.photos.count() == 1


def test_answers_state_their_limits(client, site, patrol):
    task, nfc = patrol["tasks"][0], patrol["checkpoints"]["nfc"]
    base = {"checkpoint_id": nfc.pk, "proof": "04A23B1C5D80"}
    for answers in ({"abc": 1}, {"1": "x" * 501}, {"1": [1]}, {"1": {"a": 1}}, {"1": "\x00"}):
        assert scan(client, task, site.guard, {**base, "answers": answers}).status_code == 422
    many = scan(client, task, site.guard, {**base, "photo_ids": list(range(1, 8))})
    assert many.status_code == 422
