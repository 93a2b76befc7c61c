"""The service report: entries in the staff console and the owners' portal."""

from django.utils.translation import gettext_lazy as _

from wuye.core.navigation import NavEntry

from ..navigation import AFFAIRS, OWNERS

STAFF = [
    NavEntry(
        "engagement:service_report", _("Service report"), "report.view", group=OWNERS, order=420
    ),
]

RESIDENT = [
    NavEntry(
        "engagement_portal:reports",
        _("Service reports"),
        per_community=False,
        group=AFFAIRS,
        order=520,
    ),
]
