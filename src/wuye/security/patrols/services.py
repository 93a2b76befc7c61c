"""Patrol tasks: made each day from the plans, scanned point by point with a proof the server
checks, and swept for points nobody scanned in their window.

A scan is accepted only on a proof the server verifies against the checkpoint's kind (the NFC
tag's UID, the printed QR's HMAC, the rotating code of that half-minute, the position within
the checkpoint's radius): nothing the phone says is taken on trust but the time it claims,
and that not when it is ahead of the server's clock.
"""

from __future__ import annotations

import hashlib
import hmac
import math
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from wuye.core import audit, notify, policy
from wuye.core.models import Community
from wuye.core.policy import R as Role
from wuye.staff.rosters.models import Roster, RosterStatus, week_of
from wuye.staff.rosters.queries import on_duty

from . import notifications
from .models import (
    Checkpoint,
    PatrolPlan,
    PatrolTask,
    PointStatus,
    TaskPoint,
    TaskStatus,
    Verification,
)

# A rotating code changes every STEP seconds; one step either side is accepted.
STEP_SECONDS = 30
CODE_DIGITS = 6
PROOF_MAX_LENGTH = 200
EARTH_RADIUS_M = 6_371_000


def max_ahead() -> timedelta:
    """How far ahead of the server's clock a phone's scan time may be (clock skew)."""
    return timedelta(minutes=getattr(settings, "PATROL_SCAN_MAX_AHEAD_MINUTES", 10))


# --- Proofs -----------------------------------------------------------------------------


def _mac(checkpoint: Checkpoint, message: str) -> bytes:
    return hmac.new(checkpoint.secret.encode(), message.encode(), hashlib.sha256).digest()


def qr_payload(checkpoint: Checkpoint) -> str:
    """What the printed QR code of a checkpoint holds: its id and an HMAC of the id with its
    secret, so that nobody can print a code for a checkpoint without the server."""
    mac = _mac(checkpoint, f"checkpoint:{checkpoint.pk}").hex()[:32]
    return f"{checkpoint.pk}.{mac}"


def rotating_code(checkpoint: Checkpoint, at: datetime) -> str:
    """The code a rotating QR display shows at `at` (a new one every 30 seconds)."""
    step = int(at.timestamp()) // STEP_SECONDS
    digest = _mac(checkpoint, f"rotating:{checkpoint.pk}:{step}")
    number = int.from_bytes(digest[:8], "big") % 10**CODE_DIGITS
    return f"{number:0{CODE_DIGITS}d}"


def normalise_uid(text: str) -> str:
    return "".join(ch for ch in text.upper() if ch in "0123456789ABCDEF")


def distance_m(lat1, lon1, lat2, lon2) -> float:
    """The great-circle distance in metres (haversine)."""
    p1, p2 = math.radians(float(lat1)), math.radians(float(lat2))
    dp = p2 - p1
    dl = math.radians(float(lon2) - float(lon1))
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_M * math.asin(math.sqrt(a))


def verify(checkpoint: Checkpoint, proof: str, at: datetime, latitude, longitude) -> str:
    """ "" when `proof` proves presence at `checkpoint` at `at`, else the reason it does not."""
    proof = (proof or "").strip()
    kind = checkpoint.verification
    if kind == Verification.NFC:
        expected = normalise_uid(checkpoint.tag_uid)
        given = normalise_uid(proof)
        if not expected or not hmac.compare_digest(given.encode(), expected.encode()):
            return _("This tag is not the checkpoint's.")
        return ""
    if kind == Verification.QR:
        if not hmac.compare_digest(proof.encode(), qr_payload(checkpoint).encode()):
            return _("This QR code is not the checkpoint's.")
        return ""
    if kind == Verification.ROTATING_QR:
        for step in (-1, 0, 1):
            moment = at + timedelta(seconds=step * STEP_SECONDS)
            if hmac.compare_digest(proof.encode(), rotating_code(checkpoint, moment).encode()):
                return ""
        return _("This code is not the checkpoint's, or no longer valid.")
    if kind == Verification.GPS:
        if latitude is None or longitude is None:
            return _("Allow the phone to share its position to scan this checkpoint.")
        if checkpoint.latitude is None or checkpoint.longitude is None:
            return _("This checkpoint has no position set.")
        far = distance_m(checkpoint.latitude, checkpoint.longitude, latitude, longitude)
        if far > checkpoint.radius_m:
            return _("You are %(metres)d m from the checkpoint.") % {"metres": round(far)}
        return ""
    return _("This checkpoint cannot be verified.")


