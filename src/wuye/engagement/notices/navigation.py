"""Notices: entries in the staff console and the owners' portal."""

from django.utils.translation import gettext_lazy as _

from wuye.core.navigation import NavEntry

from ..navigation import OWNERS

STAFF = [
    NavEntry("engagement:notices", _("Notices"), "notice.view", group=OWNERS, order=400),
]

RESIDENT = [
    NavEntry("engagement_portal:notices", _("Notices"), per_community=False, order=400),
]
