"""Maintenance: the task list (a technician's teams', or all of them) and the plans, in the
facilities menu."""

from django.utils.translation import gettext_lazy as _

from wuye.core.navigation import NavEntry

from ..navigation import FACILITIES

STAFF = [
    NavEntry(
        "facilities:maintenance_tasks",
        _("Maintenance tasks"),
        "maintenance.open",
        group=FACILITIES,
        order=810,
    ),
    NavEntry(
        "facilities:maintenance_plans",
        _("Maintenance plans"),
        "maintenance.view",
        group=FACILITIES,
        order=812,
    ),
]
