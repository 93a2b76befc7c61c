"""The equipment register: the engineering supervisor, the technicians, the manager and the
company's administrator see it; the supervisor and the manager keep it."""

from wuye.core.policy import Area
from wuye.core.policy import R as Role

KEEPERS = frozenset({Role.ENGINEERING_SUPERVISOR, Role.PROPERTY_MANAGER})

AREAS = [
    Area(
        "equipment",
        verbs={
            "view": KEEPERS | {Role.TECHNICIAN, Role.COMPANY_ADMIN},
            "manage": KEEPERS,
            # The compliance rules: how often, when to remind, when to request (the manager).
            "rules": frozenset({Role.PROPERTY_MANAGER}),
        },
        models={
            "facilities.equipment": None,
            "facilities.statutoryprofile": None,
            "facilities.compliancerule": None,
            "facilities.compliancenotice": None,
            "facilities.equipmentfault": None,
            "facilities.equipmentdocument": None,
        },
    ),
]
