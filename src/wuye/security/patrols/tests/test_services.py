"""Patrol tasks made from plans, scans verified on the server, and the sweep of missed
points."""

from datetime import timedelta
from decimal import Decimal

import pytest
import time_machine
from django.utils import timezone

from wuye.core.models import AuditEntry, Notification
from wuye.security.patrols import services
from wuye.security.patrols.models import PatrolTask, PointStatus, TaskPoint, TaskStatus
from wuye.staff.organisation.models import Assignment
from wuye.staff.rosters import services as rosters
from wuye.staff.rosters.models import week_of

from .conftest import at
from .fixtures import DAY


def point_of(task, kind, patrol):
    return task.points.get(route_point__checkpoint=patrol["checkpoints"][kind])


def test_tasks_are_made_once_per_start_with_their_windows(site, patrol):
    tasks = patrol["tasks"]
    assert [t.starts_at for t in tasks] == [at(9), at(12)]
    assert services.tasks_generate(site.community, DAY) == []
    assert PatrolTask.objects.count() == 2
    first = point_of(tasks[0], "qr", patrol)
    assert (first.window_opens_at, first.window_closes_at) == (at(9, 10), at(9, 30))
    assert [u.pk for u in services.walkers(tasks[0])] == [site.guard.pk]


def test_no_task_without_a_published_roster(site, patrol):
    assert services.tasks_generate(site.community, DAY + timedelta(days=7)) == []


def test_a_plan_keeps_its_tasks_after_the_guard_leaves_the_post(site, patrol):
    guard2 = patrol["guards"][1]
    Assignment.objects.create(
        community=site.community,
        post=patrol["post"],
        user=site.guard,
        started_on=DAY - timedelta(days=30),
        ended_on=DAY + timedelta(days=1),
    )
    later = DAY + timedelta(days=7)
    roster = rosters.roster_open(site.community, patrol["post"], week_of(later))
    rosters.roster_set(
        actor=site.manager, roster=roster, user=guard2, day=later, shift=patrol["shifts"]["day"]
    )
    rosters.roster_publish(actor=site.manager, roster=roster)

    made = services.tasks_generate(site.community, later)

    assert len(made) == 2 and made[0].post == patrol["post"]
    assert [u.pk for u in services.walkers(made[0])] == [guard2.pk]
    with time_machine.travel(at(9, 5, later), tick=False):
        refused = services.scan(
            actor=site.guard,
            task=made[0],
            checkpoint_id=patrol["checkpoints"]["nfc"].pk,
            proof="04A23B1C5D80",
        )
        walked = services.scan(
            actor=guard2,
            task=made[0],
            checkpoint_id=patrol["checkpoints"]["nfc"].pk,
            proof="04A23B1C5D80",
        )
    assert refused.result == "rejected" and walked.result == "on_time"


def proofs(patrol, task_start):
    cps = patrol["checkpoints"]
    return {
        "nfc": ("04:a2:3b:1c:5d:80", None, None),
        "qr": (services.qr_payload(cps["qr"]), None, None),
        "rotating_qr": (
            services.rotating_code(cps["rotating_qr"], task_start + timedelta(minutes=40)),
            None,
            None,
        ),
        "gps": ("", Decimal("31.230500"), Decimal("121.473800")),  # about 14 m away
    }


@pytest.mark.parametrize("kind", ["nfc", "qr", "rotating_qr", "gps"])
def test_each_kind_accepts_its_proof_and_refuses_a_wrong_one_or_another_checkpoints(
    site, patrol, kind
):
    task = patrol["tasks"][0]
    cps = patrol["checkpoints"]
    minutes = {"nfc": 0, "qr": 20, "rotating_qr": 40, "gps": 60}[kind]
    moment = task.starts_at + timedelta(minutes=minutes)
    right = proofs(patrol, task.starts_at)[kind]
    other = "qr" if kind != "qr" else "nfc"
    wrong = {
        "nfc": ("04A23B1C5D81", None, None),
        "qr": (f"{cps['qr'].pk}.{'0' * 32}", None, None),
        "rotating_qr": (
            services.rotating_code(cps["rotating_qr"], moment + timedelta(minutes=5)),
            None,
            None,
        ),
        "gps": ("", Decimal("31.231400"), Decimal("121.473700")),  # about 110 m away
    }[kind]
    foreign = {
        "nfc": ("04A23B1C5D80", None, None),
        "qr": (services.qr_payload(cps["nfc"]), None, None),
        "rotating_qr": (services.rotating_code(cps["qr"], moment), None, None),
        "gps": ("", None, None),
    }
    with time_machine.travel(moment, tick=False):
        for proof, lat, lon in (wrong, foreign[other] if kind != "gps" else foreign["gps"]):
            bad = services.scan(
                actor=site.guard,
                task=task,
                checkpoint_id=cps[kind].pk,
                proof=proof,
                latitude=lat,
                longitude=lon,
            )
            assert bad.result == "rejected" and bad.reason
        assert point_of(task, kind, patrol).status == PointStatus.PENDING
        proof, lat, lon = right
        good = services.scan(
            actor=site.guard,
            task=task,
            checkpoint_id=cps[kind].pk,
            proof=proof,
            latitude=lat,
            longitude=lon,
        )
        assert good.result == "on_time", good.reason
        again = services.scan(
            actor=site.guard,
            task=task,
            checkpoint_id=cps[kind].pk,
            proof=proof,
            latitude=lat,
            longitude=lon,
        )
    assert again.result == "rejected"
    point = point_of(task, kind, patrol)
    assert (point.status, point.scanned_by, point.scanned_at) == ("on_time", site.guard, moment)
    assert AuditEntry.objects.filter(action="patrol.scan_rejected").count() == 3


