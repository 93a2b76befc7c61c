"""API: owners' votes (业主表决), their ballots and results."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Literal

from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status

from wuye.core.api import (
    Body,
    BoolIn,
    Id,
    IdIn,
    Moment,
    Page,
    PageParams,
    column_text,
    errors,
    paginate,
)
from wuye.core.models import Community
from wuye.core.validators import conflict, not_found
from wuye.estates.models import Unit

from ..models import Ballot, Vote
from . import queries, services, tally

router = Router(tags=["engagement"])

TWO_PLACES = Decimal("0.01")


class VoteIn(Body):
    community_id: IdIn
    title: column_text(Vote, "title")
    description: column_text(Vote, "description") = ""
    matter: Literal["ordinary", "major"]
    secret: BoolIn = False
    opens_at: Moment
    closes_at: Moment


class VoteOut(Schema):
    id: int
    community_id: int
    title: str
    description: str
    matter: str
    secret: bool
    opens_at: datetime
    closes_at: datetime
    status: Literal["draft", "open", "closed"]


class VoteFilters(Schema):
    community_id: Id = None


class BallotIn(Body):
    unit_id: IdIn
    choice: Literal["for", "against", "abstain"]


class BallotOut(Schema):
    id: int
    vote_id: int
    unit_id: int
    choice: str
    channel: str
    cast_at: datetime


class ResultOut(Schema):
    eligible_area: str = Field(description="m², two places")
    eligible_owners: int
    participating_area: str
    participating_owners: int
    for_area: str
    for_owners: int
    against_area: str
    abstain_area: str
    quorum_met: bool
    passed: bool
    status: Literal["draft", "open", "closed"]
    explanation: str


def _vote_out(vote: Vote) -> dict:
    return {
        "id": vote.pk,
        "community_id": vote.community_id,
        "title": vote.title,
        "description": vote.description,
        "matter": vote.matter,
        "secret": vote.secret,
        "opens_at": vote.opens_at,
        "closes_at": vote.closes_at,
        "status": vote.status,
    }


def _area(value: Decimal) -> str:
    return str(value.quantize(TWO_PLACES))


@router.get(
    "/votes",
    response={200: Page[VoteOut], **errors()},
    summary="Owners' votes the caller may see, newest first",
)
def vote_list(request, filters: Query[VoteFilters], paging: Query[PageParams]):
    count, items = paginate(queries.votes_visible_to(request.auth, filters.community_id), paging)
    return {"count": count, "items": [_vote_out(vote) for vote in items]}


@router.post("/votes", response={201: VoteOut, **errors()}, summary="Put a question to the owners")
def vote_create(request, payload: VoteIn):
    data = payload.model_dump()
    community = Community.objects.filter(pk=data.pop("community_id")).first()
    if community is None:
        raise ValidationError({"community_id": [not_found(_("Choose a community you work for."))]})
    for field in ("opens_at", "closes_at"):
        if timezone.is_naive(data[field]):
            data[field] = timezone.make_aware(data[field])
    vote = services.vote_create(actor=request.auth, community=community, data=data)
    return Status(201, _vote_out(vote))


def _visible_vote(request, vote_id: int) -> Vote:
    return get_object_or_404(queries.votes_visible_to(request.auth), pk=vote_id)


@router.get("/votes/{vote_id}", response={200: VoteOut, **errors()}, summary="An owners' vote")
def vote_detail(request, vote_id: Id):
    return _vote_out(_visible_vote(request, vote_id))


@router.post(
    "/votes/{vote_id}/ballots",
    response={201: BallotOut, **errors()},
    summary="Cast or change a home's ballot (an owner, or the office recording a paper ballot)",
)
def ballot_cast(request, vote_id: Id, payload: BallotIn):
    vote = _visible_vote(request, vote_id)
    unit = Unit.objects.filter(pk=payload.unit_id, community_id=vote.community_id).first()
    if unit is None:
        raise ValidationError({"unit_id": [not_found(_("Choose a home of this community."))]})
    try:
        ballot: Ballot = services.ballot_cast(
            actor=request.auth, vote=vote, unit=unit, choice=payload.choice
        )
    except ValidationError as exc:
        if hasattr(exc, "error_dict") and "unit" in exc.error_dict:
            raise ValidationError({"unit_id": exc.error_dict["unit"]}) from exc
        raise
    return Status(
        201,
        {
            "id": ballot.pk,
            "vote_id": vote.pk,
            "unit_id": unit.pk,
            "choice": ballot.choice,
            "channel": ballot.channel,
            "cast_at": ballot.cast_at,
        },
    )


@router.get(
    "/votes/{vote_id}/result",
    response={200: ResultOut, **errors()},
    summary="The tally: live for staff, for owners once the vote has closed",
)
def vote_result(request, vote_id: Id):
    vote = _visible_vote(request, vote_id)
    if not queries.may_see_tally(request.auth, vote):
        raise PermissionDenied(_("The result is published when voting closes."))
    if not queries.has_result(vote):
        raise conflict(_("Voting has not started yet: there is no result before it opens."))
    result = queries.vote_tally(vote)
    return {
        "eligible_area": _area(result.eligible_area),
        "eligible_owners": result.eligible_owners,
        "participating_area": _area(result.participating_area),
        "participating_owners": result.participating_owners,
        "for_area": _area(result.for_area),
        "for_owners": result.for_owners,
        "against_area": _area(result.against_area),
        "abstain_area": _area(result.abstain_area),
        "quorum_met": result.quorum_met,
        "passed": result.passed,
        "status": vote.status,
        "explanation": tally.explain(result),
    }
