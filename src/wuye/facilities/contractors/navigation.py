"""Contractors: an entry in the facilities menu."""

from django.utils.translation import gettext_lazy as _

from wuye.core.navigation import NavEntry

from ..navigation import FACILITIES

STAFF = [
    NavEntry(
        "facilities:contractors", _("Contractors"), "contractor.view", group=FACILITIES, order=400
    ),
]
