"""The demo's rosters: nine published weeks of the security posts and the front desk, next
week's pedestrian gate as a draft, three changes; a second run adds nothing."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from wuye.core.models import Membership, Role
from wuye.demo.organisation import organisation_load
from wuye.demo.rosters import rosters_load
from wuye.staff.rosters import queries
from wuye.staff.rosters.models import Roster, RosterChange, RosterEntry, RosterStatus
from wuye.testing import factories as f

TODAY = date(2026, 12, 9)  # a Wednesday


def _staff(site):
    names = ["security", "inner-guard", "handover-guard", "frontdesk2"]
    names += [f"shift-leader{n}" for n in range(1, 4)]
    names += [f"guard{n}{p}" for n in range(1, 4) for p in range(1, 5) if (n, p) != (1, 1)]
    for name in names:
        user = f.UserFactory(username=name)
        role = Role.SECURITY_SUPERVISOR if name == "security" else Role.GUARD
        Membership.objects.create(
            user=user, company=site.community.company, community=site.community, role=role
        )


def test_the_weeks_are_loaded_once(site):
    _staff(site)
    organisation_load(site.community)
    counts = rosters_load(site.community, today=TODAY)

    monday = date(2026, 12, 7)
    assert counts["rosters"] == 9 * 6 + 1 == Roster.objects.count()
    draft = Roster.objects.get(status=RosterStatus.DRAFT)
    assert (draft.post.code, draft.week) == ("pedestrian-gate", monday + timedelta(days=7))
    assert Roster.objects.filter(week=monday - timedelta(days=56)).count() == 6
    assert counts["entries"] == RosterEntry.objects.count()
    assert counts["changes"] == RosterChange.objects.count() >= 2
    night = RosterEntry.objects.filter(shift__code="middle").first()
    assert night.starts_at + timedelta(hours=8) == night.ends_at
    at_three = datetime(2026, 12, 9, 3, tzinfo=ZoneInfo("Asia/Shanghai"))
    on_duty = queries.on_duty(site.community, at_three, department_kind="security")
    assert {d.shift.code for d in on_duty} == {"night"} and len(on_duty) >= 3
    assert rosters_load(site.community, today=TODAY) == {}
