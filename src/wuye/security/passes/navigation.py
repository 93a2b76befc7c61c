"""Visitors' passes in the staff console (门岗) and the owners' portal."""

from django.utils.translation import gettext_lazy as _

from wuye.core.navigation import SETTINGS, NavEntry

from ..navigation import AT_THE_GATE, GATE

STAFF = [
    NavEntry("security:gate", _("Check a pass"), "pass.verify", group=GATE, order=700),
    NavEntry("security:passes", _("Visitors"), "pass.view", group=GATE, order=705),
    NavEntry(
        "security:visitor_records", _("Visitor records"), "pass.records", group=GATE, order=790
    ),
    NavEntry(
        "security:pass_settings",
        _("Visitors' passes"),
        "pass.configure",
        group=SETTINGS,
        order=940,
        summary=_("Invitations a home may send a day, ID numbers of walk-ins, a pass's length."),
    ),
]

RESIDENT = [
    NavEntry(
        "security_portal:visitors",
        _("Visitors"),
        per_community=False,
        group=AT_THE_GATE,
        order=60,
    ),
]
