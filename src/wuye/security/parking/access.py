"""Parking's permission area: the gate's guards and the front desk see and work the cars
in and out and take their fees; managers set the tariffs and the community's parking rules."""

from wuye.core.policy import OFFICE, Area
from wuye.core.policy import R as Role

MANAGERS = frozenset({Role.COMPANY_ADMIN, Role.PROPERTY_MANAGER})
GATE = frozenset({Role.GUARD, Role.SECURITY_SUPERVISOR})

AREAS = [
    Area(
        "parking",
        verbs={
            "view": OFFICE | GATE | {Role.CASHIER, Role.ACCOUNTANT},
            "operate": MANAGERS | GATE | {Role.FRONT_DESK, Role.CASHIER},
            "configure": MANAGERS,
        },
        models={
            "security.gate": None,
            "security.gateevent": None,
            "security.parkingsession": None,
            "security.parkingtariff": None,
            "security.parkingpayment": None,
            "security.parkingsettings": None,
        },
        second_factor=frozenset({"configure"}),
    ),
]
