"""Planning, publishing and changing a week's roster, and the shift settings."""

from datetime import time, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from wuye.core.models import AuditEntry, CalendarDay, CalendarDayKind
from wuye.staff.certificates.models import Certificate
from wuye.staff.rosters import queries, services
from wuye.staff.rosters.models import RosterEntry, RosterStatus

from .fixtures import NATIONAL_DAY_WEEK, WEEK, guards, posts_for, shifts_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan(site):
    people = guards(site)
    return {
        "site": site,
        "people": people,
        "shifts": shifts_for(site.community),
        "posts": posts_for(site.community),
        "security": site.users["security"],
    }


def _roster(plan, post="pedestrian-gate", week=WEEK):
    return services.roster_open(plan["site"].community, plan["posts"][post], week)


def test_a_shift_across_midnight_is_created_and_audited(plan, site):
    shift = services.shift_template_create(
        actor=site.manager,
        community=site.community,
        name="夜间维修值班2",
        code="Duty-2",
        kind="duty",
        starts=time(17),
        ends=time(9),
    )
    assert shift.code == "duty-2" and shift.crosses_midnight and shift.minutes == 16 * 60
    assert AuditEntry.objects.filter(action="shift.create").count() == 1
    with pytest.raises(ValidationError):
        services.shift_template_create(
            actor=site.manager,
            community=site.community,
            name="x",
            code="duty-2",
            kind="duty",
            starts=time(8),
            ends=time(9),
        )
    with pytest.raises(ValidationError):
        services.shift_template_update(
            actor=site.manager, template=shift, break_minutes=240, starts=time(8)
        )
    with pytest.raises(PermissionDenied):
        services.shift_template_update(actor=site.guard, template=shift, name="y")
    services.shift_template_update(actor=site.manager, template=shift, name="夜修")
    shift.refresh_from_db()
    assert shift.name == "夜修" and shift.break_minutes == 0


def test_work_rules_are_set_and_checked(site):
    rules = services.work_rules_update(
        actor=site.manager, community=site.community, hours_a_week=40
    )
    assert rules.hours_a_week == 40 and rules.hours_a_day == 8
    with pytest.raises(ValidationError):
        services.work_rules_update(actor=site.manager, community=site.community, hours_a_day=25)
    rules.refresh_from_db()
    assert rules.hours_a_day == 8


def test_a_week_is_planned_warned_and_published(plan):
    security, people, shifts = plan["security"], plan["people"], plan["shifts"]
    roster = _roster(plan)
    assert roster.status == RosterStatus.DRAFT and _roster(plan) == roster
    with pytest.raises(ValidationError):
        services.roster_open(
            plan["site"].community, plan["posts"]["front-desk"], WEEK + timedelta(days=1)
        )
    for day in roster.days:
        services.roster_set(
            actor=security, roster=roster, user=people[0], day=day, shift=shifts["day"]
        )
        services.roster_set(
            actor=security, roster=roster, user=people[1], day=day, shift=shifts["day"]
        )
        services.roster_set(
            actor=security, roster=roster, user=people[2], day=day, shift=shifts["middle"]
        )
    entry = RosterEntry.objects.get(roster=roster, user=people[2], date=WEEK)
    starts, ends = timezone.localtime(entry.starts_at), timezone.localtime(entry.ends_at)
    assert (starts.hour, ends.date(), ends.hour) == (16, WEEK + timedelta(days=1), 0)
    with pytest.raises(ValidationError):  # twice on one shift
        services.roster_set(
            actor=security, roster=roster, user=people[0], day=WEEK, shift=shifts["day"]
        )
    with pytest.raises(ValidationError):  # a day of another week
        services.roster_set(
            actor=security,
            roster=roster,
            user=people[0],
            day=WEEK - timedelta(days=1),
            shift=shifts["day"],
        )
    with pytest.raises(ValidationError):  # not staff of the community
        services.roster_set(
            actor=security, roster=roster, user=plan["site"].owner, day=WEEK, shift=shifts["day"]
        )
    with pytest.raises(PermissionDenied):
        services.roster_set(
            actor=plan["site"].guard, roster=roster, user=people[0], day=WEEK, shift=shifts["day"]
        )

    roster, warnings = services.roster_publish(actor=security, roster=roster)
    kinds = {w.kind for w in warnings}
    # 中班 has one of two people and 夜班 nobody every day; everyone works 56 h; nobody holds
    # 保安员证.
    short = [w for w in warnings if w.kind == "under_headcount"]
    assert len(short) == 14 and {w.shift_id for w in short} == {
        shifts["middle"].pk,
        shifts["night"].pk,
    }
    assert kinds == {"under_headcount", "over_week", "certificate"}
    assert roster.status == RosterStatus.PUBLISHED and roster.published_by == security
    audit = AuditEntry.objects.get(action="roster.publish")
    assert len(audit.changes["warnings"]) == len(warnings)
    with pytest.raises(ValidationError):  # a published week is changed through changes
        services.roster_set(
            actor=security, roster=roster, user=people[0], day=WEEK, shift=shifts["middle"]
        )
    with pytest.raises(ValidationError):
        services.roster_clear(actor=security, entry=entry)


