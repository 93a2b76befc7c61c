"""Notifications (消息中心): how a message reaches a person, for every app.

An app declares in its `notifications` module, registered by `registries.install`:

- `KINDS`: the kinds of notification it sends (`Kind`: a name and the translatable line the
  recipient reads first);
- `CHANNELS`: the channels it keeps (the customer center's in-app inbox). A channel is
  anything with `send(recipient, subject, body, about)`; e-mail to recipients who have an
  address is core's own. A deployment that sends SMS or WeChat messages names its whole list
  of channel classes in the setting `NOTIFY_CHANNELS`;
- `LANGUAGE_SOURCES`: where the language each person chose is read (`source(user_ids)` →
  {user_id: language}; the customer center records the language of the last sign-in).

It tells people with `deliver`, after commit only, so that nobody hears of a change that was
rolled back. Each person reads their messages in their own language: the one they chose,
else their community's (Simplified Chinese unless the community says otherwise), never the
site's default.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache
from typing import Protocol

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ImproperlyConfigured
from django.core.mail import send_mail
from django.utils.functional import Promise
from django.utils.module_loading import import_string
from django.utils.translation import override

from .models import COMMUNITY_LANGUAGE, Community, Membership

log = logging.getLogger(__name__)


class Channel(Protocol):
    def send(self, recipient, subject: str, body: str, about: object | None) -> None: ...


@dataclass(frozen=True)
class Kind:
    """A kind of notification: what happened, in the words the recipient reads first."""

    name: str  # "<app>.<event>", e.g. "servicedesk.dispatched"
    text: Promise  # translatable, lazy


KINDS: dict[str, Kind] = {}
CHANNELS: list[type[Channel]] = []
LANGUAGE_SOURCES: list[Callable[[list[int]], dict[int, str]]] = []


def register(*, kinds=(), channels=(), language_sources=()) -> None:
    """Add an app's kinds, channels and language sources; one name belongs to one kind."""
    for entry in kinds:
        if KINDS.setdefault(entry.name, entry) != entry:
            raise ImproperlyConfigured(f"Two notification kinds are named {entry.name!r}.")
    CHANNELS.extend(c for c in channels if c not in CHANNELS)
    LANGUAGE_SOURCES.extend(f for f in language_sources if f not in LANGUAGE_SOURCES)


def kinds() -> list[Kind]:
    return sorted(KINDS.values(), key=lambda k: k.name)


class EmailChannel:
    """E-mail through Django's mail settings, to recipients who have an address."""

    def send(self, recipient, subject: str, body: str, about: object | None) -> None:
        if recipient.email:
            send_mail(subject, body, None, [recipient.email], fail_silently=False)


@cache
def channels() -> list[Channel]:
    paths = getattr(settings, "NOTIFY_CHANNELS", None)
    if paths is not None:
        return [import_string(path)() for path in paths]
    return [cls() for cls in [*CHANNELS, EmailChannel]]


def chosen_languages(user_ids: list[int]) -> dict[int, str]:
    chosen: dict[int, str] = {}
    for source in LANGUAGE_SOURCES:
        chosen.update(source(user_ids))
    return chosen


def deliver(
    recipients: Iterable,
    compose: Callable[[], tuple[str, str]],
    *,
    about: object | None = None,
    community: Community | None = None,
) -> None:
    """Send a message through every channel to each active recipient, `compose` writing its
    subject and body in the recipient's language (theirs, else the community's); `about` is
    the row the message is about, for the channels that keep it. A failing channel is logged
    and does not stop the others."""
    people = {r.pk: r for r in recipients if r is not None and r.is_active}
    chosen = chosen_languages(list(people))
    fallback = community.language if community is not None else COMMUNITY_LANGUAGE
    for pk, recipient in people.items():
        with override(chosen.get(pk, fallback)):
            subject, body = compose()
        for each in channels():
            try:
                each.send(recipient, subject, body, about)
            except Exception:
                log.exception("Notification through %s failed", type(each).__name__)


def role_holders(community_id: int, roles: Iterable[str]) -> list:
    """The active people holding one of `roles` in the community."""
    user_ids = Membership.objects.filter(
        community_id=community_id, role__in=list(roles), active=True
    ).values("user_id")
    return list(get_user_model().objects.filter(pk__in=user_ids, is_active=True))
