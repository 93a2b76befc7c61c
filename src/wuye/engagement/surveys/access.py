"""Satisfaction surveys: the office follows them and records paper questionnaires; the
manager and the customer-service supervisor build and publish them."""

from wuye.core.policy import OFFICE, Area
from wuye.core.policy import R as Role

from .queries import surveys_for_residents


def surveys_of_resident(user, action: str):
    """A resident sees the published surveys that have opened for a home they answer for."""
    return surveys_for_residents(user) if action == "view" else None


AREAS = [
    Area(
        "survey",
        verbs={
            "view": OFFICE,
            "record_response": OFFICE,
            "manage": frozenset({Role.COMPANY_ADMIN, Role.PROPERTY_MANAGER, Role.CS_SUPERVISOR}),
            # how often rounds are due and the satisfaction they must reach (设置)
            "configure": frozenset({Role.COMPANY_ADMIN, Role.PROPERTY_MANAGER}),
        },
        models={"engagement.survey": surveys_of_resident},
        second_factor=frozenset({"configure"}),
    ),
]
