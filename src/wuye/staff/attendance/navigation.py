"""Attendance: the clock page for everyone, the monthly sheet for supervisors."""

from django.utils.translation import gettext_lazy as _

from wuye.core.navigation import NavEntry

from ..navigation import STAFF as GROUP

STAFF = [
    NavEntry("staff:clock", _("Clock in / out"), "attendance.clock", group=GROUP, order=300),
    NavEntry("staff:attendance", _("Attendance sheet"), "attendance.view", group=GROUP, order=310),
]
