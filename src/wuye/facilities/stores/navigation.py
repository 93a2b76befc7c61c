"""The store of spare parts, in the facilities menu."""

from django.utils.translation import gettext_lazy as _

from wuye.core.navigation import NavEntry

from ..navigation import FACILITIES

STAFF = [
    NavEntry("facilities:stores", _("Spare parts"), "stores.view", group=FACILITIES, order=820),
]
