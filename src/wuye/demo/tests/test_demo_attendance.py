"""The demo's certificates and clock events follow the published rosters."""

from datetime import date, timedelta

import time_machine
from django.utils import timezone

from wuye.demo.attendance import attendance_load
from wuye.staff.attendance import queries
from wuye.staff.attendance.models import ClockEvent
from wuye.staff.attendance.tests.fixtures import moment, rostered
from wuye.staff.certificates.models import Certificate

TODAY = date(2026, 6, 15)


def test_the_load_clocks_the_rostered_shifts_and_gives_certificates(site):
    for n in range(1, 22):
        day = TODAY - timedelta(days=n)
        rostered(site.community, site.guard, day, "night")
        rostered(site.community, site.guard, day, "day")
        rostered(site.community, site.electrician, day, "middle")
    with time_machine.travel(moment(TODAY, 10), tick=False):
        counts = attendance_load(site.community)
        assert attendance_load(site.community) == {}
        days, rows = queries.sheet(site.community.pk, TODAY - timedelta(days=21))
        days2, rows2 = queries.sheet(site.community.pk, TODAY)
        today = timezone.localdate()

    assert counts["clock_events"] == ClockEvent.objects.count() > 100
    absent = sum(r.absent for r in rows + rows2)
    late = sum(r.late for r in rows + rows2)
    assert absent == 1 and late >= 1
    assert sum(r.shifts for r in rows + rows2) == 63
    guard = Certificate.objects.get(user=site.guard)
    assert guard.kind == "security_guard"
    expired = Certificate.objects.filter(valid_until__lt=today)
    assert set(expired.values_list("user__username", flat=True)) <= {"electrician3"}
    assert counts["certificates"] >= 2
