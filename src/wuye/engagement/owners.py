"""Owners across the engagement areas: the homes a user owns, the communities they own a home
in, and the home a paper form names. Votes, surveys and community life all ask these."""

from __future__ import annotations

from django.db.models import Q

from wuye.core import policy
from wuye.core.validators import clean_code
from wuye.estates.models import Relation, Residency, Unit


def owned_unit_ids(user) -> list[int]:
    """The homes the user owns now (a current residency as owner)."""
    cache = policy._cache(user) if getattr(user, "is_authenticated", False) else {}
    if "owned_unit_ids" not in cache:
        cache["owned_unit_ids"] = sorted(
            set(
                Residency.objects.current()
                .filter(resident_id__in=policy.resident_ids(user), relation=Relation.OWNER)
                .values_list("unit_id", flat=True)
            )
        )
    return cache["owned_unit_ids"]


def owned_community_ids(user) -> set[int]:
    ids = owned_unit_ids(user)
    if not ids:
        return set()
    return set(Unit.objects.filter(pk__in=ids).values_list("community_id", flat=True))


def home_by_label(community_id: int, text: str) -> Unit | None:
    """The home a paper ballot names as building-entrance-room (3-2-502) or building-room."""
    parts = clean_code(text).split("-")
    if len(parts) == 3:
        found = Q(building__number=parts[0], entrance=parts[1], number=parts[2])
    elif len(parts) == 2:
        found = Q(building__number=parts[0], entrance="", number=parts[1])
    else:
        return None
    return Unit.objects.filter(found, community_id=community_id).select_related("building").first()
