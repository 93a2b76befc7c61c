"""Parcels: entries in the staff console and the owners' portal."""

from django.utils.translation import gettext_lazy as _

from wuye.core.navigation import SETTINGS, NavEntry

from ..navigation import AT_THE_GATE, GATE

STAFF = [
    NavEntry("security:parcels", _("Parcels"), "parcel.view", group=GATE, order=700),
    NavEntry(
        "security:parcel_settings",
        _("Parcel settings"),
        "parcel.configure",
        group=SETTINGS,
        order=850,
        summary=_(
            "How many days a parcel waits before its home is reminded, and before the desk "
            "sends it back to the carrier."
        ),
    ),
]

RESIDENT = [
    NavEntry(
        "security_portal:parcels",
        _("My parcels"),
        per_community=False,
        group=AT_THE_GATE,
        order=700,
    ),
]
