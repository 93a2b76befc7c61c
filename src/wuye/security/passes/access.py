"""Visitors' passes: the office and the guards check, register and let visitors in; the
office and the security supervisor search what is held about a visitor; managers set the
rules. Residents reach the invitations of their own homes."""

from wuye.core.policy import OFFICE, Area
from wuye.core.policy import R as Role

from .queries import invitations_for_residents

GATE = OFFICE | {Role.GUARD, Role.SECURITY_SUPERVISOR}
MANAGERS = frozenset({Role.COMPANY_ADMIN, Role.PROPERTY_MANAGER})

AREAS = [
    Area(
        "pass",
        verbs={
            "view": GATE,
            "register": GATE,
            "verify": GATE,
            "revoke": GATE,
            "records": MANAGERS | {Role.CS_SUPERVISOR, Role.SECURITY_SUPERVISOR},
            "configure": MANAGERS,
        },
        models={
            "security.invitation": invitations_for_residents,
            "security.accessevent": None,
            "security.passsettings": None,
        },
        second_factor=frozenset({"configure"}),
    ),
]
