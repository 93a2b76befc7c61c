"""Missed checkpoints the supervisor sees to: acknowledged with a note, or, when nobody does
within the route's minutes, sent on once to the head of security and the manager.

The escalation sweep follows the work orders' SLA sweep: a point is escalated only through an
UPDATE conditional on it being still missed, unacknowledged and unescalated, and only the
worker whose UPDATE changed the row tells anyone, so two workers never tell twice."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from wuye.core import audit, notify, policy
from wuye.core.policy import R as Role
from wuye.staff.organisation.models import Department, DepartmentKind

from . import notifications
from .models import PointStatus, TaskPoint

NOTE_MAX_LENGTH = 500


@transaction.atomic
def point_acknowledge(*, actor, point: TaskPoint, note: str = "") -> TaskPoint:
    """The supervisor says a missed point has been seen to (who, when, an optional note).
    Only a missed point not yet acknowledged can be; a second acknowledgement changes
    nothing and says so."""
    policy.require_perm(actor, "patrol.acknowledge", point.task.community_id)
    note = (note or "").strip()
    if len(note) > NOTE_MAX_LENGTH:
        raise ValidationError(
            _("The note is too long (at most %(max)d characters).") % {"max": NOTE_MAX_LENGTH}
        )
    if "\x00" in note:
        raise ValidationError(_("The note contains a character that cannot be kept."))
    now = timezone.now()
    changed = TaskPoint.objects.filter(
        pk=point.pk, status=PointStatus.MISSED, acknowledged_at__isnull=True
    ).update(acknowledged_at=now, acknowledged_by=actor, acknowledgement_note=note)
    if not changed:
        current = TaskPoint.objects.filter(pk=point.pk).values_list("status", flat=True).first()
        if current != PointStatus.MISSED:
            raise ValidationError(_("Only a missed checkpoint can be acknowledged."))
        raise ValidationError(_("This missed checkpoint has already been acknowledged."))
    point.refresh_from_db()
    audit.record(
        actor=actor,
        action="patrol.acknowledge",
        obj=point,
        changes={"acknowledged_at": ["", now.isoformat()], "note": ["", note]},
    )
    return point


def escalate(point_id: int, now: datetime) -> int:
    """Escalate one point if it is still missed, unacknowledged and not escalated yet: the
    rows the UPDATE changed (0 when another worker, an acknowledgement or a late scan got
    there first)."""
    return TaskPoint.objects.filter(
        pk=point_id,
        status=PointStatus.MISSED,
        acknowledged_at__isnull=True,
        escalated_at__isnull=True,
    ).update(escalated_at=now)


def escalation_recipients(community_id: int) -> list:
    """The heads of the community's security departments and its property managers."""
    heads = [
        department.head
        for department in Department.objects.filter(
            community_id=community_id,
            kind=DepartmentKind.SECURITY,
            active=True,
            head__isnull=False,
        ).select_related("head")
    ]
    people = {user.pk: user for user in heads}
    for user in notify.role_holders(community_id, [Role.PROPERTY_MANAGER]):
        people.setdefault(user.pk, user)
    return list(people.values())


def _tell(point_id: int) -> None:
    point = TaskPoint.objects.select_related(
        "task__community", "task__plan__route", "route_point__checkpoint"
    ).get(pk=point_id)
    task = point.task

    def compose() -> tuple[str, str]:
        text = str(notifications.ESCALATED.text)
        lines = [
            text,
            _("Route: %(route)s") % {"route": task.plan.route.name},
            _("Checkpoint: %(name)s") % {"name": point.route_point.checkpoint.name},
            _("Window closed at: %(at)s")
            % {"at": timezone.localtime(point.window_closes_at).strftime("%Y-%m-%d %H:%M")},
        ]
        return text, "\n".join(lines)

    notify.deliver(
        escalation_recipients(task.community_id),
        compose,
        kind=notifications.ESCALATED,
        about=point,
        community=task.community,
    )


def sweep_escalate(now: datetime | None = None) -> int:
    """Escalate every missed point nobody acknowledged within its route's minutes after the
    supervisor was told, once each however many workers sweep at the same time."""
    now = now or timezone.now()
    due = TaskPoint.objects.filter(
        status=PointStatus.MISSED,
        acknowledged_at__isnull=True,
        escalated_at__isnull=True,
        notified_at__isnull=False,
    ).values_list("pk", "notified_at", "task__plan__route__escalate_after_minutes")
    escalated = 0
    for pk, told_at, minutes in list(due):
        if now < told_at + timedelta(minutes=minutes):
            continue
        with transaction.atomic():
            if escalate(pk, now):
                escalated += 1
                transaction.on_commit(lambda pk=pk: _tell(pk))
    return escalated


def missed_points(community_id: int, *, since: datetime):
    """The community's missed points since `since`, those nobody acknowledged first, then the
    latest first."""
    return (
        TaskPoint.objects.filter(
            task__community_id=community_id,
            status=PointStatus.MISSED,
            window_closes_at__gte=since,
        )
        .select_related("task__plan__route", "task__post", "route_point__checkpoint")
        .select_related("acknowledged_by")
        .order_by(F("acknowledged_at").desc(nulls_first=True), "-window_closes_at", "-pk")
    )
