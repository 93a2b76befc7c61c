"""What households hear of the events they signed up for, and the page each message opens."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from wuye.core import notify, policy

PLACE_FREED = notify.Kind(
    "engagement.event_place_freed",
    _("A place at an event has become free for your household."),
    audience=notify.RESIDENTS,
)
CANCELLED = notify.Kind(
    "engagement.event_cancelled",
    _("An event you signed up for is cancelled."),
    audience=notify.RESIDENTS,
)


def event_link(event, user) -> str:
    """The event's page in the staff console for its community's staff, else in the portal."""
    if policy.roles_in(user, event.community_id):
        return reverse("engagement:event", args=[event.community_id, event.pk])
    return reverse("engagement_portal:event", args=[event.pk])


KINDS = [PLACE_FREED, CANCELLED]
LINKS = {"engagement.event": event_link}
