"""The compliance calendar and its daily sweep: reminders 60/30/7 days before, each once; a
lift whose inspection lapsed or failed is out of service, listed as lapsed, and its
supervisor and manager alerted once."""

from datetime import date, timedelta

import pytest
import time_machine
from django.core.exceptions import ValidationError

from wuye.core.models import Notification
from wuye.facilities.equipment import queries, rules, services
from wuye.facilities.equipment.compliance import compliance_sweep
from wuye.facilities.equipment.models import ComplianceNotice, ComplianceRule

from .fixtures import lift

TODAY = date(2026, 6, 15)


@pytest.fixture(autouse=True)
def _clock():
    with time_machine.travel(date(2026, 6, 15), tick=False):
        yield


def sweep(capture, today=TODAY):
    with capture(execute=True):
        return compliance_sweep(today)


def test_a_lift_whose_inspection_lapsed_yesterday_is_out_of_service_and_lapsed(
    site, django_capture_on_commit_callbacks
):
    item = lift(site, next_due=TODAY - timedelta(days=1))

    sweep(django_capture_on_commit_callbacks)
    sweep(django_capture_on_commit_callbacks)

    item.refresh_from_db()
    assert item.status == "out_of_service"
    calendar = queries.compliance_calendar(site.engineer, site.community.pk, TODAY)
    lapsed = [(e.equipment.pk, e.rule.obligation) for e in calendar["lapsed"]]
    assert lapsed == [(item.pk, "periodic_inspection")]
    alerts = Notification.objects.filter(kind="facilities.equipment_stopped")
    assert sorted(n.recipient.username for n in alerts) == ["engineer", "manager"]
    assert not Notification.objects.filter(recipient=site.electrician).exists()


def test_a_lift_due_today_is_still_in_service_and_due(site, django_capture_on_commit_callbacks):
    item = lift(site, next_due=TODAY)
    sweep(django_capture_on_commit_callbacks)
    item.refresh_from_db()
    assert item.status == "in_service"
    calendar = queries.compliance_calendar(site.engineer, site.community.pk, TODAY)
    assert [e.equipment.pk for e in calendar["due"]] == [item.pk]
    assert calendar["due"][0].request_by == TODAY - timedelta(days=30)


def test_a_failed_inspection_stops_the_lift_whatever_the_date(
    site, django_capture_on_commit_callbacks
):
    item = lift(site, next_due=TODAY + timedelta(days=200), result="fail")
    sweep(django_capture_on_commit_callbacks)
    item.refresh_from_db()
    assert item.status == "out_of_service"
    entry = queries.compliance_calendar(site.engineer, site.community.pk, TODAY)["lapsed"][0]
    assert entry.failed


def test_reminders_go_out_60_30_and_7_days_before_each_once(
    site, django_capture_on_commit_callbacks
):
    due = TODAY + timedelta(days=60)
    lift(site, next_due=due)  # no maintenance date: overdue, never reminded
    sent = []
    for days_before in (61, 60, 59, 45, 30, 29, 8, 7, 6, 1):
        sent.append(sweep(django_capture_on_commit_callbacks, due - timedelta(days=days_before)))

    assert sent == [0, 1, 0, 0, 1, 0, 0, 1, 0, 0]
    marks = ComplianceNotice.objects.filter(obligation="periodic_inspection")
    assert sorted(marks.values_list("days_before", flat=True)) == [7, 30, 60]
    told = Notification.objects.filter(kind="facilities.compliance_due", recipient=site.engineer)
    assert told.count() == 3


def test_a_sweep_started_late_sends_the_nearest_reminder_only(
    site, django_capture_on_commit_callbacks
):
    lift(site, next_due=TODAY + timedelta(days=20))
    assert sweep(django_capture_on_commit_callbacks) == 1
    assert list(ComplianceNotice.objects.values_list("days_before", flat=True)) == [30]


def test_lift_maintenance_is_overdue_after_15_days_without_stopping_it(
    site, django_capture_on_commit_callbacks
):
    item = lift(
        site, next_due=TODAY + timedelta(days=300), last_maintained_on=TODAY - timedelta(days=16)
    )
    sweep(django_capture_on_commit_callbacks)
    calendar = queries.compliance_calendar(site.engineer, site.community.pk, TODAY)
    assert [(e.rule.obligation, e.due_on) for e in calendar["overdue"]] == [
        ("maintenance", TODAY - timedelta(days=1))
    ]
    item.refresh_from_db()
    assert item.status == "in_service"


def test_the_intervals_are_data(site):
    lift(site, next_due=None, last_maintained_on=TODAY - timedelta(days=9))
    rules.compliance_rules(site.community.pk)
    ComplianceRule.objects.filter(obligation="maintenance").update(interval_days=7)
    calendar = queries.compliance_calendar(site.engineer, site.community.pk, TODAY)
    assert [e.due_on for e in calendar["overdue"] if e.rule.obligation == "maintenance"] == [
        TODAY - timedelta(days=2)
    ]


def test_a_stopped_lift_goes_back_only_after_a_passed_inspection(
    site, django_capture_on_commit_callbacks
):
    item = lift(site, next_due=TODAY - timedelta(days=1))
    sweep(django_capture_on_commit_callbacks)
    item.refresh_from_db()
    with pytest.raises(ValidationError):
        services.equipment_return_to_service(actor=site.engineer, equipment=item, today=TODAY)
    services.statutory_profile_save(
        actor=site.engineer,
        equipment=item,
        data={
            "last_inspected_on": TODAY,
            "last_result": "pass",
            "next_inspection_due": date(2027, 6, 14),
            "last_maintained_on": TODAY,
        },
    )
    services.equipment_return_to_service(actor=site.engineer, equipment=item, today=TODAY)
    item.refresh_from_db()
    assert item.status == "in_service"
    assert sweep(django_capture_on_commit_callbacks) == 0
    item.refresh_from_db()
    assert item.status == "in_service"


def test_a_retired_lift_is_not_on_the_calendar(site, django_capture_on_commit_callbacks):
    item = lift(site, next_due=TODAY - timedelta(days=1))
    services.equipment_retire(actor=site.engineer, equipment=item, reason="Replaced")
    assert sweep(django_capture_on_commit_callbacks) == 0
    calendar = queries.compliance_calendar(site.engineer, site.community.pk, TODAY)
    assert calendar == {"due": [], "overdue": [], "lapsed": []}
