"""What the message centre holds about a person: the messages sent to their login about their
community. Messages are the person's copies, not a record of the work: forgetting the person
deletes them (work orders keep their own timeline)."""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext as _

from ..models import Notification
from ..privacy import Contribution, Section


def _messages(person):
    return Notification.objects.filter(
        recipient_id=person.user_id, community_id=person.community_id
    )


def collect(person) -> list[Section]:
    if not person.user_id:
        return []
    messages = _messages(person).order_by("created_at", "pk")
    return [
        Section(
            _("Messages"),
            [_("Sent at"), _("Subject"), _("Message"), _("Read at")],
            [
                [
                    f"{timezone.localtime(m.created_at):%Y-%m-%d %H:%M}",
                    m.subject,
                    m.body,
                    f"{timezone.localtime(m.read_at):%Y-%m-%d %H:%M}" if m.read_at else "",
                ]
                for m in messages.iterator(chunk_size=2000)
            ],
        )
    ]


def anonymise(person, label: str) -> dict[str, int]:
    if not person.user_id:
        return {"messages": 0}
    deleted, _rows = _messages(person).delete()
    return {"messages": deleted}


PERSONAL_DATA = [Contribution("messages", collect=collect, anonymise=anonymise, order=500)]
