"""Parking's permission area: the office, the gate and the accounts see sessions and tariffs;
the guards, their supervisor, the front desk and the cashier work the gate and take its fees;
the managers set the tariffs and the community's parking rules."""

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
