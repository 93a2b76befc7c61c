"""Changes to owners' votes: each one transaction, checked by the policy, audited."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from wuye.core import audit, policy
from wuye.core.models import Community
from wuye.core.validators import clean_text, conflict, not_found
from wuye.estates.models import Unit

from ..models import Ballot, Channel, Choice, ElectorateHome, Matter, Vote, VoteStatus
from ..owners import owned_unit_ids
from . import queries

EARLIEST = datetime(2000, 1, 1, tzinfo=UTC)
LATEST = datetime(2100, 1, 1, tzinfo=UTC)


def _when(moment: datetime) -> str:
    return date_format(timezone.localtime(moment), "DATETIME_FORMAT")


def _freeze_electorate(vote: Vote, now: datetime) -> None:
    """Record each home's area and person as they stand now (the vote is locked)."""
    homes = queries.live_electorate(vote.community_id)
    ElectorateHome.objects.bulk_create(
        [ElectorateHome(vote=vote, unit_id=h.unit_id, area=h.area, person=h.person) for h in homes],
        batch_size=2000,
    )
    vote.electorate_frozen_at = now
    vote.save(update_fields=["electorate_frozen_at"])


def _locked(vote: Vote) -> Vote:
    return Vote.objects.select_for_update().select_related("community").get(pk=vote.pk)


@transaction.atomic
def vote_create(*, actor, community: Community, data: dict[str, Any]) -> Vote:
    """Put a question to the owners. A vote whose opening time has come opens at once."""
    policy.require_perm(actor, "vote.manage", community.pk)
    errors: dict[str, list[str]] = {}
    title = clean_text(data.get("title") or "")
    if not title:
        errors["title"] = [_("Give the vote a title.")]
    if data.get("matter") not in Matter.values:
        errors["matter"] = [_("Choose an ordinary or a major matter.")]
    opens_at, closes_at = data.get("opens_at"), data.get("closes_at")
    now = timezone.now()
    for field, moment in (("opens_at", opens_at), ("closes_at", closes_at)):
        if moment is None:
            errors[field] = [_("Enter a date and time.")]
        elif not EARLIEST <= moment <= LATEST:
            errors[field] = [_("Enter a time between the years 2000 and 2100.")]
    if not errors.keys() & {"opens_at", "closes_at"}:
        if closes_at <= now:
            errors["closes_at"] = [conflict(_("Voting must close in the future."))]
        elif closes_at <= opens_at:
            errors["closes_at"] = [_("Voting must close after it opens.")]
    if errors:
        raise ValidationError(errors)
    vote = Vote(
        community=community,
        title=title,
        description=(data.get("description") or "").strip(),
        matter=data["matter"],
        secret=bool(data.get("secret", False)),
        opens_at=opens_at,
        closes_at=closes_at,
        created_by=actor,
    )
    vote.full_clean()
    vote.save()
    audit.record(
        actor=actor,
        action="vote.create",
        obj=vote,
        changes={
            "matter": [None, vote.matter],
            "opens_at": [None, vote.opens_at.isoformat()],
            "closes_at": [None, vote.closes_at.isoformat()],
        },
    )
    if vote.opens_at <= now:
        _freeze_electorate(vote, now)
    return vote


@transaction.atomic
def vote_open(*, actor, vote: Vote) -> Vote:
    """Open voting now (or, past its opening time, freeze the electorate if not done yet)."""
    policy.require_perm(actor, "vote.manage", vote.community_id)
    vote = _locked(vote)
    now = timezone.now()
    if vote.status_at(now) == VoteStatus.CLOSED:
        raise ValidationError(_("This vote has closed."))
    if vote.opens_at > now:
        vote.opens_at = now
        vote.save(update_fields=["opens_at"])
        audit.record(
            actor=actor, action="vote.open", obj=vote, changes={"opens_at": [None, now.isoformat()]}
        )
    if vote.electorate_frozen_at is None:
        _freeze_electorate(vote, now)
    return vote


@transaction.atomic
def vote_close(*, actor, vote: Vote) -> Vote:
    """Close voting now. The current ballots become the final result."""
    policy.require_perm(actor, "vote.manage", vote.community_id)
    vote = _locked(vote)
    now = timezone.now()
    status = vote.status_at(now)
    if status == VoteStatus.DRAFT:
        raise ValidationError(_("This vote has not opened yet."))
    if status == VoteStatus.CLOSED:
        raise ValidationError(_("This vote has closed."))
    if vote.electorate_frozen_at is None:
        _freeze_electorate(vote, now)
    vote.closes_at = now
    vote.save(update_fields=["closes_at"])
    audit.record(
        actor=actor, action="vote.close", obj=vote, changes={"closes_at": [None, now.isoformat()]}
    )
    return vote


def votes_open_due() -> int:
    """Freeze the electorate of every vote whose opening time has passed; returns how many."""
    opened = 0
    for vote in queries.open_votes_due():
        with transaction.atomic():
            vote = _locked(vote)
            if vote.electorate_frozen_at is None:
                _freeze_electorate(vote, timezone.now())
                opened += 1
    return opened


def _channel_for(actor, vote: Vote, unit: Unit) -> str:
    """An owner votes for their own home in the portal; the office records paper ballots."""
    if unit.pk in owned_unit_ids(actor):
        return Channel.PORTAL
    if policy.has_perm(actor, "vote.record_ballot", vote.community_id):
        return Channel.PAPER
    raise PermissionDenied(_("Only an owner of this home may vote for it."))


@transaction.atomic
def ballot_cast(*, actor, vote: Vote, unit: Unit, choice: str) -> Ballot:
    """Cast or change the ballot of a home. The last ballot before closing counts."""
    if unit.community_id != vote.community_id:
        raise ValidationError({"unit": [not_found(_("Choose a home of this community."))]})
    channel = _channel_for(actor, vote, unit)
    if choice not in Choice.values:
        raise ValidationError({"choice": [_("Choose for, against or abstain.")]})
    vote = _locked(vote)
    now = timezone.now()
    status = vote.status_at(now)
    if status == VoteStatus.DRAFT:
        raise ValidationError(_("Voting opens at %(when)s.") % {"when": _when(vote.opens_at)})
    if status == VoteStatus.CLOSED:
        raise conflict(_("Voting closed at %(when)s.") % {"when": _when(vote.closes_at)})
    if vote.electorate_frozen_at is None:
        _freeze_electorate(vote, now)
    if not ElectorateHome.objects.filter(vote=vote, unit=unit).exists():
        raise ValidationError(
            {"unit": [_("This home was not in the register when voting opened.")]}
        )
    previous = Ballot.objects.select_for_update().filter(vote=vote, unit=unit, is_current=True)
    previous = previous.first()
    if previous is not None:
        previous.is_current = False
        previous.save(update_fields=["is_current"])
    ballot = Ballot.objects.create(
        vote=vote, unit=unit, choice=choice, channel=channel, cast_by=actor, cast_at=now
    )
    if previous is not None:
        previous.superseded_by = ballot
        previous.save(update_fields=["superseded_by"])
    changes: dict[str, list] = {"unit": [None, unit.label], "channel": [None, channel]}
    if not vote.secret:
        changes["choice"] = [previous.choice if previous else None, choice]
    audit.record(
        actor=actor,
        action="ballot.change" if previous else "ballot.cast",
        obj=ballot,
        changes=changes,
    )
    return ballot
