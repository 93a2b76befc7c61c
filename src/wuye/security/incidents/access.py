"""Incidents: the guards, their supervisor, the manager and the company's administrator see
and report them; the supervisor and the manager close them. Residents see none."""

from wuye.core.policy import Area
from wuye.core.policy import R as Role

CLOSERS = frozenset({Role.COMPANY_ADMIN, Role.PROPERTY_MANAGER, Role.SECURITY_SUPERVISOR})
GUARDS = CLOSERS | {Role.GUARD}

AREAS = [
    Area(
        "incident",
        verbs={
            "view": GUARDS,
            "report": GUARDS,
            "close": CLOSERS,
        },
        models={"security.incident": None, "security.incidentphoto": None},
    ),
]
