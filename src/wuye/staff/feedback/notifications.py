"""What the author of a staff suggestion or complaint hears when the manager answers."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from wuye.core import notify

ANSWERED = notify.Kind(
    "staff.feedback_answered",
    _("The manager has answered your suggestion or complaint."),
    audience=notify.STAFF,
)


def feedback_link(feedback, user) -> str:
    return reverse("staff:feedback", args=[feedback.community_id, feedback.pk])


KINDS = [ANSWERED]
LINKS = {"staff.stafffeedback": feedback_link}
