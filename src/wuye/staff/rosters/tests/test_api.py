"""The rosters API: a week's rosters, and who is on duty at a moment."""

from datetime import timedelta

import pytest

from wuye.staff.rosters import services
from wuye.testing.api import bearer

from .fixtures import WEEK, guards, posts_for, shifts_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def week(site):
    people, shifts, posts = guards(site), shifts_for(site.community), posts_for(site.community)
    security = site.users["security"]
    gate = services.roster_open(site.community, posts["pedestrian-gate"], WEEK)
    night = services.roster_set(
        actor=security,
        roster=gate,
        user=people[1],
        day=WEEK + timedelta(days=6),
        shift=shifts["night"],
    )
    services.roster_set(
        actor=security,
        roster=gate,
        user=people[0],
        day=WEEK + timedelta(days=6),
        shift=shifts["middle"],
    )
    services.roster_publish(actor=security, roster=gate)
    services.roster_change(actor=security, entry=night, kind="swap", covered_by=people[2])
    draft = services.roster_open(site.community, posts["control-centre"], WEEK)
    services.roster_set(actor=security, roster=draft, user=people[0], day=WEEK, shift=shifts["day"])
    return {"people": people, "security": security}


def test_a_week_lists_published_rosters_and_planners_see_drafts(client, site, week):
    url = f"/api/v1/rosters?community_id={site.community.pk}&week=2026-W51"
    guard = client.get(url, headers=bearer(site.guard)).json()
    assert [r["post"] for r in guard["items"]] == ["pedestrian-gate"]
    entries = guard["items"][0]["entries"]
    assert [(e["shift"], e["status"]) for e in entries] == [
        ("night", "swap"),
        ("middle", "rostered"),
    ]
    assert entries[0]["covered_by"] == week["people"][2].username
    assert entries[1]["ends_at"].startswith("2026-12-21T00:00:00+08:00") or entries[1][
        "ends_at"
    ].startswith("2026-12-20T16:00:00Z")
    planner = client.get(url, headers=bearer(week["security"])).json()
    assert {r["status"] for r in planner["items"]} == {"draft", "published"}
    assert planner["monday"] == "2026-12-14"


@pytest.mark.parametrize(
    "bad", ["2026-51", "2026-W54", "2026-W00", "2026-W5", "1899-W01", "2026-W5\x00"]
)
def test_a_malformed_week_is_refused(client, site, week, bad):
    answer = client.get(
        "/api/v1/rosters",
        {"community_id": site.community.pk, "week": bad},
        headers=bearer(site.guard),
    )
    assert answer.status_code == 422


def test_a_week_the_year_lacks_is_a_400(client, site, week):
    answer = client.get(
        f"/api/v1/rosters?community_id={site.community.pk}&week=2027-W53",
        headers=bearer(site.guard),
    )
    assert answer.status_code == 400 and "week" in answer.json()["errors"]


def test_another_community_is_refused(client, site, week):
    answer = client.get(
        f"/api/v1/rosters?community_id={site.other.pk}&week=2026-W51", headers=bearer(site.guard)
    )
    assert answer.status_code == 403


def test_on_duty_at_a_moment_names_the_cover_of_a_swap(client, site, week):
    base = f"/api/v1/on-duty?community_id={site.community.pk}"
    at_three = "2026-12-20T03:00:00%2B08:00"
    found = client.get(
        f"{base}&at={at_three}&post=pedestrian-gate", headers=bearer(site.guard)
    ).json()
    assert [(d["username"], d["covering"], d["covering_for"]) for d in found["items"]] == [
        (week["people"][2].username, True, week["people"][1].username)
    ]
    evening = client.get(
        f"{base}&at=2026-12-20T23:59:00%2B08:00", headers=bearer(site.guard)
    ).json()
    assert [d["shift"] for d in evening["items"]] == ["middle"]
    unknown = client.get(f"{base}&post=nowhere", headers=bearer(site.guard))
    assert unknown.status_code == 404
    assert client.get(f"{base}&post=bad%20code", headers=bearer(site.guard)).status_code == 422
    assert client.get(base, headers=bearer(site.guard)).status_code == 200


@pytest.mark.parametrize("at", ["0001-01-01T00:00:00%2B08:00", "9999-12-31T23:59:59-14:00"])
def test_a_moment_out_of_range_is_refused(client, site, week, at):
    url = f"/api/v1/on-duty?community_id={site.community.pk}&at={at}"
    assert client.get(url, headers=bearer(site.guard)).status_code in (400, 422)
