"""Notifications (消息中心): how a message reaches a person, for every app.

An app declares in its `notifications` module, registered by `registries.install`:

- `KINDS`: the kinds of notification it sends (`Kind`: a name, the translatable line the
  recipient reads first, who receives it, and whether it is urgent);
- `LINKS`: for each model its messages are about, the page a recipient opens
  (`link(obj, user)` → a path: the staff console's page for staff, the portal's for
  residents);
- `CHANNELS`: channels of its own, if any (`wuye.core.channels.Channel`);
- `LANGUAGE_SOURCES`: where the language each person chose is read (`source(user_ids)` →
  {user_id: language}; the customer center records the language of the last sign-in);
- `MOBILE_SOURCES`: where a person's mobile number is known (`source(user_ids)` →
  {user_id: mobile}), for text messages and WeChat.

Every message goes to the in-app inbox; the other channels are those the apps keep plus the
setting `NOTIFY_CHANNELS` (e-mail when absent), each unless the person chose not to receive
that kind by it. Urgent kinds reach the people on duty by every channel: they cannot opt out.

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

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ImproperlyConfigured
from django.core.signals import setting_changed
from django.utils.functional import Promise
from django.utils.module_loading import import_string
from django.utils.translation import override

from .channels import Channel, EmailChannel, InboxChannel, Outgoing
from .models import COMMUNITY_LANGUAGE, Community, Membership, NotificationOptOut

log = logging.getLogger(__name__)

# Who a kind of message is for: the staff, the residents, or anyone.
STAFF, RESIDENTS, EVERYONE = "staff", "residents", "everyone"


@dataclass(frozen=True)
class Kind:
    """A kind of notification: what happened, in the words the recipient reads first."""

    name: str  # "<app>.<event>", e.g. "servicedesk.dispatched"
    text: Promise  # translatable, lazy
    audience: str = EVERYONE
    # Urgent (an emergency dispatch, an escalation): the people on duty cannot switch it off.
    urgent: bool = False

    def for_person(self, *, staff: bool, resident: bool) -> bool:
        return (
            self.audience == EVERYONE
            or (staff and self.audience == STAFF)
            or (resident and self.audience == RESIDENTS)
        )


KINDS: dict[str, Kind] = {}
LINKS: dict[str, Callable] = {}
CHANNELS: list[type[Channel]] = []
LANGUAGE_SOURCES: list[Callable[[list[int]], dict[int, str]]] = []
MOBILE_SOURCES: list[Callable[[list[int]], dict[int, str]]] = []


def register(*, kinds=(), links=None, channels=(), language_sources=(), mobile_sources=()) -> None:
    """Add an app's kinds, links, channels and sources; one name belongs to one kind, one
    model to one link."""
    for entry in kinds:
        if KINDS.setdefault(entry.name, entry) != entry:
            raise ImproperlyConfigured(f"Two notification kinds are named {entry.name!r}.")
    for label, link in (links or {}).items():
        if LINKS.setdefault(label, link) is not link:
            raise ImproperlyConfigured(f"Two links are declared for {label!r}.")
    CHANNELS.extend(c for c in channels if c not in CHANNELS)
    LANGUAGE_SOURCES.extend(f for f in language_sources if f not in LANGUAGE_SOURCES)
    MOBILE_SOURCES.extend(f for f in mobile_sources if f not in MOBILE_SOURCES)


def kinds() -> list[Kind]:
    return sorted(KINDS.values(), key=lambda k: k.name)


@cache
def channels() -> list[Channel]:
    """The in-app inbox, the apps' channels and those of `NOTIFY_CHANNELS`."""
    paths = getattr(settings, "NOTIFY_CHANNELS", None)
    chosen = [EmailChannel] if paths is None else [import_string(path) for path in paths]
    classes = [InboxChannel, *CHANNELS, *chosen]
    return [cls() for cls in dict.fromkeys(classes)]


def optional_channels() -> list[Channel]:
    """The channels a person may choose not to receive a kind of message by."""
    return [each for each in channels() if each.optional]


def _forget_channels(*, setting, **kwargs) -> None:
    if setting.startswith("NOTIFY_"):
        channels.cache_clear()


setting_changed.connect(_forget_channels, dispatch_uid="wuye-notify-channels")


def on_duty(user) -> bool:
    """Whether the person works in a community: urgent kinds reach them by every channel."""
    return Membership.objects.filter(user=user, active=True).exists()


def link_for(about: object | None, user) -> str:
    """The page of `about` as `user` reaches it ("" when its app declares none)."""
    if about is None:
        return ""
    link = LINKS.get(about._meta.label_lower)
    return (link(about, user) or "") if link else ""


def _gathered(sources, user_ids: list[int]) -> dict[int, str]:
    found: dict[int, str] = {}
    for source in sources:
        found.update(source(user_ids))
    return found


def chosen_languages(user_ids: list[int]) -> dict[int, str]:
    return _gathered(LANGUAGE_SOURCES, user_ids)


def _opted_out(kind: Kind, user_ids: list[int]) -> set[tuple[int, str]]:
    """(person, channel) pairs that do not receive `kind`; none for urgent kinds to people
    on duty."""
    rows = NotificationOptOut.objects.filter(kind=kind.name, user_id__in=user_ids)
    if kind.urgent:
        rows = rows.exclude(user__memberships__active=True)
    return set(rows.values_list("user_id", "channel"))


def deliver(
    recipients: Iterable,
    compose: Callable[[], tuple[str, str]],
    *,
    kind: Kind,
    about: object | None = None,
    community: Community | None = None,
) -> None:
    """Send a message of `kind` to each active recipient: to their inbox, and through every
    other channel they did not opt out of. `compose` writes its subject and body in the
    recipient's language (theirs, else the community's); `about` is the row the message is
    about, whose page it links to. A failing channel is logged and does not stop the others."""
    people = {r.pk: r for r in recipients if r is not None and r.is_active}
    if not people:
        return
    ids = list(people)
    chosen = chosen_languages(ids)
    mobiles = _gathered(MOBILE_SOURCES, ids)
    opted_out = _opted_out(kind, ids)
    fallback = community.language if community is not None else COMMUNITY_LANGUAGE
    for pk, recipient in people.items():
        with override(chosen.get(pk, fallback)):
            subject, body = compose()
        message = Outgoing(
            recipient=recipient,
            kind=kind.name,
            subject=subject,
            body=body,
            link=link_for(about, recipient),
            about=about,
            community=community,
            mobile=mobiles.get(pk, ""),
        )
        for each in channels():
            if (pk, each.name) in opted_out:
                continue
            try:
                each.send(message)
            except Exception:
                log.exception("Notification through %s failed", type(each).__name__)


def role_holders(community_id: int, roles: Iterable[str]) -> list:
    """The active people holding one of `roles` in the community."""
    user_ids = Membership.objects.filter(
        community_id=community_id, role__in=list(roles), active=True
    ).values("user_id")
    return list(get_user_model().objects.filter(pk__in=user_ids, is_active=True))
