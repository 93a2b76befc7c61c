"""Notifications (消息中心): how a message reaches a person, for every app.

An app declares the kinds of notification it sends with `kind()` in its `notifications`
module, found by `discover` as `schedule` finds the periodic tasks, and tells people with
`deliver` — after commit only, so that nobody hears of a change that was rolled back.

A channel is anything with `send(recipient, subject, body, about)`. Apps add the channels
they keep with `@channel` (the customer center's in-app inbox); e-mail to recipients who
have an address is core's own. A deployment that sends SMS or WeChat messages names its
whole list of channel classes in the setting `NOTIFY_CHANNELS`.

Each person reads their messages in their own language: the one an app recorded for them
(`@language_source`; the customer center records the language of the last sign-in), else
their community's (Simplified Chinese unless the community says otherwise), never the site's
default.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache
from importlib import import_module
from typing import Protocol

from django.apps import apps
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


def kind(name: str, text: Promise) -> Kind:
    """Declare a kind of notification; one name belongs to one kind."""
    entry = Kind(name=name, text=text)
    if KINDS.setdefault(name, entry) != entry:
        raise ImproperlyConfigured(f"Two notification kinds are named {name!r}.")
    return entry


def channel(cls: type[Channel]) -> type[Channel]:
    """Add a channel that every notification goes through (unless `NOTIFY_CHANNELS` is set)."""
    if cls not in CHANNELS:
        CHANNELS.append(cls)
    return cls


def language_source(source: Callable[[list[int]], dict[int, str]]):
    """Add where people's chosen languages are read: `source(user_ids)` → {user_id: code}."""
    if source not in LANGUAGE_SOURCES:
        LANGUAGE_SOURCES.append(source)
    return source


@cache
def discover() -> list[Kind]:
    """Import every installed app's `notifications` module so that what it offers registers."""
    for config in apps.get_app_configs():
        if config.name.startswith("wuye."):
            try:
                import_module(f"{config.name}.notifications")
            except ModuleNotFoundError as exc:
                if exc.name != f"{config.name}.notifications":
                    raise
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
    discover()
    return [cls() for cls in [*CHANNELS, EmailChannel]]


def chosen_languages(user_ids: list[int]) -> dict[int, str]:
    discover()
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
