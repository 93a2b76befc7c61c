"""The clock page, the monthly sheet and its export, a person's month, and the clock API."""

import json
from datetime import date, timedelta

import time_machine
from django.urls import reverse

from wuye.staff.attendance.models import ClockEvent
from wuye.testing.api import bearer

from .fixtures import moment, rostered, security

DAY = date(2026, 3, 10)


def test_the_guard_clocks_in_on_the_page_with_the_position_and_sees_on_time(client, site):
    rostered(site.community, site.guard, DAY, "day")
    client.force_login(site.guard)
    with time_machine.travel(moment(DAY, 7, 58), tick=False):
        page = client.get(f"/c/{site.community.pk}/staff/clock/")
        assert page.status_code == 200 and "早班" in page.text
        done = client.post(
            f"/c/{site.community.pk}/staff/clock/do/",
            {"kind": ["", "in"], "latitude": "43.8", "longitude": "87.6", "accuracy": "15"},
            follow=True,
        )
    assert "Clocked in at 07:58" in done.text
    assert 'data-status="on_shift"' in done.text
    event = ClockEvent.objects.get()
    assert (event.kind, event.accuracy_m) == ("in", 15)
    with time_machine.travel(moment(DAY, 8, 30), tick=False):
        again = client.post(f"/c/{site.community.pk}/staff/clock/do/", {"kind": "in"}, follow=True)
    assert "not clocked out since" in again.text and ClockEvent.objects.count() == 1


def test_residents_do_not_reach_the_clock_page(client, site):
    client.force_login(site.owner)
    assert client.get(f"/c/{site.community.pk}/staff/clock/").status_code == 403


def test_the_sheet_lists_people_in_fixed_queries_and_exports(
    client, site, django_assert_max_num_queries
):
    department, _post = security(site.community)
    for n in range(1, 8):
        rostered(site.community, site.guard, date(2026, 3, n), "night")
        rostered(site.community, site.electrician, date(2026, 3, n), "middle")
    ClockEvent.objects.create(
        community=site.community, user=site.guard, kind="in", at=moment(date(2026, 3, 1), 0, 30)
    )
    client.force_login(site.manager)
    url = f"/c/{site.community.pk}/staff/attendance/?month=2026-03&department={department.pk}"
    client.get(url)
    with time_machine.travel(moment(DAY, 12), tick=False):
        with django_assert_max_num_queries(20):
            page = client.get(url)
        assert page.status_code == 200 and "Guard" in page.text and "Electrician" in page.text
        exported = client.get(url.replace("/attendance/", "/attendance/export/"))
        person = client.get(
            f"/c/{site.community.pk}/staff/attendance/{site.guard.pk}/?month=2026-03"
        )
    assert exported.status_code == 200
    assert "attendance-BDX-2026-03.xlsx" in exported["Content-Disposition"]
    assert person.status_code == 200 and "00:30" in person.text


def test_the_guard_may_not_read_the_sheet(client, site):
    client.force_login(site.guard)
    assert client.get(f"/c/{site.community.pk}/staff/attendance/").status_code == 403


def test_the_api_clocks_and_refuses_a_second_clock_in_with_409(client, site):
    def post(body):
        return client.post(
            "/api/v1/attendance/clock",
            json.dumps(body),
            content_type="application/json",
            headers=bearer(site.guard),
        )

    out_first = post({"community_id": site.community.pk, "kind": "out"})
    assert out_first.status_code == 409
    made = post(
        {"community_id": site.community.pk, "kind": "in", "latitude": 43.8, "longitude": 87.6}
    )
    assert made.status_code == 201 and made.json()["source"] == "api"
    assert made.json()["latitude"] == 43.8
    assert post({"community_id": site.community.pk, "kind": "in"}).status_code == 409
    assert post({"community_id": site.other.pk, "kind": "in"}).status_code == 403
    assert post({"community_id": site.community.pk, "kind": "sideways"}).status_code == 422
    assert ClockEvent.objects.count() == 1
    assert ClockEvent.objects.get().at > moment(DAY, 0) - timedelta(days=10000)


def test_the_manager_records_a_missed_clock_in_with_its_reason(client, site):
    rostered(site.community, site.guard, DAY, "day")
    page = reverse("staff:attendance_person", args=[site.community.pk, site.guard.pk])
    record = reverse("staff:attendance_record", args=[site.community.pk, site.guard.pk])
    with time_machine.travel(moment(DAY, 17), tick=False):
        client.force_login(site.manager)
        assert b'id="record"' in client.get(page, {"month": f"{DAY:%Y-%m}"}).content
        # without a reason nothing is recorded, and the form says why
        refused = client.post(record, {"kind": "in", "at": f"{DAY}T07:58", "note": ""})
        assert refused.status_code == 400 and not ClockEvent.objects.exists()
        done = client.post(
            record, {"kind": "in", "at": f"{DAY}T07:58", "note": "No signal in the guard room"}
        )
        assert done.status_code == 302
        event = ClockEvent.objects.get()
        assert (event.source, event.recorded_by, event.at) == (
            "office",
            site.manager,
            moment(DAY, 7, 58),
        )
        ahead = client.post(record, {"kind": "out", "at": f"{DAY}T18:00", "note": "Left"})
        assert ahead.status_code == 400 and ClockEvent.objects.count() == 1
    client.force_login(site.guard)
    assert (
        client.post(record, {"kind": "out", "at": f"{DAY}T16:00", "note": "x"}).status_code == 403
    )
