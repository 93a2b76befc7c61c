"""Billing's permission area: fee items and bill runs, cashiering, approvals, meter readings."""

from wuye.core.policy import OFFICE, Area
from wuye.core.policy import R as Role

MANAGERS = frozenset({Role.COMPANY_ADMIN, Role.PROPERTY_MANAGER})
ACCOUNTS = MANAGERS | {Role.ACCOUNTANT}

AREAS = [
    Area(
        "billing",
        verbs={
            "view": OFFICE | {Role.CASHIER, Role.ACCOUNTANT},
            "configure": ACCOUNTS,
            "run": ACCOUNTS,
            "collect": ACCOUNTS | {Role.CASHIER},
            "void": ACCOUNTS | {Role.CASHIER},
            "approve": MANAGERS,
            # 抄表: engineering reads the meters; the accountant checks and imports them
            "read_meters": ACCOUNTS | {Role.ENGINEERING_SUPERVISOR, Role.TECHNICIAN},
        },
        # Approving refunds, waivers and adjustments, and setting fees, need a second factor.
        second_factor=frozenset({"approve", "configure"}),
    ),
]
