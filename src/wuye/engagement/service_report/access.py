"""The management service report: the office reads it; managers publish it to owners."""

from wuye.core.policy import OFFICE, Area
from wuye.core.policy import R as Role

AREAS = [
    Area(
        "report",
        verbs={"view": OFFICE, "publish": frozenset({Role.COMPANY_ADMIN, Role.PROPERTY_MANAGER})},
    ),
]
