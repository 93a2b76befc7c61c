"""Counters on the pages and through the API: the technician records the generator's run
hours on the phone; a lower reading is refused in his language; the plan list shows a usage
plan's interval."""

import json
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import time_machine
from django.urls import reverse

from wuye.facilities.maintenance import counters, services
from wuye.facilities.maintenance.models import CounterReading
from wuye.testing.api import bearer

from .fixtures import generator_plan

SHANGHAI = ZoneInfo("Asia/Shanghai")
NOW = datetime(2026, 3, 2, 10, tzinfo=SHANGHAI)


def url(name, site, *args):
    return reverse(f"facilities:{name}", args=[site.community.pk, *args])


@time_machine.travel(NOW, tick=False)
def test_the_technician_records_a_reading_on_the_counters_page(
    client, site, django_assert_max_num_queries
):
    gen = generator_plan(site)
    address = url("maintenance_counters", site, gen["generator"].pk)
    for hours in range(5):
        counters.counter_reading_record(
            actor=site.electrician,
            equipment=gen["generator"],
            counter="运行小时",
            value=100 * hours,
            unit="h",
            read_at=NOW - timedelta(days=10 - hours),
        )
    client.force_login(site.electrician)
    with django_assert_max_num_queries(20):
        page = client.get(address)
    assert page.status_code == 200 and 'data-form="counter-reading"' in page.text
    assert page.text.count("<tr><td") == 5 and 'value="运行小时"' in page.text
    done = client.post(address, {"counter": "运行小时", "value": "512.5"})
    assert done.status_code == 302
    assert CounterReading.objects.latest("read_at").total == 512.5
    refused = client.post(
        address, {"counter": "运行小时", "value": "12"}, headers={"accept-language": "zh-hans"}
    )
    assert refused.status_code == 400 and "低于上次读数" in refused.text
    replaced = client.post(address, {"counter": "运行小时", "value": "12", "meter_replaced": "on"})
    assert replaced.status_code == 302
    # the supervisor reads the page; a guard may not
    client.force_login(site.manager)
    assert 'data-form="counter-reading"' not in client.get(address).text
    assert client.post(address, {"counter": "x", "value": "1"}).status_code == 403
    client.force_login(site.guard)
    assert client.get(address).status_code == 403


@time_machine.travel(NOW, tick=False)
def test_the_plan_list_shows_a_usage_plan(client, site, django_assert_max_num_queries):
    gen = generator_plan(site)
    client.force_login(site.engineer)
    with django_assert_max_num_queries(20):
        page = client.get(url("maintenance_plans", site))
    assert page.status_code == 200 and "500" in page.text and "运行小时" in page.text
    assert url("maintenance_counters", site, gen["generator"].pk) in page.text


@time_machine.travel(NOW, tick=False)
def test_a_reading_through_the_api_makes_the_usage_task(client, site):
    gen = generator_plan(site)

    def send(body, user=site.electrician):
        return client.post(
            f"/api/v1/equipment/{gen['generator'].pk}/readings",
            json.dumps(body),
            content_type="application/json",
            headers=bearer(user),
        )

    made = send({"counter": "运行小时", "value": 530, "unit": "h"})
    assert made.status_code == 201, made.text
    assert made.json()["total"] == 530 and made.json()["source"] == "manual"
    assert send({"counter": "运行小时", "value": "529.5"}).status_code == 400
    assert send({"counter": "运行小时", "value": -1}).status_code == 422
    assert send({"counter": "运行小时", "value": 600}, user=site.guard).status_code == 403
    assert (
        client.post(
            "/api/v1/equipment/999999/readings",
            json.dumps({"counter": "运行小时", "value": 1}),
            content_type="application/json",
            headers=bearer(site.electrician),
        ).status_code
        == 404
    )
    assert services.tasks_generate_all(date(2026, 3, 2)) == 1
    assert gen["plan"].tasks.get().counter_value == 530
