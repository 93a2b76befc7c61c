"""Parcels: the front desk, the guards and their supervisor, and the manager receive and hand
over parcels; the manager sets how long they may wait. Residents see their homes' parcels."""

from wuye.core.policy import Area
from wuye.core.policy import R as Role

from .queries import parcels_for_residents

DESK = frozenset(
    {
        Role.COMPANY_ADMIN,
        Role.PROPERTY_MANAGER,
        Role.FRONT_DESK,
        Role.SECURITY_SUPERVISOR,
        Role.GUARD,
    }
)


def parcels_of_resident(user, action: str):
    """A resident sees the parcels of their homes; the desk alone hands them over."""
    return parcels_for_residents(user) if action == "view" else None


AREAS = [
    Area(
        "parcel",
        verbs={
            "view": DESK,
            "receive": DESK,
            "hand_over": DESK,
            # how long a parcel waits before a reminder and before return (设置)
            "configure": frozenset({Role.COMPANY_ADMIN, Role.PROPERTY_MANAGER}),
        },
        models={"security.parcel": parcels_of_resident},
        second_factor=frozenset({"configure"}),
    ),
]
