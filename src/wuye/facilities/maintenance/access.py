"""Maintenance: technicians and their supervisor do the tasks; the supervisor, the manager and
the company administrator see every task and the plans; the supervisor and the manager skip
an occurrence and configure the plans."""

from wuye.core.policy import Area
from wuye.core.policy import R as Role

DOERS = frozenset({Role.TECHNICIAN, Role.ENGINEERING_SUPERVISOR})
VIEWERS = frozenset({Role.ENGINEERING_SUPERVISOR, Role.PROPERTY_MANAGER, Role.COMPANY_ADMIN})

AREAS = [
    Area(
        "maintenance",
        verbs={
            "do": DOERS,
            "view": VIEWERS,
            "open": DOERS | VIEWERS,
            "skip": frozenset({Role.ENGINEERING_SUPERVISOR, Role.PROPERTY_MANAGER}),
            "configure": frozenset({Role.ENGINEERING_SUPERVISOR, Role.PROPERTY_MANAGER}),
        },
    ),
]
