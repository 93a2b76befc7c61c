"""What a household hears of its parcels, and the page each message opens."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from wuye.core import notify, policy

RECEIVED = notify.Kind(
    "security.parcel_received",
    _("A parcel has arrived for your home."),
    audience=notify.RESIDENTS,
)
WAITING = notify.Kind(
    "security.parcel_waiting",
    _("A parcel for your home is still waiting to be picked up."),
    audience=notify.RESIDENTS,
)


def parcel_link(parcel, user) -> str:
    """The parcel list of the staff console for its community's staff, else the portal's."""
    if policy.roles_in(user, parcel.community_id):
        return reverse("security:parcel", args=[parcel.community_id, parcel.pk])
    return reverse("security_portal:parcels")


KINDS = [RECEIVED, WAITING]
LINKS = {"security.parcel": parcel_link}
