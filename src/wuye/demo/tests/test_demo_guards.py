"""The demo's guards: a fortnight of patrol rounds walked through the services (most on time,
a few late, a few missed and swept), the incidents of the past year with one that the 1 ‰
indicator counts; a second run adds nothing."""

from datetime import datetime
from zoneinfo import ZoneInfo

import time_machine

from wuye.demo.guards import CHECKPOINTS, DAYS, guards_load
from wuye.demo.organisation import organisation_load
from wuye.demo.rosters import rosters_load
from wuye.demo.tests.test_demo_rosters import _staff
from wuye.security.handover.models import Handover, HandoverStatus
from wuye.security.incidents.models import COUNTED, Incident
from wuye.security.patrols.models import PatrolTask, PointStatus, TaskPoint, TaskStatus

NOW = datetime(2026, 12, 9, 10, 30, tzinfo=ZoneInfo("Asia/Shanghai"))


def test_the_rounds_and_incidents_are_loaded_once(site):
    _staff(site)
    organisation_load(site.community)
    rosters_load(site.community, today=NOW.date())
    with time_machine.travel(NOW, tick=False):
        counts = guards_load(site.community, now=NOW)

        assert counts["checkpoints"] == len(CHECKPOINTS)
        # Four rounds on each of three shifts, every day of the fortnight and today.
        assert counts["tasks"] == PatrolTask.objects.count() == (DAYS + 1) * 3 * 4
        points = TaskPoint.objects.all()
        scanned = points.filter(status__in=[PointStatus.ON_TIME, PointStatus.LATE])
        assert counts["scans"] == scanned.count()
        assert scanned.filter(status=PointStatus.ON_TIME).count() > 0.85 * counts["scans"]
        assert 0 < counts["missed"] == points.filter(status=PointStatus.MISSED).count()
        # Nothing whose window has closed is left pending; the rounds still ahead are.
        assert not points.filter(status=PointStatus.PENDING, window_closes_at__lte=NOW).exists()
        assert points.filter(status=PointStatus.PENDING, window_opens_at__gt=NOW).exists()
        done = PatrolTask.objects.filter(starts_at__lt=NOW.replace(hour=0))
        assert not done.filter(status=TaskStatus.OPEN).exists()

        assert counts["incidents"] == Incident.objects.count() == 5
        assert Incident.objects.filter(kind__in=COUNTED).count() == 1
        flood = Incident.objects.get(kind="flooding")
        assert flood.work_orders.count() == 1
        # The control centre's last nine shift changes: one still awaits its incoming guard,
        # one found a radio missing.
        assert counts["handovers"] == Handover.objects.count() >= 7
        awaiting = Handover.objects.filter(status=HandoverStatus.AWAITING_INCOMING)
        assert awaiting.count() == 1 and awaiting.get().ends_at <= NOW
        assert Handover.objects.filter(discrepancy=True).count() == 1
        assert guards_load(site.community, now=NOW) == {}
        earlier = points.filter(status=PointStatus.MISSED, task__date__lt=NOW.date())
        assert earlier.exists() and not earlier.filter(acknowledged_at=None).exists()
        assert counts["missed"] < 0.05 * TaskPoint.objects.exclude(status="pending").count()
