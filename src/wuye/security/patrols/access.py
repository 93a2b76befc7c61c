"""Patrols: the guards and their supervisor walk the routes; the supervisor, the manager and
the company administrator see the tasks; the supervisor and the manager set the checkpoints,
routes and plans."""

from wuye.core.policy import Area
from wuye.core.policy import R as Role

AREAS = [
    Area(
        "patrol",
        verbs={
            "walk": frozenset({Role.GUARD, Role.SECURITY_SUPERVISOR}),
            "view": frozenset(
                {Role.SECURITY_SUPERVISOR, Role.PROPERTY_MANAGER, Role.COMPANY_ADMIN}
            ),
            # who opens the patrol pages: those who walk and those who see the tasks
            "open": frozenset(
                {
                    Role.GUARD,
                    Role.SECURITY_SUPERVISOR,
                    Role.PROPERTY_MANAGER,
                    Role.COMPANY_ADMIN,
                }
            ),
            "configure": frozenset({Role.SECURITY_SUPERVISOR, Role.PROPERTY_MANAGER}),
        },
    ),
]
