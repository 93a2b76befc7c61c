"""Incidents: an entry in the staff console's gate menu."""

from django.utils.translation import gettext_lazy as _

from wuye.core.navigation import NavEntry

from ..navigation import GATE

STAFF = [
    NavEntry("security:incidents", _("Incidents"), "incident.view", group=GATE, order=750),
]
