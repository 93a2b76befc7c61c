"""A person's inbox and their choice of channels: reads scoped to the person, changes audited.

Everyone reads only their own messages: another person's message is not found. The in-app
inbox keeps every message; a person chooses, kind by kind, the other channels (e-mail, text
message, WeChat) — except that the people on duty cannot switch urgent kinds off.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from .. import audit, notify, policy
from ..models import Notification, NotificationOptOut

# The bell says "99+" past this many unread messages, so that counting stays cheap.
BELL_MOST = 99


def notifications_of(user) -> QuerySet[Notification]:
    """The person's messages, newest first."""
    if not getattr(user, "is_authenticated", False):
        return Notification.objects.none()
    return Notification.objects.filter(recipient=user).order_by("-created_at", "-id")


def unread_count(user, *, most: int | None = None) -> int:
    """How many of the person's messages are unread (at most `most` + 1 counted)."""
    unread = notifications_of(user).filter(read_at__isnull=True)
    if most is not None:
        unread = unread[: most + 1]
    return unread.count()


class Bell:
    """The unread count of the page's header, counted once per page and only when shown."""

    def __init__(self, user):
        self.user = user
        self._count: int | None = None

    @property
    def count(self) -> int:
        if self._count is None:
            self._count = unread_count(self.user, most=BELL_MOST)
        return self._count

    @property
    def label(self) -> str:
        return f"{BELL_MOST}+" if self.count > BELL_MOST else str(self.count)


def kind_label(name: str) -> str:
    kind = notify.KINDS.get(name)
    return str(kind.text) if kind else ""


def notification_read(*, actor, notification: Notification) -> Notification:
    """Mark one of the actor's messages read (again: no change)."""
    if notification.recipient_id != actor.pk:
        raise PermissionDenied(_("You may not do this."))
    if notification.read_at is None:
        now = timezone.now()
        Notification.objects.filter(pk=notification.pk, read_at__isnull=True).update(read_at=now)
        notification.read_at = now
    return notification


def notifications_read_all(*, actor) -> int:
    """Mark every unread message of the actor read; how many were."""
    return notifications_of(actor).filter(read_at__isnull=True).update(read_at=timezone.now())


# ---- choosing channels ----------------------------------------------------------------------


@dataclass(frozen=True)
class Choice:
    """One kind of message by one channel, as the person chose it."""

    kind: notify.Kind
    channel: str
    receives: bool
    locked: bool  # an urgent kind for someone on duty: always received


def kinds_for(user) -> list[notify.Kind]:
    """The kinds of message the person may receive: staff and residents hear of different
    things."""
    staff, resident = policy.is_staff_member(user), policy.is_resident(user)
    return [k for k in notify.kinds() if k.for_person(staff=staff, resident=resident)]


def choices_of(user) -> list[Choice]:
    """Every kind for the person by every channel they may switch off, in kind order."""
    duty = notify.on_duty(user)
    off = set(NotificationOptOut.objects.filter(user=user).values_list("kind", "channel"))
    return [
        Choice(
            kind=kind,
            channel=channel.name,
            receives=(kind.name, channel.name) not in off or (kind.urgent and duty),
            locked=kind.urgent and duty,
        )
        for kind in kinds_for(user)
        for channel in notify.optional_channels()
    ]


@transaction.atomic
def notification_choices_set(*, actor, receives: dict[tuple[str, str], bool]) -> int:
    """Record which kinds the actor receives by which channel ({(kind, channel): yes/no});
    how many choices changed. A kind or channel that does not exist, or an urgent kind the
    actor is on duty for, is refused and nothing changes."""
    kinds = {k.name: k for k in kinds_for(actor)}
    channels = {c.name for c in notify.optional_channels()}
    duty = notify.on_duty(actor)
    errors = []
    for kind_name, channel in receives:
        if kind_name not in kinds or channel not in channels:
            errors.append(_("There is no such kind of message or channel to choose."))
        elif not receives[(kind_name, channel)] and kinds[kind_name].urgent and duty:
            errors.append(
                _("“%(kind)s” is urgent: the people on duty cannot switch it off.")
                % {"kind": kinds[kind_name].text}
            )
    if errors:
        raise ValidationError(list(dict.fromkeys(errors)))
    rows = NotificationOptOut.objects.select_for_update().filter(user=actor)
    off = set(rows.values_list("kind", "channel"))
    switched_on = [key for key, yes in receives.items() if yes and key in off]
    switched_off = [key for key, yes in receives.items() if not yes and key not in off]
    for kind_name, channel in switched_on:
        rows.filter(kind=kind_name, channel=channel).delete()
    NotificationOptOut.objects.bulk_create(
        NotificationOptOut(user=actor, kind=kind_name, channel=channel)
        for kind_name, channel in switched_off
    )
    if switched_on or switched_off:
        audit.record(
            actor=actor,
            action="notifications.choose",
            obj=actor,
            changes={
                f"{kind_name} {channel}": ["off", "on"]
                if (kind_name, channel) in switched_on
                else ["on", "off"]
                for kind_name, channel in [*switched_on, *switched_off]
            },
        )
    return len(switched_on) + len(switched_off)
