"""Service times: deadlines on the service calendar, moved by holds, and the sweep that warns
and escalates — once per level."""

from datetime import date, datetime, time, timedelta

import pytest

from wuye.core.calendar import calendar_seed_china
from wuye.core.models import CalendarDay, Notification
from wuye.core.schedule import discover
from wuye.servicedesk import services
from wuye.servicedesk.models import SlaPolicy, WorkOrderEvent

from .fixtures import MONDAY_10, SHANGHAI, step, submit

pytestmark = pytest.mark.django_db


def local(*args) -> datetime:
    return datetime(*args, tzinfo=SHANGHAI)


def by_phone(site, at, **fields):
    """The front desk takes a call: the order is accepted (first response) at once."""
    data = {
        "category": "repair_home",
        "subcategory": "electrical",
        "priority": "emergency",
        "channel": "hotline",
        "description": "No power in the whole flat",
        "unit": site.units["owner_home"],
        "reporter_resident": site.residents["owner"],
        **fields,
    }
    return services.work_order_submit(actor=site.frontdesk, community=site.community, at=at, **data)


# ---- deadlines ----------------------------------------------------------------------------


def test_normal_repair_first_response_counts_service_time_over_the_weekend(site):
    friday_evening = local(2026, 11, 27, 17, 50)
    order = submit(site, at=friday_evening)
    # 10 minutes on Friday before 18:00, 20 on Monday from 08:00.
    assert order.response_due_at == local(2026, 11, 30, 8, 20)
    # Resolution: 24 hours around the clock; no on-site target without an appointment.
    assert order.resolution_due_at == friday_evening + timedelta(hours=24)
    assert order.arrival_due_at is None


def test_emergency_on_site_within_30_minutes_around_the_clock(site):
    night = local(2026, 11, 28, 2, 15)
    order = by_phone(site, night)
    assert order.arrival_due_at == night + timedelta(minutes=30)
    assert order.responded_at == night


def test_complaint_first_reply_in_24_hours_and_resolution_in_3_working_days(site):
    friday = local(2026, 11, 27, 17, 0)
    order = submit(site, at=friday, category="complaint", subcategory="noise")
    assert order.response_due_at == friday + timedelta(hours=24)
    # Friday does not count: Monday, Tuesday, Wednesday, by closing time.
    assert order.resolution_due_at == local(2026, 12, 2, 18, 0)
    assert order.reply_promised_at == order.response_due_at


def test_enquiry_is_answered_the_same_working_day_holidays_and_swapped_days_included(site):
    calendar_seed_china(company=site.community.company, years=[2026])
    saturday = local(2026, 11, 28, 11, 0)
    enquiry = submit(site, at=saturday, category="enquiry", subcategory="fees")
    assert enquiry.resolution_due_at == local(2026, 11, 30, 18, 0)
    # The evening before National Day: the next working day is 8 October.
    eve = local(2026, 9, 30, 19, 0)
    enquiry = submit(site, at=eve, category="enquiry", subcategory="fees")
    assert enquiry.resolution_due_at == local(2026, 10, 8, 18, 0)
    # Saturday 10 October is a swapped working day.
    swapped = local(2026, 10, 10, 9, 0)
    enquiry = submit(site, at=swapped, category="enquiry", subcategory="fees")
    assert enquiry.resolution_due_at == local(2026, 10, 10, 18, 0)


def test_an_appointment_sets_the_on_site_deadline(site):
    window = (local(2026, 11, 25, 14, 0), local(2026, 11, 25, 16, 0))
    order = submit(site, preferred_from=window[0], preferred_to=window[1])
    assert order.arrival_due_at == window[1]
    assert order.resolution_due_at == window[1]


def test_a_communitys_policy_takes_the_place_of_the_defaults(site):
    SlaPolicy.objects.create(
        community=site.community,
        category="repair_home",
        priority="normal",
        response_target=15,
        response_clock="24x7",
        arrival_target=2,
        arrival_clock="working_days",
    )
    order = submit(site)
    assert order.response_due_at == MONDAY_10 + timedelta(minutes=15)
    assert order.arrival_due_at == local(2026, 11, 25, 18, 0)
    assert order.resolution_due_at is None


def test_seeding_writes_the_defaults_as_editable_policies_once(site):
    added = services.sla_policies_seed(community=site.community, actor=site.manager)
    assert added == 7 * 4
    assert services.sla_policies_seed(community=site.community, actor=site.manager) == 0
    emergency = SlaPolicy.objects.get(
        community=site.community, category="repair_home", priority="emergency"
    )
    assert (emergency.arrival_target, emergency.arrival_clock) == (30, "24x7")


def test_a_policy_edited_after_orders_were_received_applies_to_the_next_order(site):
    assert submit(site).response_due_at == MONDAY_10 + timedelta(minutes=30)
    policy = SlaPolicy.objects.create(
        community=site.community,
        category="repair_home",
        priority="normal",
        response_target=15,
        response_clock="24x7",
    )
    assert submit(site).response_due_at == MONDAY_10 + timedelta(minutes=15)
    policy.response_target = 45
    policy.save()
    assert submit(site).response_due_at == MONDAY_10 + timedelta(minutes=45)
    policy.delete()
    assert submit(site).response_due_at == MONDAY_10 + timedelta(minutes=30)


