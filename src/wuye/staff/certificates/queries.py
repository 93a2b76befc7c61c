"""Reads of the certificates: who holds a valid one of which kind on a day."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import date

from django.db.models import Q

from .models import Certificate


def valid_on(day: date) -> Q:
    return Q(valid_until__isnull=True) | Q(valid_until__gte=day)


def valid_kinds(community_id: int, user_ids: Iterable[int], day: date) -> dict[int, set[str]]:
    """{user id: the kinds of certificate they hold valid on `day`}, in one query."""
    kinds: dict[int, set[str]] = defaultdict(set)
    rows = Certificate.objects.filter(
        valid_on(day), community_id=community_id, user_id__in=list(user_ids)
    ).values_list("user_id", "kind")
    for user_id, kind in rows:
        kinds[user_id].add(kind)
    return kinds
