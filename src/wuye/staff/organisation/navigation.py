"""The organisation in the staff console: the chart and the staff list under Staff; the
manager's departments and posts with the settings."""

from django.utils.translation import gettext_lazy as _

from wuye.core.navigation import SETTINGS, NavEntry

from ..navigation import STAFF as GROUP

STAFF = [
    NavEntry("staff:organisation", _("Organisation chart"), "staff.view", group=GROUP, order=100),
    NavEntry("staff:people", _("Staff list"), "staff.view", group=GROUP, order=110),
    NavEntry(
        "staff:organisation_manage",
        _("Departments and posts"),
        "staff.manage",
        group=SETTINGS,
        order=860,
        summary=_("The departments of the office, their posts and who holds each post."),
    ),
]
