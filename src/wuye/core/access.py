"""Core's permission areas: the community itself and the audit trail."""

from . import policy
from .models import Community
from .policy import ALL_STAFF, Area
from .policy import R as Role


def communities_of_resident(user, action: str):
    """A resident sees the communities they live in."""
    if action != "view":
        return None
    homes = policy.resident_unit_ids(user)
    return Community.objects.filter(units__pk__in=homes).distinct()


MANAGERS = frozenset({Role.COMPANY_ADMIN, Role.PROPERTY_MANAGER})

AREAS = [
    Area(
        "community",
        verbs={"view": ALL_STAFF, "change": MANAGERS},
        models={"core.community": communities_of_resident, "core.servicestandard": None},
        second_factor=frozenset({"change"}),
    ),
    Area("audit", verbs={"view": MANAGERS}),
]
