"""Inspections in the facilities menu."""

from django.utils.translation import pgettext_lazy

from wuye.core.navigation import NavEntry

from ..navigation import FACILITIES

STAFF = [
    NavEntry(
        "facilities:inspections",
        pgettext_lazy("facilities", "Inspections"),
        "inspections.view",
        group=FACILITIES,
        order=814,
    ),
]
