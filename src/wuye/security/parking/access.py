"""Who may do what with the gate's vehicles: the office and the guards read the gate;
the guards and their supervisor operate it; the managers configure tariffs and settings."""

from wuye.core.policy import OFFICE, Area
from wuye.core.policy import R as Role

GUARDS = frozenset({Role.GUARD, Role.SECURITY_SUPERVISOR})
MANAGERS = frozenset({Role.COMPANY_ADMIN, Role.PROPERTY_MANAGER})

AREAS = [
    Area(
        "parking",
        verbs={
            "view": OFFICE | GUARDS | {Role.CASHIER, Role.ACCOUNTANT},
            "operate": GUARDS | MANAGERS,
            "configure": MANAGERS,
        },
        second_factor=frozenset({"configure"}),
    ),
]
