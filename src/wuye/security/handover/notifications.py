"""What the security supervisor hears of a handover: a count that differs."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from wuye.core import notify

DISCREPANCY = notify.Kind(
    "security.handover_discrepancy",
    _("A shift handover found a count that differs."),
    audience=notify.STAFF,
)


def handover_link(handover, user) -> str:
    return reverse("security:handover", args=[handover.community_id, handover.pk])


KINDS = [DISCREPANCY]
LINKS = {"security.handover": handover_link}