# --- Tasks ------------------------------------------------------------------------------


def _rostered(plan: PatrolPlan, day: date) -> bool:
    return Roster.objects.filter(
        post_id=plan.post_id, week=week_of(day), status=RosterStatus.PUBLISHED
    ).exists()


def tasks_generate(community: Community, day: date) -> list[PatrolTask]:
    """The day's tasks of the community's active plans whose post has a published roster
    that week: one for each start the plan gives, each with its points and their windows.
    Running it again makes nothing twice."""
    made: list[PatrolTask] = []
    plans = PatrolPlan.objects.filter(
        active=True, route__active=True, route__community=community
    ).select_related("shift", "route")
    for plan in plans:
        if not _rostered(plan, day):
            continue
        shift_start, _end = plan.shift.span(day)
        points = list(
            plan.route.points.select_related("checkpoint").filter(checkpoint__active=True)
        )
        for offset in plan.offsets:
            starts_at = shift_start + timedelta(minutes=offset)
            if PatrolTask.objects.filter(plan=plan, starts_at=starts_at).exists():
                continue
            try:
                with transaction.atomic():
                    task = PatrolTask.objects.create(
                        plan=plan,
                        community=community,
                        date=day,
                        starts_at=starts_at,
                        post_id=plan.post_id,
                    )
                    TaskPoint.objects.bulk_create(
                        TaskPoint(
                            task=task,
                            route_point=point,
                            window_opens_at=starts_at
                            + timedelta(minutes=point.offset_minutes - point.tolerance_minutes),
                            window_closes_at=starts_at
                            + timedelta(minutes=point.offset_minutes + point.tolerance_minutes),
                        )
                        for point in points
                    )
            except IntegrityError:  # another worker made it first
                continue
            made.append(task)
    return made


def tasks_generate_all(day: date) -> int:
    ids = PatrolPlan.objects.filter(active=True).values_list("route__community_id", flat=True)
    return sum(
        len(tasks_generate(community, day))
        for community in Community.objects.filter(pk__in=set(ids))
    )


def walkers(task: PatrolTask) -> list:
    """The guards who walk a task: those the published roster puts on its post when it
    starts (never a person named by the plan)."""
    return [duty.user for duty in on_duty(task.community_id, task.starts_at, task.post_id)]


def _settle(task_id: int) -> None:
    """A task with no point left pending is done, or done with points missed."""
    points = TaskPoint.objects.filter(task_id=task_id)
    if points.filter(status=PointStatus.PENDING).exists():
        return
    missed = points.filter(status__in=[PointStatus.MISSED, PointStatus.REJECTED]).exists()
    PatrolTask.objects.filter(pk=task_id).update(
        status=TaskStatus.MISSED_SOME if missed else TaskStatus.DONE
    )


# --- Scans ------------------------------------------------------------------------------


def _coordinate(value) -> Decimal | None:
    return None if value is None else Decimal(str(value)).quantize(Decimal("0.000001"))


@dataclass(frozen=True)
class ScanResult:
    result: str  # on_time | early | late | rejected
    reason: str
    point: TaskPoint | None = None


def _may_walk(actor, task: PatrolTask) -> bool:
    if Role.SECURITY_SUPERVISOR in policy.roles_in(actor, task.community_id):
        return True
    return actor.pk in {user.pk for user in walkers(task)}


