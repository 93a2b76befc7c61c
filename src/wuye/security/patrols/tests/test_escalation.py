"""A missed checkpoint acknowledged by the supervisor, or escalated once to the head of
security and the manager when nobody does within the route's minutes."""

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError

from wuye.core.models import AuditEntry, Notification
from wuye.security.patrols import escalation, services
from wuye.security.patrols.models import PointStatus, TaskPoint
from wuye.staff.organisation.models import Department, DepartmentKind
from wuye.testing.factories import UserFactory

from .conftest import at

ESCALATED = "security.patrol_point_escalated"


@pytest.fixture
def missed(site, patrol, django_capture_on_commit_callbacks):
    """The east gate's and the car park's points of the first task, missed at 09:31."""
    with django_capture_on_commit_callbacks(execute=True):
        services.sweep_missed(at(9, 31))
    return list(
        TaskPoint.objects.filter(task=patrol["tasks"][0], status=PointStatus.MISSED).order_by(
            "window_opens_at"
        )
    )


@pytest.fixture
def head(site):
    user = UserFactory(username="security_head")
    Department.objects.filter(community=site.community, kind=DepartmentKind.SECURITY).update(
        head=user
    )
    return user


def test_the_supervisor_acknowledges_a_missed_point_once_with_a_note(site, patrol, missed):
    supervisor = patrol["supervisor"]
    point = escalation.point_acknowledge(
        actor=supervisor, point=missed[0], note="Guard called away to a fall"
    )
    assert point.acknowledged_by == supervisor and point.acknowledged_at is not None
    assert point.acknowledgement_note == "Guard called away to a fall"
    with pytest.raises(ValidationError, match="already been acknowledged"):
        escalation.point_acknowledge(actor=site.manager, point=missed[0])
    point.refresh_from_db()
    assert point.acknowledged_by == supervisor
    assert AuditEntry.objects.filter(action="patrol.acknowledge").count() == 1


def test_only_a_missed_point_is_acknowledged_and_only_by_the_supervisor_or_manager(
    site, patrol, missed
):
    pending = TaskPoint.objects.filter(status=PointStatus.PENDING).first()
    with pytest.raises(ValidationError, match="Only a missed"):
        escalation.point_acknowledge(actor=patrol["supervisor"], point=pending)
    with pytest.raises(PermissionDenied):
        escalation.point_acknowledge(actor=site.guard, point=missed[0])
    with pytest.raises(ValidationError):
        escalation.point_acknowledge(actor=patrol["supervisor"], point=missed[0], note="x" * 501)
    assert not TaskPoint.objects.filter(acknowledged_at__isnull=False).exists()


def test_an_unacknowledged_point_is_escalated_once_after_the_routes_minutes(
    site, patrol, missed, head, django_capture_on_commit_callbacks
):
    escalation.point_acknowledge(actor=patrol["supervisor"], point=missed[0])
    with django_capture_on_commit_callbacks(execute=True):
        early = escalation.sweep_escalate(at(9, 45))  # 14 minutes after the supervisor was told
        first = escalation.sweep_escalate(at(9, 46))
        second = escalation.sweep_escalate(at(9, 47))
    assert (early, first, second) == (0, 1, 0)
    acknowledged, unanswered = (TaskPoint.objects.get(pk=p.pk) for p in missed)
    assert acknowledged.escalated_at is None and unanswered.escalated_at == at(9, 46)
    told = Notification.objects.filter(kind=ESCALATED)
    assert sorted(n.recipient.username for n in told) == ["manager", "security_head"]
    assert not told.filter(recipient=patrol["supervisor"]).exists()
    assert escalation.escalate(unanswered.pk, at(9, 50)) == 0


def test_the_minutes_are_the_routes_data(site, patrol, missed):
    patrol["route"].escalate_after_minutes = 60
    patrol["route"].save()
    assert escalation.sweep_escalate(at(10, 30)) == 0
    assert escalation.sweep_escalate(at(10, 31)) == 2


def test_two_sweeps_escalate_each_point_once(site, patrol, missed, head):
    """The conditional UPDATE decides between two workers that read the same points."""
    point = missed[1]
    assert escalation.escalate(point.pk, at(9, 46)) == 1
    assert escalation.escalate(point.pk, at(9, 46)) == 0
    assert escalation.sweep_escalate(at(9, 47)) == 1  # the other point only


def test_a_point_scanned_late_after_it_was_missed_is_not_escalated(site, patrol, missed):
    qr = patrol["checkpoints"]["qr"]
    with time_machine.travel(at(9, 40), tick=False):
        late = services.scan(
            actor=site.guard,
            task=patrol["tasks"][0],
            checkpoint_id=qr.pk,
            proof=services.qr_payload(qr),
        )
    assert late.result == "late"
    assert escalation.sweep_escalate(at(10)) == 1
