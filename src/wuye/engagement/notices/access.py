"""Notices: every member of staff reads them; the office writes; supervisors publish."""

from wuye.core.policy import ALL_STAFF, OFFICE, Area
from wuye.core.policy import R as Role

from .queries import notices_readable_by_residents


def notices_of_resident(user, action: str):
    """A resident opens the notices shown to their homes now and those in the archive."""
    return notices_readable_by_residents(user) if action == "view" else None


AREAS = [
    Area(
        "notice",
        verbs={
            "view": ALL_STAFF,
            "change": OFFICE,
            "publish": frozenset({Role.COMPANY_ADMIN, Role.PROPERTY_MANAGER, Role.CS_SUPERVISOR}),
        },
        models={"engagement.notice": notices_of_resident},
    ),
]
