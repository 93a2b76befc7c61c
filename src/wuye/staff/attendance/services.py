"""Changes to attendance: a person clocks in and out themselves; the office records a clock
event for someone whose phone could not. Clock events are append-only: a wrong one is
answered by a new one, never edited.

A person's clock events alternate: a second clock-in without a clock-out in between, or a
clock-out without a clock-in, is refused with the reason, and nothing is written.
"""

from __future__ import annotations

from datetime import datetime
from decimal import ROUND_HALF_UP, Decimal

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from wuye.core import audit, policy
from wuye.core.models import Community
from wuye.core.validators import conflict

from .models import ClockEvent, ClockKind, ClockSource

NOTE_MAX = 200


def last_event(community_id: int, user_id: int, before: datetime | None = None):
    rows = ClockEvent.objects.filter(community_id=community_id, user_id=user_id)
    if before is not None:
        rows = rows.filter(at__lte=before)
    return rows.order_by("-at", "-pk").first()


def _coordinate(value, limit: int, field: str) -> Decimal | None:
    if value in (None, ""):
        return None
    try:
        number = Decimal(str(value)).quantize(Decimal("0.000001"), rounding=ROUND_HALF_UP)
    except (ArithmeticError, ValueError):
        raise ValidationError({field: _("Enter a position as degrees.")}) from None
    if not number.is_finite() or abs(number) > limit:
        raise ValidationError({field: _("Enter a position as degrees.")})
    return number


def _accuracy(value) -> int | None:
    if value in (None, ""):
        return None
    try:
        metres = int(Decimal(str(value)).to_integral_value(rounding=ROUND_HALF_UP))
    except (ArithmeticError, ValueError):
        raise ValidationError({"accuracy": _("Enter the accuracy in metres.")}) from None
    if metres < 0:
        raise ValidationError({"accuracy": _("Enter the accuracy in metres.")})
    return min(metres, 100_000)


def _check_sequence(community_id: int, user_id: int, kind: str, at: datetime) -> None:
    previous = last_event(community_id, user_id, before=at)
    if kind == ClockKind.IN and previous is not None and previous.kind == ClockKind.IN:
        raise conflict(
            _("You clocked in at %(time)s and have not clocked out since.")
            % {"time": timezone.localtime(previous.at).strftime("%Y-%m-%d %H:%M")}
        )
    if kind == ClockKind.OUT and (previous is None or previous.kind == ClockKind.OUT):
        raise conflict(_("There is no clock-in to clock out from."))
    following = (
        ClockEvent.objects.filter(community_id=community_id, user_id=user_id, at__gt=at)
        .order_by("at", "pk")
        .first()
    )
    if following is not None and following.kind == kind:
        # Recorded afterwards between two events: it must keep them alternating.
        raise conflict(_("A clock event at this time would break the in-and-out sequence."))


def _write(
    *,
    actor,
    community,
    user,
    kind,
    at,
    source,
    latitude=None,
    longitude=None,
    accuracy=None,
    note="",
    recorded_by=None,
) -> ClockEvent:
    if kind not in ClockKind.values:
        raise ValidationError({"kind": _("Choose clock in or clock out.")})
    lat = _coordinate(latitude, 90, "latitude")
    lon = _coordinate(longitude, 180, "longitude")
    metres = _accuracy(accuracy)
    if (lat is None) != (lon is None):
        lat = lon = metres = None
    with transaction.atomic():
        # One clock at a time per person: the row lock orders two taps of the button.
        get_user_model().objects.select_for_update().filter(pk=user.pk).first()
        _check_sequence(community.pk, user.pk, kind, at)
        event = ClockEvent.objects.create(
            community=community,
            user=user,
            kind=kind,
            at=at,
            latitude=lat,
            longitude=lon,
            accuracy_m=metres,
            source=source,
            recorded_by=recorded_by,
            note=(note or "").strip()[:NOTE_MAX],
        )
        audit.record(
            actor=actor,
            action=f"attendance.{'record' if recorded_by else 'clock'}",
            obj=event,
            changes={"kind": kind, "at": at.isoformat(), "user": user.pk, "source": source},
        )
    return event


def clock(
    actor,
    community: Community,
    kind: str,
    at: datetime | None = None,
    latitude=None,
    longitude=None,
    accuracy=None,
    *,
    source: str = ClockSource.PHONE,
) -> ClockEvent:
    """`actor` clocks in or out at `community`, now (or `at`), with where their phone said
    they were (ignored unless both latitude and longitude are given)."""
    policy.require_perm(actor, "attendance.clock", community.pk)
    return _write(
        actor=actor,
        community=community,
        user=actor,
        kind=kind,
        at=at or timezone.now(),
        source=source,
        latitude=latitude,
        longitude=longitude,
        accuracy=accuracy,
    )


def record_for(
    actor, community: Community, person, kind: str, at: datetime, note: str = ""
) -> ClockEvent:
    """The office records `person`'s clock-in or clock-out at `at` (their phone could not)."""
    policy.require_perm(actor, "attendance.record", community.pk)
    if not policy.roles_in(person, community.pk):
        raise ValidationError({"person": _("Choose a member of staff of this community.")})
    if at > timezone.now():
        raise ValidationError({"at": _("A clock event cannot be recorded ahead of time.")})
    if not (note or "").strip():
        raise ValidationError({"note": _("Say why the office records this clock event.")})
    return _write(
        actor=actor,
        community=community,
        user=person,
        kind=kind,
        at=at,
        source=ClockSource.OFFICE,
        note=note,
        recorded_by=actor,
    )
