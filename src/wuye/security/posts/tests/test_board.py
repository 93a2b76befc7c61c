"""The post board: each security post against its headcount and its certificates."""

from datetime import timedelta

import pytest
from django.urls import reverse

from wuye.security.posts import queries
from wuye.staff.organisation.models import Post

from .fixtures import DAY, at, board_site, extra_post


def _rows(site, moment):
    return {row.post.code: row for row in queries.board(site.community, moment)}


@pytest.fixture
def board(site):
    return board_site(site)


def test_a_post_with_its_headcount_of_certified_people_is_kept(site, board):
    row = _rows(site, at(DAY, 10))["pedestrian-gate"]
    assert (row.present, row.headcount, row.certified) == (2, 2, 2)
    assert row.gaps == [] and row.status == "ok"
    assert [p.user for p in row.people] == board["people"][:2]


def test_a_post_short_of_people_is_a_gap(site, board):
    row = _rows(site, at(DAY, 10))["patrol"]
    assert (row.present, row.headcount) == (1, 2)
    assert row.gaps == ["under"]


def test_the_fire_control_room_needs_each_person_certified(site, board):
    row = _rows(site, at(DAY, 10))["control-centre"]
    assert (row.present, row.headcount, row.certified) == (2, 2, 1)
    assert row.gaps == ["uncertified"]
    lacking = {p.user.username: p.missing for p in row.people}
    assert lacking == {board["people"][3].username: ["fire_facilities"], "guard5": []}


def test_the_rule_is_the_posts_data(site, board):
    Post.objects.filter(code="control-centre").update(
        headcount=1, required_certificates=["security_guard"]
    )
    row = _rows(site, at(DAY, 10))["control-centre"]
    assert row.gaps == [] and row.certified == 2


def test_a_post_nobody_stands_is_a_gap_and_one_not_kept_now_is_not(site, board):
    rows = _rows(site, at(DAY, 10))
    assert rows["vehicle-gate"].gaps == ["nobody"] and rows["vehicle-gate"].present == 0
    assert rows["sales-gate"].gaps == [] and rows["sales-gate"].status == "off"
    # front desk is not a security post
    assert "front-desk" not in rows


def test_a_night_shift_crossing_midnight(site, board):
    # the night shift 00:00–08:00 of DAY; and a 22:00–06:00 shift begun the evening before
    rows = _rows(site, at(DAY, 3))
    assert [p.user for p in rows["control-centre"].people] == [board["people"][6]]
    assert rows["control-centre"].gaps == ["under"]
    assert rows["pedestrian-gate"].status == "off"
    from wuye.staff.rosters import services as rosters
    from wuye.staff.rosters.models import ShiftKind, ShiftTemplate, week_of

    late = ShiftTemplate.objects.create(
        community=site.community,
        name="夜巡",
        code="late",
        kind=ShiftKind.SECURITY,
        starts=at(DAY, 22).time(),
        ends=at(DAY, 6).time(),
    )
    patrol = extra_post(site, "night-patrol", "夜巡岗")
    roster = rosters.roster_open(site.community, patrol, week_of(DAY))
    rosters.roster_set(
        actor=site.manager, roster=roster, user=board["people"][5], day=DAY, shift=late
    )
    rosters.roster_publish(actor=site.manager, roster=roster)
    after_midnight = at(DAY + timedelta(days=1), 2)
    row = _rows(site, after_midnight)["night-patrol"]
    assert [p.user for p in row.people] == [board["people"][5]] and row.gaps == []
    assert queries.moment_of(late, DAY) == at(DAY + timedelta(days=1), 2)
    # the next night nobody is rostered on it: a gap, the shift being one it keeps
    assert _rows(site, at(DAY + timedelta(days=2), 2))["night-patrol"].gaps == ["nobody"]


def test_the_board_page_for_a_day_and_shift(client, site, board):
    client.force_login(site.users["security"])
    url = reverse("security:post_board", args=[site.community.pk])
    page = client.get(url, {"date": DAY.isoformat(), "shift": board["shifts"]["day"].pk})
    assert page.status_code == 200
    html = page.content.decode()
    assert 'data-post="control-centre" data-status="gap"' in html
    assert 'data-missing="fire_facilities"' in html
    assert 'data-gap="nobody"' in html and 'data-gap="under"' in html
    assert 'data-gaps="3"' in html
    # a bad day falls back to now, with the reason
    page = client.get(url, {"date": "2026-13-45", "shift": "x"})
    assert page.status_code == 200 and page.context["now"]


@pytest.mark.parametrize(
    "role, status",
    [("security", 200), ("guard", 200), ("manager", 200), ("cashier", 403), ("engineer", 403)],
)
def test_who_sees_the_board(client, site, board, role, status):
    from wuye.core.models import Membership, Role
    from wuye.testing import factories as f

    client.force_login(site.users[role])
    url = reverse("security:post_board", args=[site.community.pk])
    assert client.get(url).status_code == status
    cleaner = f.UserFactory(username="cleaning-lead")
    Membership.objects.create(
        user=cleaner,
        company=site.community.company,
        community=site.community,
        role=Role.ENVIRONMENT_SUPERVISOR,
    )
    client.force_login(cleaner)
    assert client.get(url).status_code == 403


def test_the_board_page_reads_a_fixed_number_of_queries(
    client, site, board, django_assert_max_num_queries
):
    import time_machine

    client.force_login(site.users["security"])
    url = reverse("security:post_board", args=[site.community.pk])
    with time_machine.travel(at(DAY, 10), tick=False):
        client.get(url)
        with django_assert_max_num_queries(14) as few:
            client.get(url)
        for n in range(12):
            extra_post(site, f"extra-{n}", f"岗{n}", order=20 + n)
        with django_assert_max_num_queries(len(few.captured_queries)):
            page = client.get(url)
    assert page.content.decode().count("data-post=") == 5 + 12
