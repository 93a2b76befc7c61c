"""Owners' votes: the office follows them and records paper ballots; managers run them."""

from wuye.core.policy import OFFICE, Area
from wuye.core.policy import R as Role

from .queries import votes_of_owners

MANAGERS = frozenset({Role.COMPANY_ADMIN, Role.PROPERTY_MANAGER})


def votes_of_resident(user, action: str):
    """An owner sees the votes of the communities where they own a home."""
    return votes_of_owners(user) if action == "view" else None


AREAS = [
    Area(
        "vote",
        verbs={"view": OFFICE, "record_ballot": OFFICE, "manage": MANAGERS},
        models={"engagement.vote": votes_of_resident},
    ),
]
