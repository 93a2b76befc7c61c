"""Patrols: an entry in the staff console's gate menu."""

from django.utils.translation import gettext_lazy as _

from wuye.core.navigation import NavEntry

from ..navigation import GATE

STAFF = [NavEntry("security:patrol_tasks", _("Patrols"), "patrol.open", group=GATE, order=720)]
