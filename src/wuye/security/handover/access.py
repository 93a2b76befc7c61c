"""The shift handover: the guards and their supervisor write and confirm it; the supervisor,
the manager and the company admin read them; the supervisor and the manager keep the list of
counted items."""

from wuye.core.policy import Area
from wuye.core.policy import R as Role

GUARDS = frozenset({Role.GUARD, Role.SECURITY_SUPERVISOR})
READERS = frozenset({Role.SECURITY_SUPERVISOR, Role.PROPERTY_MANAGER, Role.COMPANY_ADMIN})

AREAS = [
    Area(
        "handover",
        verbs={
            "record": GUARDS,
            "view": READERS,
            "configure": frozenset({Role.SECURITY_SUPERVISOR, Role.PROPERTY_MANAGER}),
        },
        models={
            "security.handover": None,
            "security.handovercount": None,
            "security.handoveritem": None,
        },
    ),
]
