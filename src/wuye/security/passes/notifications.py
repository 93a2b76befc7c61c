"""What hosts hear of their visitors, and the page each message opens."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from wuye.core import notify, policy

WALK_IN_WAITING = notify.Kind(
    "security.walk_in_waiting",
    _("A visitor at the gate asks to see you: please confirm or refuse."),
    audience=notify.RESIDENTS,
)


def invitation_link(invitation, user) -> str:
    """The pass's page in the staff console for its community's staff, else in the portal."""
    if policy.has_perm(user, "pass.view", invitation.community_id):
        return reverse("security:pass", args=[invitation.community_id, invitation.pk])
    return reverse("security_portal:visitor", args=[invitation.pk])


KINDS = [WALK_IN_WAITING]
LINKS = {"security.invitation": invitation_link}
