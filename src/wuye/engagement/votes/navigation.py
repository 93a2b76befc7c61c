"""Owners' votes: entries in the staff console and the owners' portal."""

from django.utils.translation import gettext_lazy as _

from wuye.core.navigation import NavEntry

from ..navigation import AFFAIRS, OWNERS

STAFF = [
    NavEntry("engagement:votes", _("Votes"), "vote.view", group=OWNERS, order=410),
]

RESIDENT = [
    NavEntry("engagement_portal:votes", _("Votes"), per_community=False, group=AFFAIRS, order=500),
]
