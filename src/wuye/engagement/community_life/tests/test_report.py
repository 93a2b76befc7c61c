"""Community life in the management service report: what happened in the period only."""

from datetime import datetime, time, timedelta

from django.utils import timezone

from wuye.core.report import Period, sections
from wuye.engagement.community_life import services
from wuye.engagement.community_life.report import section
from wuye.engagement.models import ReceptionSlot


def last_month() -> Period:
    first = timezone.localdate().replace(day=1) - timedelta(days=1)
    return Period.month(first.year, first.month)


def held(site, day, title, capacity=10):
    starts = timezone.make_aware(datetime.combine(day, time(10)))
    return services.event_create(
        actor=site.manager,
        community=site.community,
        data={
            "title": title,
            "place": "Square",
            "starts_at": starts,
            "ends_at": starts + timedelta(hours=2),
            "signup_deadline": starts - timedelta(days=1),
            "capacity": capacity,
        },
    )


def test_the_section_counts_the_periods_events_meetings_visits_and_orders(site):
    period = last_month()
    day = period.start + timedelta(days=9)
    event = held(site, day, "Flea market")
    for home, people, came in (("owner_home", 3, 2), ("owner2_home", 2, 1)):
        signup = services.signup_create(
            actor=site.frontdesk, event=event, unit=site.units[home], people=people
        )
        services.signup_check_in(actor=site.frontdesk, signup=signup, attended=came)
    services.event_cancel(actor=site.manager, event=held(site, day, "Film"), reason="Rain")
    held(site, period.end + timedelta(days=3), "Next month")
    slot = services.reception_slots_generate(
        actor=site.manager,
        community=site.community,
        day=timezone.localdate() + timedelta(days=3),
        start=time(9),
        end=time(9, 30),
        minutes=30,
        place="Hall",
    )[0]
    services.reception_book(actor=site.owner, slot=slot, unit=site.units["owner_home"], topic="x")
    moved = timezone.make_aware(datetime.combine(day, time(9)))
    ReceptionSlot.objects.filter(pk=slot.pk).update(starts_at=moved, ends_at=moved)
    visit = services.visit_record(
        actor=site.frontdesk,
        community=site.community,
        data={
            "unit": site.units["owner2_home"],
            "visited_on": day,
            "people_met": "Owner",
            "findings": "Tiles cracked",
        },
    )
    services.visit_raise_work_order(actor=site.frontdesk, visit=visit)

    found = section(site.community, period)

    assert {f.label: f.value for f in found.figures} == {
        "Events held": "1",
        "Households signed up": "2",
        "People who came": "3 / 5",
        "Attendance": "60%",
        "Reception-day meetings": "1",
        "Visits to homes": "1",
        "Work orders raised from meetings and visits": "1",
    }
    assert found.chart.series["Households"] == [2, 1, 1]
    assert "community_life" in [s.key for s in sections(site.community, period)]


def test_a_period_without_community_life_has_no_section(site):
    held(site, timezone.localdate() + timedelta(days=60), "Later")
    assert section(site.community, last_month()) is None
    assert section(site.other, last_month()) is None
