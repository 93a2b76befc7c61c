"""Who handles personal-data requests (个人信息保护法 §45, §47): the office's managers export
a person's data and record a request to be deleted; a property manager carries it out."""

from wuye.core.policy import Area
from wuye.core.policy import R as Role

OFFICE_MANAGERS = frozenset({Role.COMPANY_ADMIN, Role.PROPERTY_MANAGER, Role.CS_SUPERVISOR})

AREAS = [
    Area(
        "privacy",
        verbs={
            "export": OFFICE_MANAGERS,
            "request": OFFICE_MANAGERS,
            "erase": frozenset({Role.COMPANY_ADMIN, Role.PROPERTY_MANAGER}),
        },
    ),
]
