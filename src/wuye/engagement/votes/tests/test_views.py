"""Vote pages: staff follow the tally and record paper ballots; owners vote in the portal."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from wuye.engagement.models import Ballot, Vote
from wuye.engagement.votes import services
from wuye.estates.models import Relation
from wuye.testing import factories as f


@pytest.fixture
def vote(site):
    now = timezone.now()
    return services.vote_create(
        actor=site.manager,
        community=site.community,
        data={
            "title": "Install charging points",
            "matter": "major",
            "opens_at": now,
            "closes_at": now + timedelta(days=7),
        },
    )


def staff_url(site, name, *args):
    return reverse(f"engagement:{name}", args=[site.community.pk, *args])


def close(vote):
    now = timezone.now()
    Vote.objects.filter(pk=vote.pk).update(
        opens_at=now - timedelta(days=1), closes_at=now - timedelta(seconds=1)
    )


# ---- staff -------------------------------------------------------------------------------


def test_manager_puts_a_question_from_the_form(client, site):
    client.force_login(site.manager)
    response = client.post(
        staff_url(site, "vote_new"),
        {
            "title": "Repaint the stairwells",
            "matter": "ordinary",
            "opens_at": "2030-03-01T09:00",
            "closes_at": "2030-03-15T18:00",
        },
    )
    vote = Vote.objects.get()
    assert response.status_code == 302
    assert response["Location"] == staff_url(site, "vote", vote.pk)
    assert vote.status == "draft"


def test_the_form_shows_what_is_wrong_next_to_the_field(client, site):
    client.force_login(site.manager)
    response = client.post(
        staff_url(site, "vote_new"),
        {
            "title": "Repaint",
            "matter": "ordinary",
            "opens_at": "2030-03-15T09:00",
            "closes_at": "2030-03-01T18:00",
        },
    )
    assert response.status_code == 200
    assert response.context["form"].errors["closes_at"] == ["Voting must close after it opens."]


def test_front_desk_follows_the_live_tally_and_records_a_paper_ballot(client, site, vote):
    client.force_login(site.frontdesk)
    response = client.post(
        staff_url(site, "paper_ballot", vote.pk), {"home": "1-2-502", "choice": "against"}
    )
    assert response.status_code == 302
    ballot = Ballot.objects.get()
    assert (ballot.unit, ballot.channel, ballot.choice) == (
        site.units["owner2_home"],
        "paper",
        "against",
    )
    page = client.get(staff_url(site, "vote", vote.pk))
    html = page.content.decode()
    assert "Live tally" in html
    assert "1 / 4" in html
    assert "Record a paper ballot" in html
    assert "Close voting now" not in html


def test_a_paper_ballot_for_an_unknown_home_says_so(client, site, vote):
    client.force_login(site.frontdesk)
    response = client.post(
        staff_url(site, "paper_ballot", vote.pk), {"home": "9-9-909", "choice": "for"}, follow=True
    )
    assert "No home of this community has that number." in response.content.decode()
    assert not Ballot.objects.exists()


def test_a_secret_vote_hides_each_homes_choice_from_staff(client, site):
    now = timezone.now()
    secret = services.vote_create(
        actor=site.manager,
        community=site.community,
        data={
            "title": "Elect the committee",
            "matter": "ordinary",
            "secret": True,
            "opens_at": now,
            "closes_at": now + timedelta(days=1),
        },
    )
    services.ballot_cast(
        actor=site.owner, vote=secret, unit=site.units["owner_home"], choice="against"
    )
    client.force_login(site.manager)
    html = client.get(staff_url(site, "vote", secret.pk)).content.decode()
    assert "1-1-101" in html
    assert "Against</td>" not in html


def test_manager_closes_voting_and_the_result_is_final(client, site, vote):
    client.force_login(site.manager)
    client.post(staff_url(site, "vote_close", vote.pk))
    vote.refresh_from_db()
    assert vote.status == "closed"
    html = client.get(staff_url(site, "vote", vote.pk)).content.decode()
    assert "Final result" in html
    assert "Not passed" in html


@pytest.mark.parametrize("who", ["guard", "electrician", "owner", "other_manager"])
def test_people_outside_the_office_cannot_open_the_vote_pages(client, site, vote, who):
    client.force_login(getattr(site, who))
    assert client.get(staff_url(site, "votes")).status_code == 403
    assert client.get(staff_url(site, "vote", vote.pk)).status_code == 403


def test_front_desk_cannot_put_or_close_a_vote(client, site, vote):
    client.force_login(site.frontdesk)
    assert client.get(staff_url(site, "vote_new")).status_code == 403
    assert client.post(staff_url(site, "vote_close", vote.pk)).status_code == 403
    vote.refresh_from_db()
    assert vote.status == "open"


def test_the_staff_pages_take_the_same_queries_however_many_votes_and_ballots(client, site, vote):
    services.ballot_cast(actor=site.owner, vote=vote, unit=site.units["owner_home"], choice="for")
    client.force_login(site.frontdesk)
    urls = [staff_url(site, "votes"), staff_url(site, "vote", vote.pk)]
    for url in urls:
        client.get(url)

    def counts():
        found = []
        for url in urls:
            with CaptureQueriesContext(connection) as queries:
                assert client.get(url).status_code == 200
            found.append(len(queries))
        return found

    before = counts()
    for n in range(3):
        services.vote_create(
            actor=site.manager,
            community=site.community,
            data={
                "title": f"Question {n}",
                "matter": "ordinary",
                "opens_at": timezone.now(),
                "closes_at": timezone.now() + timedelta(days=2),
            },
        )
    for home, who in (("owner_home", "owner"), ("owner2_home", "owner2"), ("owner_home", "owner")):
        services.ballot_cast(
            actor=getattr(site, who), vote=vote, unit=site.units[home], choice="for"
        )
    assert counts() == before


# ---- portal ------------------------------------------------------------------------------

PORTAL = reverse("engagement_portal:votes")


def test_owner_sees_the_open_vote_and_votes_for_their_home(client, site, vote):
    client.force_login(site.owner)
    assert vote.title in client.get(PORTAL).content.decode()
    url = reverse("engagement_portal:vote", args=[vote.pk])
    page = client.get(url)
    assert [h["unit"] for h in page.context["homes"]] == [site.units["owner_home"]]
    client.post(url, {"unit": site.units["owner_home"].pk, "choice": "for"})
    client.post(url, {"unit": site.units["owner_home"].pk, "choice": "abstain"})
    assert Ballot.objects.get(is_current=True).choice == "abstain"
    html = client.get(url).content.decode()
    assert "Change my ballot" in html
    assert "The result is published when voting closes." in html


def test_an_owner_of_two_homes_votes_for_each(client, site, vote):
    second = f.UnitFactory(building=site.buildings[1], number="1101")
    f.ResidencyFactory(unit=second, resident=site.residents["owner"], relation=Relation.OWNER)
    client.force_login(site.owner)
    page = client.get(reverse("engagement_portal:vote", args=[vote.pk]))
    assert len(page.context["homes"]) == 2


def test_owner_cannot_vote_for_a_neighbours_home_from_the_portal(client, site, vote):
    client.force_login(site.owner)
    url = reverse("engagement_portal:vote", args=[vote.pk])
    response = client.post(url, {"unit": site.units["owner2_home"].pk, "choice": "for"})
    assert response.status_code == 403
    assert not Ballot.objects.exists()


def test_tenant_sees_no_votes(client, site, vote):
    client.force_login(site.tenant)
    assert vote.title not in client.get(PORTAL).content.decode()
    assert client.get(reverse("engagement_portal:vote", args=[vote.pk])).status_code == 404


def test_owner_sees_the_result_after_closing_and_can_no_longer_vote(client, site, vote):
    services.ballot_cast(actor=site.owner, vote=vote, unit=site.units["owner_home"], choice="for")
    close(vote)
    client.force_login(site.owner)
    url = reverse("engagement_portal:vote", args=[vote.pk])
    html = client.get(url).content.decode()
    assert "Result" in html
    assert "Not passed" in html
    assert "Cast my ballot" not in html
    refused = client.post(
        url, {"unit": site.units["owner_home"].pk, "choice": "against"}, follow=True
    )
    assert "Voting closed at" in refused.content.decode()
    assert Ballot.objects.get().choice == "for"


def test_the_portal_pages_take_the_same_queries_however_many_votes(client, site, vote):
    client.force_login(site.owner)
    detail = reverse("engagement_portal:vote", args=[vote.pk])
    client.get(PORTAL)
    with CaptureQueriesContext(connection) as few_list:
        client.get(PORTAL)
    with CaptureQueriesContext(connection) as few_detail:
        client.get(detail)
    for n in range(3):
        services.vote_create(
            actor=site.manager,
            community=site.community,
            data={
                "title": f"Question {n}",
                "matter": "ordinary",
                "opens_at": timezone.now(),
                "closes_at": timezone.now() + timedelta(days=2),
            },
        )
    services.ballot_cast(actor=site.owner, vote=vote, unit=site.units["owner_home"], choice="for")
    with CaptureQueriesContext(connection) as many_list:
        client.get(PORTAL)
    with CaptureQueriesContext(connection) as many_detail:
        client.get(detail)
    assert len(many_list) == len(few_list)
    assert len(many_detail) == len(few_detail)


def test_the_admin_lists_votes_and_ballots_but_not_a_secret_votes_choices(client, site, vote):
    services.ballot_cast(actor=site.owner, vote=vote, unit=site.units["owner_home"], choice="for")
    client.force_login(site.admin)
    assert vote.title in client.get(reverse("admin:engagement_vote_changelist")).content.decode()
    ballots = reverse("admin:engagement_ballot_changelist")
    assert "1-1-101" in client.get(ballots).content.decode()
    Vote.objects.filter(pk=vote.pk).update(secret=True)
    assert "1-1-101" not in client.get(ballots).content.decode()
    assert client.get(reverse("admin:engagement_vote_add")).status_code == 403


# ---- a start in the past, and no result before voting starts -------------------------------

SAVED_AT = datetime(2030, 3, 1, 10, 0, tzinfo=ZoneInfo("Asia/Shanghai"))
PAST_START = {
    "title": "Repaint the stairwells",
    "matter": "ordinary",
    "opens_at": "2030-03-01T09:00",
    "closes_at": "2030-03-15T18:00",
}


def test_a_start_in_the_past_asks_for_confirmation_before_opening_at_once(client, site):
    with time_machine.travel(SAVED_AT, tick=False):
        client.force_login(site.manager)
        first = client.post(staff_url(site, "vote_new"), PAST_START)
        assert first.status_code == 200
        assert not Vote.objects.exists()
        assert "has passed" in first.context["form"].errors["open_now"][0]
        assert 'type="checkbox" name="open_now"' in first.text
        confirmed = client.post(staff_url(site, "vote_new"), {**PAST_START, "open_now": "on"})
        vote = Vote.objects.get()
        assert confirmed["Location"] == staff_url(site, "vote", vote.pk)
        assert vote.status == "open"
        assert vote.electorate_frozen_at == SAVED_AT


def test_a_start_in_the_future_needs_no_confirmation(client, site):
    with time_machine.travel(SAVED_AT, tick=False):
        client.force_login(site.manager)
        page = client.get(staff_url(site, "vote_new"))
        assert 'type="checkbox" name="open_now"' not in page.text
        saved = client.post(
            staff_url(site, "vote_new"), {**PAST_START, "opens_at": "2030-03-02T09:00"}
        )
    assert saved.status_code == 302
    assert Vote.objects.get().status_at(SAVED_AT) == "draft"


def test_no_result_is_shown_before_voting_starts(client, site):
    with time_machine.travel(SAVED_AT, tick=False) as clock:
        vote = services.vote_create(
            actor=site.manager,
            community=site.community,
            data={
                "title": "Install charging points",
                "matter": "major",
                "opens_at": SAVED_AT + timedelta(days=1),
                "closes_at": SAVED_AT + timedelta(days=8),
            },
        )
        client.force_login(site.manager)
        before = client.get(staff_url(site, "vote", vote.pk))
        assert 'id="no-result-yet"' in before.text
        assert "data-explanation" not in before.text
        assert "Not passed" not in before.text
        clock.shift(timedelta(days=1))
        started = client.get(staff_url(site, "vote", vote.pk))
    assert 'id="no-result-yet"' not in started.text
    assert "data-explanation" in started.text
