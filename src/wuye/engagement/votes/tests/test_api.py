"""The votes API, as its contract says: create, ballots, result; and who may do what."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from wuye.engagement.models import Vote
from wuye.testing.api import bearer


def post(client, user, url, body):
    return client.post(url, body, content_type="application/json", headers=bearer(user))


def get(client, user, url):
    return client.get(url, headers=bearer(user))


def create(client, site, matter="ordinary", **more):
    now = timezone.now()
    body = {
        "community_id": site.community.pk,
        "title": "Rent the clubhouse terrace to a café",
        "matter": matter,
        "opens_at": (now - timedelta(minutes=1)).isoformat(),
        "closes_at": (now + timedelta(days=7)).isoformat(),
        **more,
    }
    response = post(client, site.manager, "/api/v1/votes", body)
    assert response.status_code == 201, response.content
    return response.json()


def ballot(client, user, vote_id, unit, choice="for"):
    return post(
        client, user, f"/api/v1/votes/{vote_id}/ballots", {"unit_id": unit.pk, "choice": choice}
    )


def test_manager_creates_a_vote_and_gets_its_id(client, site):
    vote = create(client, site, matter="major")
    assert vote["id"] == Vote.objects.get().pk
    assert vote["matter"] == "major"
    assert vote["status"] == "open"


def test_times_without_a_zone_are_read_in_the_communitys_time(client, site):
    vote = create(client, site, opens_at="2030-05-01T09:00:00", closes_at="2030-05-08T18:00:00")
    assert vote["opens_at"].startswith("2030-05-01T09:00:00+08:00")
    assert vote["status"] == "draft"


def test_the_result_follows_the_contract_with_areas_as_decimal_strings(client, site):
    vote = create(client, site)
    u = site.units
    assert ballot(client, site.owner, vote["id"], u["owner_home"]).status_code == 201
    assert ballot(client, site.owner2, vote["id"], u["owner2_home"], "against").status_code == 201
    assert ballot(client, site.frontdesk, vote["id"], u["tenant_home"]).status_code == 201
    result = get(client, site.manager, f"/api/v1/votes/{vote['id']}/result").json()
    assert result["eligible_area"] == "394.00"
    assert result["eligible_owners"] == 4
    assert result["participating_area"] == "295.50"
    assert result["participating_owners"] == 3
    assert result["for_area"] == "197.00"
    assert result["for_owners"] == 2
    assert result["quorum_met"] is True
    assert result["passed"] is True
    assert "Passed" in result["explanation"]


def test_the_explanation_is_translated(client, site):
    vote = create(client, site)
    response = client.get(
        f"/api/v1/votes/{vote['id']}/result",
        headers={**bearer(site.manager), "Accept-Language": "zh-hans"},
    )
    assert response.status_code == 200


def test_list_and_detail_show_the_vote_to_staff_and_owners_of_the_community(client, site):
    vote = create(client, site)
    for user in (site.manager, site.frontdesk, site.owner):
        listed = get(client, user, f"/api/v1/votes?community_id={site.community.pk}").json()
        assert [v["id"] for v in listed["items"]] == [vote["id"]]
        assert get(client, user, f"/api/v1/votes/{vote['id']}").status_code == 200
    for user in (site.tenant, site.other_manager, site.guard):
        assert get(client, user, "/api/v1/votes").json()["items"] == []
        assert get(client, user, f"/api/v1/votes/{vote['id']}").status_code == 404


def test_a_tenant_cannot_vote(client, site):
    vote = create(client, site)
    response = ballot(client, site.tenant, vote["id"], site.units["tenant_home"])
    assert response.status_code == 404


def test_an_owner_cannot_vote_for_a_neighbours_home(client, site):
    vote = create(client, site)
    response = ballot(client, site.owner, vote["id"], site.units["owner2_home"])
    assert response.status_code == 403
    assert response.json()["detail"] == "Only an owner of this home may vote for it."


def test_a_ballot_after_closing_is_refused_with_a_clear_error(client, site):
    vote = create(client, site)
    Vote.objects.filter(pk=vote["id"]).update(closes_at=timezone.now() - timedelta(seconds=1))
    response = ballot(client, site.owner, vote["id"], site.units["owner_home"])
    assert response.status_code == 409
    assert response.json()["errors"]["__all__"][0].startswith("Voting closed at")


def test_a_home_of_another_community_is_refused_naming_the_field(client, site):
    vote = create(client, site)
    response = ballot(client, site.frontdesk, vote["id"], site.units["other_home"])
    assert response.status_code == 404
    assert "unit_id" in response.json()["errors"]


def test_owners_see_the_result_only_once_voting_has_closed(client, site):
    vote = create(client, site)
    url = f"/api/v1/votes/{vote['id']}/result"
    assert get(client, site.owner, url).status_code == 403
    Vote.objects.filter(pk=vote["id"]).update(closes_at=timezone.now() - timedelta(seconds=1))
    assert get(client, site.owner, url).status_code == 200


@pytest.mark.parametrize(
    ("change", "field", "status"),
    [
        ({"matter": "urgent"}, "matter", 422),
        ({"title": ""}, "title", 422),
        ({"closes_at": "2001-01-01T00:00:00+08:00"}, "closes_at", 409),  # already past
        ({"opens_at": "0001-01-01T00:00:00"}, "opens_at", 400),
        ({"community_id": 10**9}, "community_id", 404),
    ],
)
def test_bad_input_is_refused_naming_the_field(client, site, change, field, status):
    now = timezone.now()
    body = {
        "community_id": site.community.pk,
        "title": "Paint the fences",
        "matter": "ordinary",
        "opens_at": now.isoformat(),
        "closes_at": (now + timedelta(days=1)).isoformat(),
        **change,
    }
    response = post(client, site.manager, "/api/v1/votes", body)
    assert response.status_code == status
    assert field in response.json()["errors"]
    assert not Vote.objects.exists()


def test_the_result_takes_the_same_queries_however_many_ballots(client, site):
    vote = create(client, site)
    url = f"/api/v1/votes/{vote['id']}/result"
    headers = bearer(site.manager)
    client.get(url, headers=headers)
    with CaptureQueriesContext(connection) as before:
        client.get(url, headers=headers)
    for home in ("owner_home", "owner2_home", "tenant_home", "vacant_home"):
        ballot(client, site.frontdesk, vote["id"], site.units[home])
    with CaptureQueriesContext(connection) as after:
        assert client.get(url, headers=headers).json()["participating_owners"] == 4
    assert len(after) == len(before) <= 8


def test_a_vote_not_yet_open_has_no_result(client, site):
    opens = timezone.now() + timedelta(days=1)
    vote = create(
        client, site, opens_at=opens.isoformat(), closes_at=(opens + timedelta(days=7)).isoformat()
    )
    response = get(client, site.manager, f"/api/v1/votes/{vote['id']}/result")
    assert response.status_code == 409
    assert "passed" not in response.json()
    Vote.objects.filter(pk=vote["id"]).update(opens_at=timezone.now() - timedelta(seconds=1))
    assert get(client, site.manager, f"/api/v1/votes/{vote['id']}/result").status_code == 200
