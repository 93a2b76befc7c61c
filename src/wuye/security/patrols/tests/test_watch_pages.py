"""The supervisor's patrol pages: missed checkpoints acknowledged from the list and from the
task's page, the printable labels, and the completion chart."""

from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import translation

from wuye.security.patrols import completion, labels, services
from wuye.security.patrols.models import PointStatus, TaskPoint
from wuye.testing.pdf import pdf_text

from .conftest import at
from .fixtures import DAY


@pytest.fixture
def missed(site, patrol):
    services.sweep_missed(at(9, 31))
    return list(TaskPoint.objects.filter(status=PointStatus.MISSED).order_by("window_opens_at"))


def test_the_supervisor_acknowledges_from_the_list(
    client, site, patrol, missed, django_assert_max_num_queries
):
    client.force_login(patrol["supervisor"])
    url = reverse("security:patrol_missed", args=[site.community.pk])
    with time_machine.travel(at(9, 40), tick=False):
        with django_assert_max_num_queries(20):
            page = client.get(url)
        assert page.status_code == 200
        assert page.content.decode().count('data-form="acknowledge"') == 2
        done = client.post(url, {"point": missed[0].pk, "note": "Gate blocked"}, follow=True)
    text = done.content.decode()
    assert "Missed checkpoint acknowledged." in text and "Gate blocked" in text
    assert text.count('data-form="acknowledge"') == 1
    with time_machine.travel(at(9, 45), tick=False):
        again = client.post(url, {"point": missed[0].pk}, follow=True)
    assert "already been acknowledged" in again.content.decode()


def test_the_supervisor_acknowledges_from_the_task_page_and_the_guard_sees_no_form(
    client, site, patrol, missed
):
    task = patrol["tasks"][0]
    task_url = reverse("security:patrol_task", args=[site.community.pk, task.pk])
    client.force_login(site.guard)
    assert b'data-form="acknowledge"' not in client.get(task_url).content
    refused = client.post(
        reverse("security:patrol_missed", args=[site.community.pk]), {"point": missed[0].pk}
    )
    assert refused.status_code == 403
    client.force_login(patrol["supervisor"])
    page = client.get(task_url)
    assert page.content.decode().count('data-form="acknowledge"') == 2
    done = client.post(
        reverse("security:patrol_missed", args=[site.community.pk]),
        {"point": missed[1].pk, "task": task.pk},
    )
    assert done.status_code == 302 and done.url == task_url
    assert TaskPoint.objects.get(pk=missed[1].pk).acknowledged_by == patrol["supervisor"]


def test_a_point_of_another_community_is_not_found(client, site, patrol, missed):
    client.force_login(patrol["supervisor"])
    other = client.post(
        reverse("security:patrol_missed", args=[site.community.pk]), {"point": 10**9}
    )
    bad = client.post(reverse("security:patrol_missed", args=[site.community.pk]), {"point": "x"})
    assert (other.status_code, bad.status_code) == (404, 404)
    nul = client.post(
        reverse("security:patrol_missed", args=[site.community.pk]),
        {"point": missed[0].pk, "note": "gate\x00"},
        follow=True,
    )
    assert nul.status_code == 200 and b"alert" in nul.content
    assert TaskPoint.objects.get(pk=missed[0].pk).acknowledged_at is None


