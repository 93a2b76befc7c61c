"""The patrol pages: the guard's tasks and a task's points with the scan form, and the
supervisor's day with missed points shown."""

import time_machine
from django.urls import reverse

from wuye.security.patrols import services

from .conftest import at
from .fixtures import DAY


def test_the_guard_scans_from_the_task_page(client, site, patrol):
    task, qr = patrol["tasks"][0], patrol["checkpoints"]["qr"]
    url = reverse("security:patrol_task", args=[site.community.pk, task.pk])
    client.force_login(site.guard)
    with time_machine.travel(at(9, 21), tick=False):
        page = client.get(url)
        assert page.status_code == 200
        assert b"locate.js" in page.content and b'data-form="scan"' in page.content
        done = client.post(
            url, {"checkpoint": qr.pk, "proof": services.qr_payload(qr)}, follow=True
        )
    assert "Scanned on time." in done.content.decode()
    assert task.points.get(route_point__checkpoint=qr).status == "on_time"


def test_the_supervisor_sees_missed_points_and_cannot_scan_for_another_guard(
    client, site, patrol, django_assert_max_num_queries
):
    services.sweep_missed(at(9, 31))
    client.force_login(patrol["supervisor"])
    url = reverse("security:patrol_tasks", args=[site.community.pk])
    with django_assert_max_num_queries(25):
        page = client.get(url, {"date": DAY.isoformat()})
    text = page.content.decode()
    assert page.status_code == 200 and "2 missed" in text and "list-group-item-danger" in text


def test_a_guard_off_the_post_sees_no_task_and_others_are_refused(client, site, patrol):
    task = patrol["tasks"][0]
    client.force_login(patrol["guards"][1])
    listed = client.get(
        reverse("security:patrol_tasks", args=[site.community.pk]), {"date": DAY.isoformat()}
    )
    assert listed.status_code == 200 and b"data-task" not in listed.content
    one = client.get(reverse("security:patrol_task", args=[site.community.pk, task.pk]))
    assert one.status_code == 404
    client.force_login(site.frontdesk)
    refused = client.get(reverse("security:patrol_tasks", args=[site.community.pk]))
    assert refused.status_code == 403