@transaction.atomic
def scan(
    *,
    actor,
    task: PatrolTask,
    checkpoint_id: int,
    proof: str,
    scanned_at: datetime | None = None,
    latitude: Decimal | float | None = None,
    longitude: Decimal | float | None = None,
    answers: dict | None = None,
) -> ScanResult:
    """Record a guard at a checkpoint of the task. The proof is verified here against the
    checkpoint's kind; a scan is on time in the point's window, early before it, late after
    it (a point already marked missed may still be scanned late). A rejected scan changes no
    point and is kept in the audit log, with its reason."""
    policy.require_perm(actor, "patrol.walk", task.community_id)
    latitude, longitude = _coordinate(latitude), _coordinate(longitude)
    now = timezone.now()
    at = scanned_at or now

    def rejected(reason: str, point: TaskPoint | None = None) -> ScanResult:
        audit.record(
            actor=actor,
            action="patrol.scan_rejected",
            obj=point or task,
            changes={"checkpoint": [str(checkpoint_id)], "reason": [reason]},
        )
        return ScanResult("rejected", reason, point)

    if not _may_walk(actor, task):
        return rejected(_("You are not on duty on this patrol's post."))
    if at > now + max_ahead():
        return rejected(_("The phone's clock is ahead of the server's: set it and scan again."))
    if at < task.starts_at:
        return rejected(_("This patrol has not started yet."))
    points = list(
        TaskPoint.objects.select_for_update()
        .filter(task=task, route_point__checkpoint_id=checkpoint_id)
        .select_related("route_point__checkpoint")
        .order_by("window_opens_at", "pk")
    )
    if not points:
        return rejected(_("This checkpoint is not on this patrol."))
    open_points = [p for p in points if p.status in (PointStatus.PENDING, PointStatus.MISSED)]
    if not open_points:
        return rejected(_("This checkpoint has already been scanned."), points[0])
    point = open_points[0]
    checkpoint = point.route_point.checkpoint
    if not checkpoint.active:
        return rejected(_("This checkpoint is no longer in use."), point)
    reason = verify(checkpoint, proof, at, latitude, longitude)
    if reason:
        return rejected(reason, point)
    if at < point.window_opens_at:
        result = PointStatus.EARLY
    elif at <= point.window_closes_at:
        result = PointStatus.ON_TIME
    else:
        result = PointStatus.LATE
    changed = TaskPoint.objects.filter(
        pk=point.pk, status__in=[PointStatus.PENDING, PointStatus.MISSED]
    ).update(
        status=result,
        scanned_at=at,
        scanned_by=actor,
        latitude=latitude,
        longitude=longitude,
        answers=answers or {},
    )
    if not changed:
        return rejected(_("This checkpoint has already been scanned."), point)
    point.refresh_from_db()
    audit.record(
        actor=actor,
        action="patrol.scan",
        obj=point,
        changes={"status": ["", result], "scanned_at": ["", at.isoformat()]},
    )
    _settle(task.pk)
    texts = {
        PointStatus.ON_TIME: _("Scanned on time."),
        PointStatus.EARLY: _("Scanned before its window."),
        PointStatus.LATE: _("Scanned after its window."),
    }
    return ScanResult(str(result), texts[result], point)


# --- The sweep --------------------------------------------------------------------------


def mark_missed(point_id: int, now: datetime) -> int:
    """Mark one point missed if it is still pending and its window has closed: the rows the
    UPDATE changed (0 when another worker, or a scan, got there first)."""
    return TaskPoint.objects.filter(
        pk=point_id, status=PointStatus.PENDING, window_closes_at__lte=now
    ).update(status=PointStatus.MISSED, notified_at=now)


def _tell_supervisors(point_id: int) -> None:
    point = TaskPoint.objects.select_related(
        "task__community", "task__plan__route", "route_point__checkpoint"
    ).get(pk=point_id)
    task = point.task

    def compose() -> tuple[str, str]:
        text = str(notifications.MISSED.text)
        lines = [
            text,
            _("Route: %(route)s") % {"route": task.plan.route.name},
            _("Checkpoint: %(name)s") % {"name": point.route_point.checkpoint.name},
            _("Window closed at: %(at)s")
            % {"at": timezone.localtime(point.window_closes_at).strftime("%Y-%m-%d %H:%M")},
        ]
        return text, "\n".join(lines)

    notify.deliver(
        notify.role_holders(task.community_id, [Role.SECURITY_SUPERVISOR]),
        compose,
        kind=notifications.MISSED,
        about=point,
        community=task.community,
    )


def sweep_missed(now: datetime | None = None) -> int:
    """Mark missed every pending point whose window has closed, and tell the security
    supervisors of each once, however many workers sweep at the same time: only the worker
    whose conditional UPDATE changed the row tells them."""
    now = now or timezone.now()
    due = TaskPoint.objects.filter(
        status=PointStatus.PENDING, window_closes_at__lte=now
    ).values_list("pk", "task_id")
    marked = 0
    for pk, task_id in list(due):
        with transaction.atomic():
            if mark_missed(pk, now):
                marked += 1
                _settle(task_id)
                transaction.on_commit(lambda pk=pk: _tell_supervisors(pk))
    return marked
