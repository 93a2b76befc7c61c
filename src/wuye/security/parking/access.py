"""Parking's permission area: the front desk, the gate, the cashier and the accounts see
sessions and tariffs; the guards and their supervisor work the gate, and they and the cashier
take the fees; the managers set the tariffs and the community's parking rules."""

from wuye.core.policy import Area
from wuye.core.policy import R as Role

MANAGERS = frozenset({Role.COMPANY_ADMIN, Role.PROPERTY_MANAGER})
GATE = frozenset({Role.GUARD, Role.SECURITY_SUPERVISOR})

AREAS = [
    Area(
        "parking",
        verbs={
            "view": MANAGERS
            | GATE
            | {Role.FRONT_DESK, Role.CS_SUPERVISOR, Role.ACCOUNTANT, Role.CASHIER},
            "operate": MANAGERS | GATE | {Role.CASHIER},
            # Setting the price of parking is setting a fee: the managers, with a second factor.
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
