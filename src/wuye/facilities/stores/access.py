"""Spare parts: the engineering supervisor, the technicians and the manager see the store; the
supervisor and the manager keep it (add parts, receive, count); technicians, their supervisor
and the manager issue parts to work orders and maintenance tasks."""

from wuye.core.policy import Area
from wuye.core.policy import R as Role

KEEPERS = frozenset({Role.ENGINEERING_SUPERVISOR, Role.PROPERTY_MANAGER})

AREAS = [
    Area(
        "stores",
        verbs={
            "view": KEEPERS | {Role.TECHNICIAN, Role.COMPANY_ADMIN},
            "issue": KEEPERS | {Role.TECHNICIAN},
            "change": KEEPERS,
        },
        models={"facilities.stockitem": None, "facilities.stockmovement": None},
    ),
]
