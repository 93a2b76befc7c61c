"""Fund usage and the owners' committee: entries in the staff console and the portal."""

from django.utils.translation import gettext_lazy as _

from wuye.core.navigation import NavEntry

from ..navigation import AFFAIRS, OWNERS

STAFF = [
    NavEntry(
        "engagement:publicity_list", _("Fund usage"), "publicity.view", group=OWNERS, order=480
    ),
    NavEntry(
        "engagement:committee",
        _("Owners' committee"),
        "committee.manage",
        group=OWNERS,
        order=490,
    ),
]

RESIDENT = [
    NavEntry(
        "engagement_portal:publicity_list",
        _("Fund usage"),
        per_community=False,
        group=AFFAIRS,
        order=530,
    ),
]
