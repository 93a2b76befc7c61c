"""The post board's API: the rows at a moment, its query's limits."""

import pytest

from .fixtures import DAY, at, board_site


@pytest.fixture
def board(site):
    return board_site(site)


def _get(client, user, **query):
    client.force_login(user)
    return client.get("/api/v1/security-posts/board", query)


def test_the_board_at_a_moment(client, site, board):
    answer = _get(
        client, site.users["security"], community_id=site.community.pk, at=at(DAY, 10).isoformat()
    )
    assert answer.status_code == 200
    rows = {row["code"]: row for row in answer.json()["posts"]}
    assert rows["control-centre"]["gaps"] == ["uncertified"]
    assert rows["control-centre"]["required_certificates"] == ["security_guard", "fire_facilities"]
    lacking = [p["missing_certificates"] for p in rows["control-centre"]["people"]]
    assert sorted(lacking) == [[], ["fire_facilities"]]
    assert rows["pedestrian-gate"]["status"] == "ok" and rows["pedestrian-gate"]["present"] == 2
    assert rows["patrol"]["gaps"] == ["under"]
    assert rows["vehicle-gate"]["gaps"] == ["nobody"]
    assert rows["sales-gate"]["status"] == "off"


@pytest.mark.parametrize(
    "query",
    [
        {"community_id": "x"},
        {"community_id": "0"},
        {"community_id": "1", "at": "yesterday"},
        {"community_id": "1", "at": "1999-01-01T00:00:00"},
        {"community_id": "1", "at": "2026-12-15T10:00\x00"},
    ],
)
def test_a_malformed_query_is_refused(client, site, query):
    assert _get(client, site.manager, **query).status_code == 422


def test_a_cashier_is_refused(client, site, board):
    assert _get(client, site.cashier, community_id=site.community.pk).status_code == 403
