"""Reads of owners' votes and notices, scoped to what the caller may see.

Staff with `vote.view` see the votes of their communities; an owner sees the votes of the
communities where they own a home. Tenants and family members do not vote and do not see them.
Every member of staff reads the notices of their communities; a resident reads the published,
unexpired notices for their community or for the buildings of their homes, and the expired
ones in the archive.
"""

from __future__ import annotations

from django.db.models import Case, Count, Exists, F, OuterRef, Q, QuerySet, Value, When
from django.utils import timezone

from wuye.core import policy
from wuye.core.people import display_name
from wuye.core.validators import clean_code
from wuye.estates.models import Occupancy, Relation, Residency, Unit
from wuye.estates.queries import owner_ids_by_unit

from . import tally
from .models import Ballot, ElectorateHome, Notice, NoticeRead, Vote, VoteStatus


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


def votes_of_owners(user) -> QuerySet[Vote]:
    """The votes a resident may open: those of the communities where they own a home."""
    return Vote.objects.filter(community_id__in=owned_community_ids(user))


def votes_visible_to(user, community_id: int | None = None) -> QuerySet[Vote]:
    staff_ids = policy.community_ids_with(user, "vote.view")
    qs = Vote.objects.filter(
        Q(community_id__in=staff_ids) | Q(community_id__in=owned_community_ids(user))
    ).select_related("community")
    if community_id is not None:
        qs = qs.filter(community_id=community_id)
    return qs


def may_see_tally(user, vote: Vote) -> bool:
    """Staff follow the live tally; owners see the result once the vote has closed."""
    if policy.has_perm(user, "vote.view", vote.community_id):
        return True
    return vote.status == VoteStatus.CLOSED and vote.community_id in owned_community_ids(user)


def live_electorate(community_id: int) -> list[tally.Home]:
    """The community's electorate as the register stands now: every unit, its area, its person."""
    units = list(
        Unit.objects.filter(community_id=community_id)
        .order_by("pk")
        .values_list("pk", "building_area", "occupancy")
    )
    owners = owner_ids_by_unit([pk for pk, _, _ in units])
    unsold = {pk for pk, _, occupancy in units if occupancy == Occupancy.UNSOLD}
    persons = tally.person_keys(owners, unsold)
    return [tally.Home(pk, area, persons[pk]) for pk, area, _ in units]


def electorate(vote: Vote) -> list[tally.Home]:
    """The frozen electorate of an opened vote; before it opens, the register as it stands."""
    if vote.electorate_frozen_at is None:
        return live_electorate(vote.community_id)
    rows = ElectorateHome.objects.filter(vote=vote).values_list("unit_id", "area", "person")
    return [tally.Home(unit_id, area, person) for unit_id, area, person in rows]


def current_choices(vote: Vote) -> dict[int, str]:
    """The current ballot of each home that voted: {unit_id: choice}."""
    return dict(Ballot.objects.filter(vote=vote, is_current=True).values_list("unit_id", "choice"))


def vote_tally(vote: Vote) -> tally.Tally:
    """The live (or, once closed, final) tally, in two queries whatever the size."""
    return tally.count(electorate(vote), current_choices(vote), vote.matter)


def owner_homes(user, vote: Vote) -> list[dict]:
    """The homes the user owns in the vote's community, each with its current ballot."""
    units = list(
        Unit.objects.filter(pk__in=owned_unit_ids(user), community_id=vote.community_id)
        .select_related("building")
        .order_by("building__number", "entrance", "number")
    )
    ballots = {
        b.unit_id: b for b in Ballot.objects.filter(vote=vote, is_current=True, unit__in=units)
    }
    return [{"unit": unit, "ballot": ballots.get(unit.pk)} for unit in units]


def ballot_history(vote: Vote) -> QuerySet[Ballot]:
    """Every ballot of the vote, changes included, newest first, with home and who cast it."""
    return (
        Ballot.objects.filter(vote=vote)
        .select_related("unit__building", "cast_by")
        .order_by("-cast_at", "-pk")
    )


def open_votes_due(now=None) -> QuerySet[Vote]:
    """Votes whose time to open has come but whose electorate is not frozen yet."""
    now = now or timezone.now()
    return Vote.objects.filter(electorate_frozen_at__isnull=True, opens_at__lte=now)


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


# ---- notices -------------------------------------------------------------------------------


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
