"""Rosters: entries in the staff console."""

from django.utils.translation import gettext_lazy as _

from wuye.core.navigation import SETTINGS, NavEntry

from ..navigation import STAFF as STAFF_GROUP

STAFF = [
    NavEntry("staff:my_shifts", _("My shifts"), "roster.view", group=STAFF_GROUP, order=120),
    NavEntry("staff:on_duty", _("On duty now"), "roster.view", group=STAFF_GROUP, order=121),
    NavEntry("staff:rosters", _("Rosters"), "roster.plan", group=STAFF_GROUP, order=122),
    NavEntry(
        "staff:shift_settings",
        _("Shifts and work rules"),
        "roster.configure",
        group=SETTINGS,
        order=865,
        summary=_(
            "The shifts of the rosters, and the working-time limits the rosters are checked "
            "against (8 h a day and 44 h a week by default)."
        ),
    ),
]
