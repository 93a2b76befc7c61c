"""The demo's year of notices, owners' votes and published service reports."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from django.db import transaction

from wuye.demo.engagement import NOTICES, VOTES, engagement_demo_load
from wuye.engagement.models import Ballot, Notice, NoticeRead, PublishedReport, Vote
from wuye.engagement.notices.queries import notice_reach
from wuye.engagement.votes.queries import vote_tally
from wuye.testing import factories as f
from wuye.testing.people import build_site


@pytest.fixture(scope="module")
def loaded(django_db_setup, django_db_blocker):
    """The test community with more homes and owners, loaded once; rolled back after."""
    with django_db_blocker.unblock(), transaction.atomic():
        site = build_site()
        for n in range(30):
            unit = f.UnitFactory(
                building=site.buildings[n % 2], entrance="3", number=f"{n + 1:03d}"
            )
            f.ResidencyFactory(
                unit=unit, resident=f.ResidentFactory(community=site.community), relation="owner"
            )
        counts = engagement_demo_load(site.community)
        yield SimpleNamespace(site=site, counts=counts)
        transaction.set_rollback(True)


def test_a_year_of_notices_with_the_votes_announced_and_their_results(loaded, db):
    counts = loaded.counts
    assert counts["notices"] == len(NOTICES) + 2 * len(VOTES)
    notices = Notice.objects.filter(community=loaded.site.community)
    assert notices.count() == counts["notices"]
    assert set(notices.values_list("kind", flat=True)) == {
        "general",
        "outage",
        "emergency",
        "policy",
        "fee_publicity",
    }
    assert all(n.published_at and n.published_by_id for n in notices)
    assert notices.filter(title__contains="采暖").exists()
    spread = notices.order_by("published_at").values_list("published_at", flat=True)
    assert (spread.last() - spread.first()).days > 300


def test_a_realistic_share_of_the_portal_owners_read_each_notice(loaded, db):
    counts = loaded.counts
    # About six owners' homes in ten have a login: the featured owners and new ones.
    assert 10 <= counts["logins"] <= 26
    assert counts["reads"] == NoticeRead.objects.count()
    community_wide = Notice.objects.filter(
        community=loaded.site.community, buildings__isnull=True
    ).first()
    reach = notice_reach(community_wide)
    assert 0.2 <= reach["read"] / reach["audience"] <= 1


def test_the_ordinary_vote_passes_and_the_major_vote_fails(loaded, db):
    votes = {v.matter: v for v in Vote.objects.filter(community=loaded.site.community)}
    assert set(votes) == {"ordinary", "major"}
    assert vote_tally(votes["ordinary"]).passed
    major = vote_tally(votes["major"])
    assert major.quorum_met and not major.approved
    assert all(v.status == "closed" for v in votes.values())
    assert Ballot.objects.filter(vote__in=votes.values()).count() == loaded.counts["ballots"]
    result = Notice.objects.get(title__startswith="表决结果公告", title__contains="停车位")
    assert "表决未通过" in result.body


def test_recent_reports_are_published_and_a_second_run_changes_nothing(loaded, db):
    site = loaded.site
    assert loaded.counts["reports"] == 4
    kinds = sorted(PublishedReport.objects.filter(community=site.community).values_list("kind"))
    assert kinds == [("month",), ("month",), ("month",), ("quarter",)]
    before = [m.objects.count() for m in (Notice, NoticeRead, Vote, Ballot, PublishedReport)]
    assert engagement_demo_load(site.community) == {}
    assert [m.objects.count() for m in (Notice, NoticeRead, Vote, Ballot, PublishedReport)] == (
        before
    )
