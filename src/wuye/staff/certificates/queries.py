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


def days_left(certificate: Certificate, today: date) -> int | None:
    if certificate.valid_until is None:
        return None
    return (certificate.valid_until - today).days


def certificate_list(
    community_id: int,
    today: date,
    *,
    kind: str | None = None,
    expiring_within_days: int | None = None,
    expired: bool | None = None,
    holder_id: int | None = None,
):
    """A community's certificates, the expired first, then by expiry (those that do not
    expire last). `expiring_within_days` keeps those valid today and expiring within that
    many days; `expired` keeps only the expired (True) or only the valid (False)."""
    from datetime import timedelta

    from django.db.models import Case, IntegerField, Value, When

    rows = Certificate.objects.filter(community_id=community_id).select_related("user")
    if kind:
        rows = rows.filter(kind=kind)
    if holder_id:
        rows = rows.filter(user_id=holder_id)
    if expiring_within_days is not None:
        rows = rows.filter(
            valid_until__gte=today, valid_until__lte=today + timedelta(days=expiring_within_days)
        )
    if expired is True:
        rows = rows.filter(valid_until__lt=today)
    elif expired is False:
        rows = rows.filter(valid_on(today))
    return rows.annotate(
        _expired=Case(
            When(valid_until__lt=today, then=Value(0)),
            When(valid_until__isnull=True, then=Value(2)),
            default=Value(1),
            output_field=IntegerField(),
        )
    ).order_by("_expired", "valid_until", "user__first_name", "pk")


def missing(community_id: int, today: date) -> list[tuple[object, object, list[str]]]:
    """(person, post, kinds they lack) for each person whose current post requires a
    certificate they do not hold valid today. Two queries."""
    from ..organisation.models import Assignment

    assignments = list(
        Assignment.objects.filter(community_id=community_id, ended_on__isnull=True)
        .select_related("user", "post")
        .order_by("post__department__order", "post__order", "user__first_name", "pk")
    )
    required = [a for a in assignments if a.post.required_certificates]
    held = valid_kinds(community_id, [a.user_id for a in required], today)
    found = []
    for assignment in required:
        lacking = [
            k for k in assignment.post.required_certificates if k not in held[assignment.user_id]
        ]
        if lacking:
            found.append((assignment.user, assignment.post, lacking))
    return found
