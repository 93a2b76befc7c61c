"""The gate's vehicles in the staff console."""

from django.utils.translation import gettext_lazy as _

from wuye.core.navigation import NavEntry

GATE = _("Gate")

STAFF = [
    NavEntry(
        "security:parking_console", _("Gate console"), "parking.operate", group=GATE, order=610
    ),
    NavEntry("security:parking_overview", _("Parking"), "parking.view", group=GATE, order=620),
]
