"""Parking's entries in the staff console."""

from django.utils.translation import gettext_lazy as _

from wuye.core.navigation import SETTINGS, NavEntry

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
]
