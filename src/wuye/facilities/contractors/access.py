"""Contractors: the engineering supervisor, the manager and the company's administrator keep
the register and its contracts and score the inspections; the customer-service supervisor
may read them (complaints about cleaning and greenery land on her desk). Residents see none."""

from wuye.core.policy import Area
from wuye.core.policy import R as Role

KEEPERS = frozenset({Role.COMPANY_ADMIN, Role.PROPERTY_MANAGER, Role.ENGINEERING_SUPERVISOR})
READERS = KEEPERS | {Role.CS_SUPERVISOR}

AREAS = [
    Area(
        "contractor",
        verbs={
            "view": READERS,
            "manage": KEEPERS,
            "inspect": KEEPERS,
        },
        models={
            "facilities.contractor": None,
            "facilities.contract": None,
            "facilities.scoreitem": None,
            "facilities.inspection": None,
            "facilities.score": None,
        },
    ),
]
