"""Reads of owners' votes, scoped to what the caller may see.

Staff with `vote.view` see the votes of their communities; an owner sees the votes of the
communities where they own a home. Tenants and family members do not vote and do not see them.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.utils import timezone

from wuye.core import policy
from wuye.estates.models import Occupancy, Unit
from wuye.estates.queries import owner_ids_by_unit

from ..models import Ballot, ElectorateHome, Vote, VoteStatus
from ..owners import owned_community_ids, owned_unit_ids
from . import tally


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


def has_result(vote: Vote) -> bool:
    """A vote has a tally, and an outcome to state, only once voting has started: before,
    "not passed" would be said of a question nobody could answer yet."""
    return vote.status != VoteStatus.DRAFT


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
