"""Parking's entries in the staff console."""

from django.utils.translation import gettext_lazy as _

from wuye.core.navigation import SETTINGS, NavEntry

GATE = _("Gate")

STAFF = [
    NavEntry(
        "security:parking_tariffs",
        _("Parking tariffs"),
        "parking.configure",
        group=SETTINGS,
        order=930,
        summary=_(
            "What temporary parking costs: free minutes, steps, the daily cap and the night, "
            "by vehicle type, each change a new version from a chosen moment."
        ),
    ),
    NavEntry(
        "security:parking_sessions", _("Parking sessions"), "parking.view", group=GATE, order=650
    ),
    NavEntry(
        "security:parking_settings",
        _("Parking settings"),
        "parking.configure",
        group=SETTINGS,
        order=935,
        summary=_(
            "Grace days after a parking contract ends, minutes to leave after paying, the "
            "lost-ticket fee, and whether parking income is the owners' common income."
        ),
    ),
]
