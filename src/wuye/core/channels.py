"""The channels a message leaves by, behind one interface (`Channel.send(message)`).

- `InboxChannel`: the in-app inbox (`Notification`), always on: it is the record of what a
  person was told, and the bell counts it.
- `EmailChannel`: Django's mail settings, to people who have an address.
- `SmsChannel`, `WeChatChannel`: a text to the person's mobile number through a provider
  adapter (`send(address, text)`), named in the settings `NOTIFY_SMS_PROVIDER` and
  `NOTIFY_WECHAT_PROVIDER`; the default, `ConsoleProvider`, writes to the log what it would
  send, for the demo and development.

Which channels run is `wuye.core.notify.channels()`'s choice (the setting `NOTIFY_CHANNELS`).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Protocol

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.mail import send_mail
from django.utils.functional import Promise
from django.utils.module_loading import import_string
from django.utils.translation import gettext_lazy as _

from .models import Community, Notification
from .validators import mask_mobile

log = logging.getLogger("wuye.notify")


@dataclass(frozen=True)
class Outgoing:
    """One message to one person, written in their language."""

    recipient: object
    kind: str
    subject: str
    body: str
    link: str = ""  # the page of what it is about, as the recipient reaches it
    about: object | None = None
    community: Community | None = None
    mobile: str = ""  # the person's mobile number, where the register knows it


class Channel(Protocol):
    name: str  # stored in people's choices: never renamed
    label: str | Promise
    optional: bool  # whether a person may choose not to receive messages by it

    def send(self, message: Outgoing) -> None: ...


class InboxChannel:
    """The in-app inbox: one `Notification` row per message."""

    name = "inbox"
    label = _("In the app")
    optional = False

    def send(self, message: Outgoing) -> None:
        about = message.about
        Notification.objects.create(
            recipient=message.recipient,
            kind=message.kind,
            community=message.community,
            subject=message.subject[:200],
            body=message.body,
            link=message.link[:300],
            about_type=ContentType.objects.get_for_model(about) if about is not None else None,
            about_id=about.pk if about is not None else None,
        )


class EmailChannel:
    """E-mail through Django's mail settings, to recipients who have an address."""

    name = "email"
    label = _("E-mail")
    optional = True

    def send(self, message: Outgoing) -> None:
        if message.recipient.email:
            body = message.body
            if message.link:
                body = f"{body}\n\n{settings.SITE_URL.rstrip('/')}{message.link}"
            send_mail(message.subject, body, None, [message.recipient.email])


class ConsoleProvider:
    """A provider that sends nothing: it writes to the log what would be sent (the number
    masked, as the log is read by more people than may read it)."""

    def __init__(self, channel: str):
        self.channel = channel

    def send(self, address: str, text: str) -> None:
        log.info("%s to %s: %s", self.channel, mask_mobile(address), text)


class _ProviderChannel:
    """A text to the person's mobile number through the provider the settings name."""

    setting = ""

    def __init__(self, provider=None):
        if provider is None:
            path = getattr(settings, self.setting, "wuye.core.channels.ConsoleProvider")
            provider = import_string(path)(self.name)
        self.provider = provider

    def send(self, message: Outgoing) -> None:
        if message.mobile:
            self.provider.send(message.mobile, message.subject)


class SmsChannel(_ProviderChannel):
    name = "sms"
    label = _("Text message")
    optional = True
    setting = "NOTIFY_SMS_PROVIDER"


class WeChatChannel(_ProviderChannel):
    """WeChat's service-account messages, to the account bound to the person's mobile."""

    name = "wechat"
    label = _("WeChat")
    optional = True
    setting = "NOTIFY_WECHAT_PROVIDER"
