"""How long visitors' records are kept (个人信息保护法 第十九、四十七条): 90 days after a
pass's window ended, the pass and its gate events are deleted; its plate is blanked after
the plates' own period."""

from __future__ import annotations

from datetime import datetime

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from wuye.core.retention import DataClass

from .models import AccessEvent, Invitation


@transaction.atomic
def purge_visitors(community_id: int, before: datetime) -> int:
    """Delete the community's passes whose window ended before `before`, with their events.
    Returns how many passes went."""
    ended = Invitation.objects.filter(community_id=community_id, valid_until__lt=before)
    AccessEvent.objects.filter(invitation__in=ended.values("pk")).delete()
    count, _by_model = ended.delete()
    return count


def purge_plates(community_id: int, before: datetime) -> int:
    """Blank the plates of the community's passes whose window ended before `before`."""
    return (
        Invitation.objects.filter(community_id=community_id, valid_until__lt=before)
        .exclude(plate="")
        .update(plate="")
    )


DATA_CLASSES = [
    DataClass(
        "visitors",
        _("Visitor records"),
        90,
        purge_visitors,
        order=400,
        models=("security.invitation", "security.accessevent"),
    ),
    DataClass(
        "visitor_plates",
        _("Visitors' plates"),
        90,
        purge_plates,
        order=410,
        models=("security.invitation",),
    ),
]
