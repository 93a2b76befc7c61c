"""The posts on the home page: the guard's own post and next patrol, the supervisor's gaps."""

import time_machine
from django.urls import reverse

from wuye.security.patrols.models import PatrolPlan, Route, TaskStatus
from wuye.security.patrols.services import tasks_generate

from .fixtures import DAY, at, board_site


def _home(client, user, community):
    client.force_login(user)
    return client.get(reverse("estates:overview", args=[community.pk]))


def _panel(page, key):
    return next(p for p in page.context["panels"] if p["key"] == key)


def test_a_guard_sees_their_post_and_next_patrol_to_walk(client, site):
    board = board_site(site)
    route = Route.objects.create(community=site.community, name="外围巡逻")
    PatrolPlan.objects.create(
        route=route,
        post=board["posts"]["pedestrian-gate"],
        shift=board["shifts"]["day"],
        start_offsets="60,240",
    )
    with time_machine.travel(at(DAY, 8), tick=False):
        tasks = tasks_generate(site.community, DAY)
    first, second = sorted(tasks, key=lambda t: t.starts_at)
    first.status = TaskStatus.DONE
    first.save()
    with time_machine.travel(at(DAY, 10), tick=False):
        page = _home(client, site.guard, site.community)
    panel = _panel(page, "my_post")
    assert panel["duty"].post.code == "pedestrian-gate"
    assert panel["patrol"] == second
    html = page.content.decode()
    assert reverse("security:patrol_task", args=[site.community.pk, second.pk]) in html
    # off duty: their next shift instead
    with time_machine.travel(at(DAY, 17), tick=False):
        page = _home(client, site.guard, site.community)
    assert _panel(page, "my_post")["duty"] is None
    assert 'data-panel="my_post"' in page.content.decode()


def test_the_supervisor_sees_the_gaps_now(client, site):
    board_site(site)
    with time_machine.travel(at(DAY, 10), tick=False):
        page = _home(client, site.users["security"], site.community)
    keys = [p["key"] for p in page.context["panels"]]
    assert "post_gaps" in keys and "my_post" not in keys
    gaps = {row.post.code: row.gaps for row in _panel(page, "post_gaps")["gaps"]}
    assert gaps == {
        "patrol": ["under"],
        "control-centre": ["uncertified"],
        "vehicle-gate": ["nobody"],
    }
    assert 'data-panel="post_gaps"' in page.content.decode()


def test_the_guard_lands_on_the_board_with_their_post_and_work_at_its_head(client, site):
    board = board_site(site)
    client.force_login(site.guard)
    with time_machine.travel(at(DAY, 10), tick=False):
        page = client.get(reverse("home"), follow=True)
    assert page.request["PATH_INFO"] == reverse("security:post_board", args=[site.community.pk])
    assert page.context["mine"]["duty"].post == board["posts"]["pedestrian-gate"]
    html = page.content.decode()
    mine = html[html.index('data-panel="my_post"') : html.index('data-list="posts"')]
    for name in ("security:gate", "security:incident_report", "security:handover_mine"):
        assert reverse(name, args=[site.community.pk]) in mine
    # the supervisor reads the same board without a post of their own at its head
    client.force_login(site.manager)
    with time_machine.travel(at(DAY, 10), tick=False):
        page = client.get(reverse("security:post_board", args=[site.community.pk]))
    assert page.context["mine"] is None and 'data-panel="my_post"' not in page.content.decode()
