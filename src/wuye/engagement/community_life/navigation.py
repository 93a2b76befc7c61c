"""Community life: entries in the staff console and the owners' portal."""

from django.utils.translation import gettext_lazy as _

from wuye.core.navigation import NavEntry

from ..navigation import COMMUNITY_LIFE, OWNERS

STAFF = [
    NavEntry("engagement:events", _("Events"), "event.view", group=OWNERS, order=440),
    NavEntry("engagement:groups", _("Interest groups"), "event.view", group=OWNERS, order=450),
    NavEntry(
        "engagement:reception", _("Reception days"), "reception.view", group=OWNERS, order=460
    ),
    NavEntry("engagement:visits", _("Owner visits"), "visit.view", group=OWNERS, order=470),
]

RESIDENT = [
    NavEntry(
        "engagement_portal:events",
        _("Events"),
        per_community=False,
        group=COMMUNITY_LIFE,
        order=600,
    ),
    NavEntry(
        "engagement_portal:groups",
        _("Groups"),
        per_community=False,
        group=COMMUNITY_LIFE,
        order=610,
    ),
    NavEntry(
        "engagement_portal:reception",
        _("Reception day"),
        per_community=False,
        group=COMMUNITY_LIFE,
        order=620,
    ),
]
