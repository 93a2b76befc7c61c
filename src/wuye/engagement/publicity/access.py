"""Fund-usage publicity (财务公示): the office and the accounts read it, drafts included;
the manager and the accountant prepare it; a manager publishes it and keeps the owners'
committee (业主委员会) register."""

from wuye.core.policy import OFFICE, Area
from wuye.core.policy import R as Role

from .queries import publicity_for_residents

MANAGERS = frozenset({Role.COMPANY_ADMIN, Role.PROPERTY_MANAGER})


def publicity_of_resident(user, action: str):
    """A resident reads the published publications of the communities they live in."""
    return publicity_for_residents(user) if action == "view" else None


AREAS = [
    Area(
        "publicity",
        verbs={
            "view": OFFICE | {Role.CASHIER, Role.ACCOUNTANT},
            "prepare": MANAGERS | {Role.ACCOUNTANT},
            "publish": MANAGERS,
        },
        models={"engagement.fundperiod": publicity_of_resident},
    ),
    Area("committee", verbs={"manage": MANAGERS}),
]
