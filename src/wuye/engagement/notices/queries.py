"""Reads of notices, scoped to what the caller may see.

Every member of staff reads the notices of their communities; a resident reads the published,
unexpired notices for their community or for the buildings of their homes, and the expired
ones in the archive.
"""

from __future__ import annotations

from django.db.models import Case, Count, Exists, F, OuterRef, Q, QuerySet, Value, When
from django.utils import timezone

from wuye.core import policy
from wuye.core.people import display_name
from wuye.estates.models import Residency, Unit

from ..models import Notice, NoticeRead


def _published_to_homes(user) -> QuerySet[Notice]:
    """Published, not withdrawn notices for the communities or buildings of the user's homes,
    whether still shown or expired."""
    unit_ids = policy.resident_unit_ids(user)
    if not unit_ids:
        return Notice.objects.none()
    homes = Unit.objects.filter(pk__in=unit_ids)
    return Notice.objects.filter(
        published_at__lte=timezone.now(),
        withdrawn_at__isnull=True,
        community_id__in=homes.values("community_id"),
    ).filter(
        ~Exists(Notice.buildings.through.objects.filter(notice_id=OuterRef("pk")))
        | Exists(
            Notice.buildings.through.objects.filter(
                notice_id=OuterRef("pk"), building_id__in=homes.values("building_id")
            )
        )
    )


def _expired() -> Q:
    return Q(published_at__isnull=False, withdrawn_at__isnull=True) & Q(
        expires_on__lt=timezone.localdate()
    )


def notices_for_residents(user) -> QuerySet[Notice]:
    """Published, unexpired, not withdrawn notices for the communities or buildings of the
    user's homes."""
    return _published_to_homes(user).filter(
        Q(expires_on__isnull=True) | Q(expires_on__gte=timezone.localdate())
    )


def past_notices_for_residents(user) -> QuerySet[Notice]:
    """The archive: notices once published to the user's homes that have since expired (rules
    such as a parking regulation stay readable), newest first. Withdrawn notices are not in it."""
    return _published_to_homes(user).filter(_expired()).order_by("-published_at", "-pk")


def notices_readable_by_residents(user) -> QuerySet[Notice]:
    """The notices a resident may open: those shown now and those in the archive."""
    return _published_to_homes(user)


def notices_visible_to(
    user, community_id: int | None = None, *, past: bool | None = None
) -> QuerySet[Notice]:
    """Staff see every notice of their communities, drafts included; residents what is theirs.

    For residents, `past` None is every notice they may open, False those shown now, True
    the archive; with `past` True staff too see only the expired notices.
    """
    staff_ids = policy.community_ids_with(user, "notice.view")
    residents = {
        None: notices_readable_by_residents,
        False: notices_for_residents,
        True: past_notices_for_residents,
    }[past](user)
    qs = Notice.objects.filter(Q(community_id__in=staff_ids) | Q(pk__in=residents.values("pk")))
    if past:
        qs = qs.filter(_expired())
    if community_id is not None:
        qs = qs.filter(community_id=community_id)
    return qs.select_related("community").prefetch_related("buildings")


def pinned_first(notices: QuerySet[Notice]) -> QuerySet[Notice]:
    """Pinned notices on top (while pinned), then drafts, then the newest published."""
    today = timezone.localdate()
    return notices.annotate(
        pinned_now=Case(When(pinned_until__gte=today, then=Value(1)), default=Value(0))
    ).order_by("-pinned_now", F("published_at").desc(nulls_first=True), "-pk")


def with_reads(notices: QuerySet[Notice], user) -> QuerySet[Notice]:
    """Each notice with how many have read it and whether `user` has."""
    return notices.annotate(
        read_count=Count("reads", distinct=True),
        read_by_me=Exists(NoticeRead.objects.filter(notice_id=OuterRef("pk"), user_id=user.pk)),
    )


def notice_audience(notice: Notice) -> QuerySet[Residency]:
    """The current residencies of the homes a notice is for (its readers-to-be)."""
    qs = Residency.objects.current().filter(unit__community_id=notice.community_id)
    building_ids = [b.pk for b in notice.buildings.all()]
    if building_ids:
        qs = qs.filter(unit__building_id__in=building_ids)
    return qs


def notice_readers(notice: Notice) -> list[dict]:
    """Who has read the notice, first reader first: the login, their name and homes here."""
    reads = list(
        NoticeRead.objects.filter(notice=notice).select_related("user").order_by("read_at", "pk")
    )
    homes: dict[int, list[str]] = {}
    names: dict[int, str] = {}
    residencies = (
        Residency.objects.current()
        .filter(
            resident__user_id__in=[r.user_id for r in reads],
            unit__community_id=notice.community_id,
        )
        .select_related("resident", "unit__building")
    )
    for residency in residencies:
        user_id = residency.resident.user_id
        names.setdefault(user_id, residency.resident.name)
        homes.setdefault(user_id, []).append(residency.unit.label)
    return [
        {
            "name": names.get(r.user_id) or display_name(r.user),
            "homes": sorted(set(homes.get(r.user_id, []))),
            "read_at": r.read_at,
        }
        for r in reads
    ]


def notice_reach(notice: Notice) -> dict:
    """How many resident logins the notice is for, and how many of them have read it."""
    audience = set(
        notice_audience(notice)
        .filter(resident__user__isnull=False)
        .values_list("resident__user_id", flat=True)
    )
    read = set(NoticeRead.objects.filter(notice=notice).values_list("user_id", flat=True))
    return {"audience": len(audience), "read": len(audience & read)}
