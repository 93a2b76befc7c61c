"""The equipment register and the compliance calendar in the staff console's facilities menu."""

from django.utils.translation import gettext_lazy as _

from wuye.core.navigation import NavEntry

from ..navigation import FACILITIES

STAFF = [
    NavEntry(
        "facilities:equipment",
        _("Equipment register"),
        "equipment.view",
        group=FACILITIES,
        order=1100,
    ),
    NavEntry(
        "facilities:compliance",
        _("Compliance calendar"),
        "equipment.view",
        group=FACILITIES,
        order=1105,
    ),
]
