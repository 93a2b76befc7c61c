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


def test_the_guard_answers_the_checklist_with_a_photo_and_the_supervisor_raises_one_order(
    client, site, patrol, settings, tmp_path, django_assert_max_num_queries
):
    import io

    from django.core.files.uploadedfile import SimpleUploadedFile
    from PIL import Image

    from wuye.security.patrols.models import CheckItem
    from wuye.servicedesk.models import WorkOrder

    settings.MEDIA_ROOT = tmp_path
    task, nfc = patrol["tasks"][0], patrol["checkpoints"]["nfc"]
    point = patrol["route"].points.get(checkpoint=nfc)
    pressure = CheckItem.objects.create(
        route_point=point, question="消防水压", kind="number", unit="MPa", min_value=0.2
    )
    lane = CheckItem.objects.create(
        route_point=point, question="消防通道", kind="choice", choices="畅通\n堵塞"
    )
    url = reverse("security:patrol_task", args=[site.community.pk, task.pk])
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "red").save(buffer, "PNG")
    client.force_login(site.guard)
    with time_machine.travel(at(9, 2), tick=False):
        page = client.get(url)
        assert "消防水压" in page.content.decode() and b"queue.js" in page.content
        scan = {"checkpoint": nfc.pk, "proof": "04A23B1C5D80", f"answer-{lane.pk}": "畅通"}
        no_photo = client.post(url, {**scan, f"answer-{pressure.pk}": "0.1"}, follow=True)
        assert "take a photo" in no_photo.content.decode()
        done = client.post(
            url,
            {
                **scan,
                f"answer-{pressure.pk}": "0.1",
                "scanned_at": "2026-12-15T01:01:00Z",
                "photo": SimpleUploadedFile("p.png", buffer.getvalue()),
            },
            follow=True,
        )
    assert "Abnormal finding recorded." in done.content.decode()
    scanned = task.points.get(route_point__checkpoint=nfc)
    assert scanned.abnormal and scanned.scanned_at == at(9, 1) and scanned.photos.count() == 1
    client.force_login(patrol["supervisor"])
    raise_url = reverse(
        "security:patrol_point_work_order", args=[site.community.pk, task.pk, scanned.pk]
    )
    with time_machine.travel(at(9, 30), tick=False):
        with django_assert_max_num_queries(40):
            shown = client.get(url).content.decode()
        assert 'data-form="work-order"' in shown and "消防水压: 0.1 MPa" in shown
        client.post(raise_url)
        client.post(raise_url)
        again = client.get(url).content.decode()
    assert WorkOrder.objects.count() == 1
    assert WorkOrder.objects.get().number in again and 'data-form="work-order"' not in again
    photo = scanned.photos.get()
    photo_url = reverse("security:patrol_photo", args=[site.community.pk, task.pk, photo.pk])
    with time_machine.travel(at(9, 30), tick=False):
        assert client.get(photo_url)["Content-Type"] == "image/png"


def test_checklists_are_set_in_the_admin(client, site, patrol):
    point = patrol["route"].points.first()
    supervisor = patrol["supervisor"]
    supervisor.is_staff = True  # given the admin to configure patrols
    supervisor.save()
    client.force_login(supervisor)
    url = reverse("admin:security_routepoint_change", args=[point.pk])
    page = client.get(url)
    assert page.status_code == 200 and "checks-TOTAL_FORMS" in page.content.decode()
    route_page = client.get(reverse("admin:security_route_change", args=[patrol["route"].pk]))
    assert route_page.status_code == 200 and "points-TOTAL_FORMS" in route_page.content.decode()