def test_a_holiday_or_new_service_hours_apply_to_the_next_order(site):
    evening = local(2026, 11, 23, 17, 50)
    # 10 minutes before closing, 20 the next morning.
    assert submit(site, at=evening).response_due_at == local(2026, 11, 24, 8, 20)
    CalendarDay.objects.create(
        community=site.community, date=date(2026, 11, 24), kind="holiday", name="Storm day"
    )
    assert submit(site, at=evening).response_due_at == local(2026, 11, 25, 8, 20)
    standard = site.community.standard
    standard.service_closes_at = time(20, 0)
    standard.save()
    assert submit(site, at=evening).response_due_at == local(2026, 11, 23, 18, 20)


def test_seeding_the_holiday_schedule_applies_to_the_next_order(site):
    eve = local(2026, 9, 30, 19, 0)
    assert submit(site, at=eve, category="enquiry").resolution_due_at == local(2026, 10, 1, 18)
    calendar_seed_china(company=site.community.company, years=[2026])
    assert submit(site, at=eve, category="enquiry").resolution_due_at == local(2026, 10, 8, 18)


# ---- holds ----------------------------------------------------------------------------------


def test_time_on_hold_moves_the_deadlines_on_and_is_counted(site):
    order = submit(site)  # Monday 10:00: resolve by Tuesday 10:00
    for minutes, action in [(5, "accept"), (6, "dispatch"), (10, "start"), (20, "hold")]:
        order = step(site, order, action, MONDAY_10 + timedelta(minutes=minutes))
    assert order.next_due_at is None  # the clock stops while on hold
    order = step(site, order, "resume", MONDAY_10 + timedelta(hours=2, minutes=20))
    assert order.status == "in_progress"
    assert order.on_hold_seconds == 2 * 3600
    assert order.resolution_due_at == MONDAY_10 + timedelta(hours=26)
    assert order.next_due_at == order.resolution_due_at
    resume = order.events.get(action="resume")
    assert resume.data == {"held_seconds": 7200}


def test_a_hold_moves_a_service_clock_deadline_by_the_service_time_it_took(site):
    SlaPolicy.objects.create(
        community=site.community,
        category="repair_home",
        priority="normal",
        response_target=30,
        response_clock="service",
        arrival_target=120,
        arrival_clock="service",
        resolution_target=24 * 60,
    )
    monday_17 = local(2026, 11, 23, 17, 0)
    order = submit(site, at=monday_17)
    assert order.arrival_due_at == local(2026, 11, 24, 9, 0)
    order = step(site, order, "dispatch", local(2026, 11, 23, 17, 5))
    order = step(site, order, "hold", local(2026, 11, 23, 17, 30))
    order = step(site, order, "resume", local(2026, 11, 24, 8, 30))
    # 30 minutes of service time on Monday evening and 30 on Tuesday morning.
    assert order.arrival_due_at == local(2026, 11, 24, 10, 0)
    # Around the clock, the resolution deadline moves by the whole 15 hours.
    assert order.resolution_due_at == monday_17 + timedelta(hours=24 + 15)


# ---- the sweep ------------------------------------------------------------------------------


@pytest.fixture
def dispatched_emergency(site):
    """An emergency taken by phone at 10:00 and dispatched at once: on site by 10:30."""
    order = by_phone(site, MONDAY_10)
    return step(site, order, "dispatch", MONDAY_10 + timedelta(minutes=1))


def sweep(minutes: int, capture) -> dict:
    with capture(execute=True):
        return services.sla_sweep(now=MONDAY_10 + timedelta(minutes=minutes))


def test_the_assignee_is_warned_once_at_80_percent_of_the_time(
    site, dispatched_emergency, django_capture_on_commit_callbacks
):
    assert dispatched_emergency.warn_at == MONDAY_10 + timedelta(minutes=24)
    assert sweep(23, django_capture_on_commit_callbacks) == {"warned": 0, "escalated": 0}
    assert sweep(25, django_capture_on_commit_callbacks) == {"warned": 1, "escalated": 0}
    assert sweep(26, django_capture_on_commit_callbacks) == {"warned": 0, "escalated": 0}
    assert [m.recipient for m in Notification.objects.filter(subject__contains="deadline")] == [
        site.electrician
    ]


def test_a_breach_escalates_to_the_supervisor_then_the_manager_once_each(
    site, dispatched_emergency, django_capture_on_commit_callbacks
):
    assert sweep(31, django_capture_on_commit_callbacks)["escalated"] == 1
    assert sweep(32, django_capture_on_commit_callbacks)["escalated"] == 0
    assert sweep(30 + 119, django_capture_on_commit_callbacks)["escalated"] == 0
    assert sweep(30 + 120, django_capture_on_commit_callbacks)["escalated"] == 1
    assert sweep(31 + 500, django_capture_on_commit_callbacks)["escalated"] == 0
    escalations = WorkOrderEvent.objects.filter(action="escalate").order_by("id")
    assert [e.data["level"] for e in escalations] == [1, 2]
    told = Notification.objects.filter(subject__contains="escalated").order_by("id")
    assert [m.recipient.username for m in told] == ["engineer", "manager"]


def test_no_escalation_while_on_hold(
    site, dispatched_emergency, django_capture_on_commit_callbacks
):
    step(site, dispatched_emergency, "hold", MONDAY_10 + timedelta(minutes=5))
    assert sweep(60, django_capture_on_commit_callbacks) == {"warned": 0, "escalated": 0}


def test_the_sweep_runs_every_minute():
    crons = {entry.name: entry.cron for entry in discover()}
    assert crons["wuye.servicedesk.tasks.sla_sweep"] == "* * * * *"