def test_a_proof_of_another_checkpoint_on_its_own_id_is_refused(site, patrol):
    """The QR of the car park's entrance, submitted as the east gate's NFC, proves nothing."""
    task, cps = patrol["tasks"][0], patrol["checkpoints"]
    with time_machine.travel(at(9, 20), tick=False):
        result = services.scan(
            actor=site.guard,
            task=task,
            checkpoint_id=cps["qr"].pk,
            proof=services.qr_payload(cps["nfc"]),
        )
    assert result.result == "rejected"


def test_early_and_late_by_the_window(site, patrol):
    task, cps = patrol["tasks"][0], patrol["checkpoints"]
    with time_machine.travel(at(9, 45), tick=False):
        early = services.scan(
            actor=site.guard,
            task=task,
            checkpoint_id=cps["gps"].pk,
            proof="",
            latitude=Decimal("31.2304"),
            longitude=Decimal("121.4737"),
        )
        late = services.scan(
            actor=site.guard,
            task=task,
            checkpoint_id=cps["qr"].pk,
            proof=services.qr_payload(cps["qr"]),
        )
    assert (early.result, late.result) == ("early", "late")


def test_a_scan_ahead_of_the_servers_clock_is_refused(site, patrol):
    task, cps = patrol["tasks"][0], patrol["checkpoints"]
    with time_machine.travel(at(9, 0), tick=False):
        ahead = services.scan(
            actor=site.guard,
            task=task,
            checkpoint_id=cps["nfc"].pk,
            proof="04A23B1C5D80",
            scanned_at=at(9, 11),
        )
        within = services.scan(
            actor=site.guard,
            task=task,
            checkpoint_id=cps["nfc"].pk,
            proof="04A23B1C5D80",
            scanned_at=at(9, 9),
        )
    assert (ahead.result, within.result) == ("rejected", "on_time")


def test_the_sweep_marks_missed_once_and_tells_the_supervisor_once(
    site, patrol, django_capture_on_commit_callbacks
):
    task = patrol["tasks"][0]
    now = at(9, 31)  # the east gate's and the car park's windows have closed
    with django_capture_on_commit_callbacks(execute=True):
        first = services.sweep_missed(now)
        second = services.sweep_missed(now)
    assert (first, second) == (2, 0)
    missed = TaskPoint.objects.filter(task=task, status=PointStatus.MISSED)
    assert missed.count() == 2 and all(p.notified_at == now for p in missed)
    told = Notification.objects.filter(
        recipient=patrol["supervisor"], kind="security.patrol_point_missed"
    )
    assert told.count() == 2
    assert not Notification.objects.filter(recipient=site.guard).exists()
    point = missed.first()
    assert services.mark_missed(point.pk, now) == 0


def test_the_conditional_update_decides_between_two_workers(site, patrol):
    point = point_of(patrol["tasks"][0], "nfc", patrol)
    now = at(9, 11)
    assert services.mark_missed(point.pk, at(9, 9)) == 0  # window still open
    assert services.mark_missed(point.pk, now) == 1
    assert services.mark_missed(point.pk, now) == 0


def test_a_task_settles_when_no_point_is_pending(site, patrol):
    task = patrol["tasks"][0]
    with time_machine.travel(at(10, 0), tick=False):
        services.scan(
            actor=site.guard,
            task=task,
            checkpoint_id=patrol["checkpoints"]["gps"].pk,
            proof="",
            latitude=Decimal("31.2304"),
            longitude=Decimal("121.4737"),
        )
    services.sweep_missed(at(10, 30))
    task.refresh_from_db()
    assert task.status == TaskStatus.MISSED_SOME
    assert timezone.is_aware(task.starts_at)
