"""Running an owners' vote: putting the question, the frozen electorate, ballots and changes."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from wuye.core.models import AuditEntry
from wuye.engagement.models import Ballot, ElectorateHome, Vote, VoteStatus
from wuye.engagement.votes import queries, services
from wuye.estates.models import Occupancy, Relation
from wuye.testing import factories as f

from .fixtures import cast, put_vote


def test_a_vote_open_from_now_freezes_the_register_as_it_stands(site):
    vote = put_vote(site)
    assert vote.status == VoteStatus.OPEN
    assert vote.electorate_frozen_at is not None
    rows = ElectorateHome.objects.filter(vote=vote)
    assert rows.count() == 4
    assert {r.person for r in rows} == {
        f"owner:{site.residents['owner'].pk}",
        f"owner:{site.residents['owner2'].pk}",
        f"owner:{site.residents['landlord'].pk}",
        f"home:{site.units['vacant_home'].pk}",
    }


def test_a_home_added_after_opening_is_not_in_the_electorate(site):
    vote = put_vote(site)
    late = f.UnitFactory(building=site.buildings[0], entrance="3", number="601")
    owner = f.ResidentFactory(community=site.community, user=f.UserFactory(username="late"))
    f.ResidencyFactory(unit=late, resident=owner, relation=Relation.OWNER)
    assert queries.vote_tally(vote).eligible_owners == 4
    with pytest.raises(ValidationError) as error:
        services.ballot_cast(actor=owner.user, vote=vote, unit=late, choice="for")
    assert "unit" in error.value.message_dict


def test_a_later_vote_waits_with_its_electorate_until_it_opens(site):
    vote = put_vote(site, opens_in=timedelta(days=1))
    assert vote.status == VoteStatus.DRAFT
    assert vote.electorate_frozen_at is None
    services.vote_open(actor=site.manager, vote=vote)
    vote.refresh_from_db()
    assert vote.status == VoteStatus.OPEN
    assert ElectorateHome.objects.filter(vote=vote).count() == 4


def test_the_periodic_sweep_freezes_votes_whose_time_has_come(site):
    vote = put_vote(site, opens_in=timedelta(days=1))
    Vote.objects.filter(pk=vote.pk).update(opens_at=timezone.now() - timedelta(minutes=1))
    assert services.votes_open_due() == 1
    assert services.votes_open_due() == 0
    assert ElectorateHome.objects.filter(vote=vote).count() == 4


def test_unsold_homes_are_the_developers_one_person(site):
    f.UnitFactory(building=site.buildings[1], number="901", occupancy=Occupancy.UNSOLD)
    f.UnitFactory(building=site.buildings[1], number="902", occupancy=Occupancy.UNSOLD)
    result = queries.vote_tally(put_vote(site))
    assert result.eligible_owners == 5
    assert result.eligible_area == Decimal("98.50") * 6


@pytest.mark.parametrize(
    ("field", "data"),
    [
        ("title", {"title": "  "}),
        ("matter", {"matter": "urgent"}),
        ("closes_at", {"closes_at": timezone.now() - timedelta(days=1)}),
        ("opens_at", {"opens_at": None}),
    ],
)
def test_a_vote_without_what_it_needs_is_refused_naming_the_field(site, field, data):
    now = timezone.now()
    base = {
        "title": "Paint the fences",
        "matter": "ordinary",
        "opens_at": now,
        "closes_at": now + timedelta(days=3),
    }
    with pytest.raises(ValidationError) as error:
        services.vote_create(actor=site.manager, community=site.community, data={**base, **data})
    assert field in error.value.message_dict
    assert not Vote.objects.exists()


def test_closing_before_opening_is_refused(site):
    now = timezone.now()
    with pytest.raises(ValidationError) as error:
        services.vote_create(
            actor=site.manager,
            community=site.community,
            data={
                "title": "x",
                "matter": "major",
                "opens_at": now + timedelta(days=5),
                "closes_at": now + timedelta(days=2),
            },
        )
    assert "closes_at" in error.value.message_dict


@pytest.mark.parametrize("who", ["frontdesk", "owner", "other_manager", "electrician"])
def test_only_managers_put_questions_to_the_owners(site, who):
    with pytest.raises(PermissionDenied):
        services.vote_create(
            actor=getattr(site, who),
            community=site.community,
            data={
                "title": "x",
                "matter": "ordinary",
                "opens_at": timezone.now(),
                "closes_at": timezone.now() + timedelta(days=1),
            },
        )


def test_an_owner_votes_for_their_home_in_the_portal(site):
    ballot = cast(site, put_vote(site), "owner", "owner_home")
    assert ballot.channel == "portal"
    assert ballot.is_current


def test_a_tenant_cannot_vote(site):
    with pytest.raises(PermissionDenied):
        cast(site, put_vote(site), "tenant", "tenant_home")


def test_an_owner_cannot_vote_for_a_neighbours_home(site):
    with pytest.raises(PermissionDenied):
        cast(site, put_vote(site), "owner", "owner2_home")


def test_the_front_desk_records_a_paper_ballot_for_any_home(site):
    ballot = cast(site, put_vote(site), "frontdesk", "owner2_home", "against")
    assert ballot.channel == "paper"
    assert ballot.cast_by == site.frontdesk


def test_ballots_before_opening_and_after_closing_are_refused(site):
    later = put_vote(site, opens_in=timedelta(days=1))
    with pytest.raises(ValidationError, match="Voting opens at"):
        cast(site, later, "owner", "owner_home")
    vote = put_vote(site)
    Vote.objects.filter(pk=vote.pk).update(
        opens_at=timezone.now() - timedelta(days=2), closes_at=timezone.now() - timedelta(days=1)
    )
    vote.refresh_from_db()
    with pytest.raises(ValidationError, match="Voting closed at"):
        cast(site, vote, "owner", "owner_home")
    assert not Ballot.objects.exists()


def test_a_changed_ballot_replaces_the_old_one_which_is_kept_and_audited(site):
    vote = put_vote(site)
    first = cast(site, vote, "owner", "owner_home", "for")
    second = cast(site, vote, "owner", "owner_home", "against")
    first.refresh_from_db()
    assert not first.is_current and first.superseded_by == second
    assert second.is_current
    assert queries.current_choices(vote) == {site.units["owner_home"].pk: "against"}
    actions = list(
        AuditEntry.objects.filter(object_type="engagement.ballot")
        .order_by("at", "pk")
        .values_list("action", "changes")
    )
    assert [a for a, _ in actions] == ["ballot.cast", "ballot.change"]
    assert actions[1][1]["choice"] == ["for", "against"]


def test_a_secret_ballot_leaves_the_choice_out_of_the_audit_trail(site):
    vote = put_vote(site, secret=True)
    cast(site, vote, "owner", "owner_home", "against")
    entry = AuditEntry.objects.get(object_type="engagement.ballot")
    assert "choice" not in entry.changes


def test_the_last_ballot_before_closing_counts(site):
    vote = put_vote(site)
    cast(site, vote, "owner", "owner_home", "against")
    cast(site, vote, "owner2", "owner2_home", "for")
    cast(site, vote, "frontdesk", "tenant_home", "for")
    cast(site, vote, "owner", "owner_home", "for")
    services.vote_close(actor=site.manager, vote=vote)
    vote.refresh_from_db()
    assert vote.status == VoteStatus.CLOSED
    result = queries.vote_tally(vote)
    # 3 of 4 owners, 3 × 98.50 of 4 × 98.50: quorum met, all agree.
    assert result.participating_owners == 3
    assert result.for_area == Decimal("295.50")
    assert result.passed
    with pytest.raises(ValidationError):
        cast(site, vote, "owner", "owner_home", "against")
