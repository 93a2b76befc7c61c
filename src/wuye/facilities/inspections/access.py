"""Inspections: the engineering supervisor, the manager and the company
administrator see the inspections of a day or a week and their pass rates; the
manager is told on the home page when the office's daily inspection is left undone."""

from wuye.core.policy import Area
from wuye.core.policy import R as Role

AREAS = [
    Area(
        "inspections",
        verbs={
            "view": frozenset(
                {
                    Role.ENGINEERING_SUPERVISOR,
                    Role.PROPERTY_MANAGER,
                    Role.COMPANY_ADMIN,
                }
            ),
            "alert": frozenset({Role.PROPERTY_MANAGER}),
        },
    ),
]