def test_the_certificate_warning_reads_the_certificates_valid_that_day(plan):
    security, people, shifts = plan["security"], plan["people"], plan["shifts"]
    roster = _roster(plan, "control-centre")
    for kind in ("security_guard", "fire_facilities"):
        Certificate.objects.create(
            community=plan["site"].community,
            user=people[0],
            kind=kind,
            number=f"N-{kind}",
            valid_until=WEEK + timedelta(days=1),
        )
    for day in roster.days[:3]:
        services.roster_set(
            actor=security, roster=roster, user=people[0], day=day, shift=shifts["night"]
        )
    found = [w for w in queries.roster_warnings(roster) if w.kind == "certificate"]
    assert [w.day for w in found] == [WEEK + timedelta(days=2)]


def test_two_shifts_at_once_on_two_posts_warn(plan):
    security, person, shifts = plan["security"], plan["people"][0], plan["shifts"]
    gate, desk = _roster(plan), _roster(plan, "front-desk")
    services.roster_set(actor=security, roster=gate, user=person, day=WEEK, shift=shifts["day"])
    services.roster_set(
        actor=plan["site"].manager, roster=desk, user=person, day=WEEK, shift=shifts["office"]
    )
    found = [w for w in queries.roster_warnings(gate) if w.kind == "overlap"]
    assert len(found) == 1 and found[0].user_id == person.pk
    day_hours = [w for w in queries.roster_warnings(gate) if w.kind == "over_day"]
    assert len(day_hours) == 1  # 8 h + 8 h across the two rosters


def test_office_hours_are_not_short_on_a_holiday(plan):
    site = plan["site"]
    for n in range(3):
        CalendarDay.objects.create(
            company=site.community.company,
            date=NATIONAL_DAY_WEEK + timedelta(days=n),
            kind=CalendarDayKind.HOLIDAY,
            name="国庆节",
        )
    roster = _roster(plan, "front-desk", NATIONAL_DAY_WEEK)
    services.roster_set(
        actor=site.manager,
        roster=roster,
        user=site.frontdesk,
        day=NATIONAL_DAY_WEEK + timedelta(days=3),
        shift=plan["shifts"]["office"],
    )
    short = [w.day for w in queries.roster_warnings(roster) if w.kind == "under_headcount"]
    # Thursday has one of two; Friday has nobody; the holidays and the weekend need nobody.
    assert short == [NATIONAL_DAY_WEEK + timedelta(days=3), NATIONAL_DAY_WEEK + timedelta(days=4)]


def test_copy_previous_week_then_clear(plan):
    security, people, shifts = plan["security"], plan["people"], plan["shifts"]
    last = _roster(plan, week=WEEK - timedelta(days=7))
    services.roster_set(
        actor=security,
        roster=last,
        user=people[0],
        day=last.week + timedelta(days=6),
        shift=shifts["middle"],
    )
    services.roster_set(
        actor=security, roster=last, user=people[1], day=last.week, shift=shifts["night"]
    )
    roster = _roster(plan)
    with pytest.raises(ValidationError):
        services.roster_copy_previous_week(actor=security, roster=_roster(plan, "front-desk"))
    assert services.roster_copy_previous_week(actor=security, roster=roster) == 2
    assert services.roster_copy_previous_week(actor=security, roster=roster) == 0
    sunday = RosterEntry.objects.get(roster=roster, user=people[0])
    start, end = shifts["middle"].span(WEEK + timedelta(days=6))
    assert (sunday.date, sunday.starts_at, sunday.ends_at) == (WEEK + timedelta(days=6), start, end)
    services.roster_clear(actor=security, entry=sunday)
    assert roster.entries.count() == 1


def test_changes_to_a_published_roster_change_who_is_on_duty(plan):
    security, people, shifts = plan["security"], plan["people"], plan["shifts"]
    roster = _roster(plan)
    first = services.roster_set(
        actor=security, roster=roster, user=people[0], day=WEEK, shift=shifts["night"]
    )
    second = services.roster_set(
        actor=security, roster=roster, user=people[1], day=WEEK, shift=shifts["day"]
    )
    with pytest.raises(ValidationError):  # not yet published
        services.roster_change(actor=security, entry=first, kind="sick")
    services.roster_publish(actor=security, roster=roster)
    with pytest.raises(ValidationError):
        services.roster_change(actor=security, entry=first, kind="swap")
    with pytest.raises(ValidationError):
        services.roster_change(actor=security, entry=first, kind="swap", covered_by=people[0])
    services.roster_change(
        actor=security, entry=first, kind="swap", covered_by=people[2], note="换班"
    )
    services.roster_change(actor=security, entry=second, kind="leave")
    with pytest.raises(ValidationError):
        services.roster_change(actor=security, entry=second, kind="sick")
    three = first.starts_at + timedelta(hours=3)
    duties = queries.on_duty(roster.community_id, three)
    assert [(d.user, d.covering) for d in duties] == [(people[2], True)]
    assert queries.on_duty(roster.community_id, second.starts_at + timedelta(hours=1)) == []
    mine = queries.shifts_of(people[2], roster.community_id, WEEK, WEEK + timedelta(days=13))
    assert [m["covering"] for m in mine] == [True]