def test_the_labels_carry_each_checkpoint_and_no_secret(client, site, patrol):
    cps = patrol["checkpoints"]
    client.force_login(patrol["supervisor"])
    response = client.get(reverse("security:patrol_labels", args=[site.community.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert "patrol-checkpoint-labels.pdf" in response["Content-Disposition"]
    text = pdf_text(response.content)
    squeezed = "".join(text.split())
    for checkpoint in cps.values():
        assert checkpoint.name in squeezed
        assert checkpoint.secret not in squeezed
        assert checkpoint.secret.encode() not in response.content
    assert "NFC" in text and "30 m" in text
    assert "04A23B1C5D80" not in squeezed.replace(":", "")
    assert services.qr_payload(cps["qr"]) not in text  # only in the printed code
    with time_machine.travel(at(9), tick=False):
        code = services.rotating_code(cps["rotating_qr"], at(9))
    assert code not in text
    client.force_login(site.guard)
    assert (
        client.get(reverse("security:patrol_labels", args=[site.community.pk])).status_code == 403
    )


def test_the_labels_are_named_in_the_readers_language(client, site, patrol):
    client.force_login(patrol["supervisor"])
    with translation.override("zh-hans"):
        content = labels.labels_pdf(site.community)
    text = "".join(pdf_text(content).split())
    assert "东门" in text and "无需扫码" in text
    client.cookies["django_language"] = "zh-hans"
    response = client.get(reverse("security:patrol_labels", args=[site.community.pk]))
    assert "%E5%B7%A1%E6%9B%B4" in response["Content-Disposition"]  # 巡更


def walk(site, patrol):
    """The first task: the east gate on time, the car park late, the control room early, the
    north wall missed."""
    task, cps = patrol["tasks"][0], patrol["checkpoints"]
    with time_machine.travel(at(9, 5), tick=False):
        services.scan(
            actor=site.guard, task=task, checkpoint_id=cps["nfc"].pk, proof="04A23B1C5D80"
        )
    with time_machine.travel(at(9, 31), tick=False):
        services.scan(
            actor=site.guard,
            task=task,
            checkpoint_id=cps["qr"].pk,
            proof=services.qr_payload(cps["qr"]),
        )
    with time_machine.travel(at(9, 27), tick=False):
        services.scan(
            actor=site.guard,
            task=task,
            checkpoint_id=cps["rotating_qr"].pk,
            proof=services.rotating_code(cps["rotating_qr"], at(9, 27)),
        )
    services.sweep_missed(at(10, 11))


def test_the_completion_counts_by_day_and_route(site, patrol):
    walk(site, patrol)
    found = completion.completion(site.community.pk, today=DAY, days=14)
    assert len(found["days"]) == 14 and found["days"][-1]["label"] == DAY
    last = {c["outcome"]: (c["count"], c["percent"]) for c in found["days"][-1]["cells"]}
    assert last == {"on_time": (1, 25), "early": (1, 25), "late": (1, 25), "missed": (1, 25)}
    assert found["days"][0]["total"] == 0
    assert [r["label"] for r in found["routes"]] == ["外围巡逻"]
    assert found["total"]["total"] == 4
    later = completion.completion(site.community.pk, today=DAY + timedelta(days=14), days=14)
    assert later["total"]["total"] == 0


def test_the_completion_page_draws_both_charts_in_few_queries(
    client, site, patrol, django_assert_max_num_queries
):
    walk(site, patrol)
    client.force_login(patrol["supervisor"])
    url = reverse("security:patrol_completion", args=[site.community.pk])
    with time_machine.travel(at(18), tick=False):
        with django_assert_max_num_queries(14):
            page = client.get(url, {"days": "30"})
        text = page.content.decode()
    assert page.status_code == 200
    assert text.count("chart-wide") == 2 and text.count("chart-phone") == 2
    assert "(25%)" in text and "Last 30 days" in text
    client.force_login(site.guard)
    assert client.get(url).status_code == 403


def test_the_patrols_page_links_the_supervisor_pages(client, site, patrol):
    client.force_login(patrol["supervisor"])
    page = client.get(reverse("security:patrol_tasks", args=[site.community.pk]))
    for name in ("patrol_missed", "patrol_completion", "patrol_labels"):
        assert reverse(f"security:{name}", args=[site.community.pk]) in page.content.decode()
    client.force_login(site.guard)
    page = client.get(reverse("security:patrol_tasks", args=[site.community.pk]))
    assert b'data-links="supervisor"' not in page.content
