"""The owner's portal home is a hub: what is owed and how to pay, open requests with their
state, open votes and surveys, unread notices and coming events — each of the owner's own
homes and communities only, at the same cost however much there is."""

from __future__ import annotations

from datetime import timedelta

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from wuye.billing.tests.fixtures import billed_home
from wuye.engagement.community_life.tests.fixtures import announce
from wuye.engagement.notices import services as notices
from wuye.engagement.surveys.tests.fixtures import make_survey
from wuye.engagement.votes.tests.fixtures import put_vote
from wuye.servicedesk.tests.fixtures import home_people, submit

HUB = reverse("portal:home")


def _hub(client, user, language="en") -> str:
    client.force_login(user)
    response = client.get(HUB, HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 200
    return response.content.decode()


def _panel(html: str, key: str) -> str:
    return html.split(f'data-panel="{key}"', 1)[1].split("</section>", 1)[0]


def _notice(site, title: str):
    written = notices.notice_save(
        actor=site.frontdesk,
        community=site.community,
        data={"kind": "general", "title": title, "body": "Text.", "buildings": []},
    )
    return notices.notice_publish(actor=site.manager, notice=written)


def _owner2(site) -> dict:
    return {**home_people(site), "owner": site.owner2, "unit": site.units["owner2_home"]}


def _life(site, n: int = 1) -> None:
    """Bills for every home, a request from each owner, and `n` of each of the engagement
    items for the community."""
    for _ in range(n):
        submit(site, at=timezone.now(), description="Kitchen tap drips")
        submit(site, at=timezone.now(), people=_owner2(site), description="Neighbour's lift")
        put_vote(site, title="Repaint the railings")
        make_survey(site, title="Spring survey")
        _notice(site, "Water off on Friday")
        announce(site, title="Lantern riddles")


def test_the_owner_sees_what_is_owed_and_how_to_pay_at_the_service_center(client, site):
    billed_home(site.units["owner_home"], site.manager)
    site.community.service_phone = "0991-1234567"
    site.community.save()

    owed = _panel(_hub(client, site.owner), "owed")

    assert 'data-home="1-1-101"' in owed and "text-danger owed" in owed
    assert "How to pay" in owed
    assert 'href="tel:0991-1234567"' in owed
    assert reverse("billing_portal:bills") in owed


def test_the_hub_shows_open_requests_votes_surveys_unread_notices_and_events(client, site):
    _life(site)

    html = _hub(client, site.owner, "zh-hans")

    assert "Kitchen tap drips" not in html  # a request shows by its kind and state
    requests = _panel(html, "requests")
    assert "已提交" in requests
    assert reverse("servicedesk_portal:new") in requests
    assert "Repaint the railings" in _panel(html, "votes")
    assert "Spring survey" in _panel(html, "surveys")
    assert "Water off on Friday" in _panel(html, "notices")
    assert "Lantern riddles" in _panel(html, "events")


def test_the_hub_shows_nothing_of_another_owners_home(client, site):
    billed_home(site.units["owner_home"], site.manager)
    mine = submit(site, at=timezone.now())
    theirs = submit(site, at=timezone.now(), people=_owner2(site))

    html = _hub(client, site.owner)

    assert mine.number in html
    assert theirs.number not in html
    assert "1-2-502" not in html
    other = _hub(client, site.owner2)
    assert theirs.number in other and mine.number not in other
    assert 'data-home="1-1-101"' not in other


def test_a_read_notice_and_a_past_event_leave_the_hub(client, site):
    notice = _notice(site, "Lift service")
    announce(site, title="Last year's fair", starts_in=-timedelta(days=3))
    client.force_login(site.owner)
    client.get(reverse("engagement_portal:notice", args=[notice.pk]))

    html = _hub(client, site.owner)

    assert 'data-panel="notices"' not in html
    assert 'data-panel="events"' not in html


def test_a_tenant_has_no_bills_panel_but_may_report_a_problem(client, site):
    html = _hub(client, site.tenant)
    assert 'data-panel="owed"' not in html
    assert reverse("servicedesk_portal:new") in _panel(html, "requests")


def test_the_hub_costs_the_same_queries_however_much_there_is(client, site):
    billed_home(site.units["owner_home"], site.manager)
    _life(site)
    _hub(client, site.owner)
    with CaptureQueriesContext(connection) as few:
        client.get(HUB)
    billed_home(site.units["owner_home"], site.manager, period="2026-02")
    _life(site, 3)
    with CaptureQueriesContext(connection) as many:
        client.get(HUB)
    assert len(many) == len(few)


def test_the_portal_menu_starts_with_repairs_and_paying(client, site):
    html = _hub(client, site.owner, "zh-hans")
    bar = html.split('id="nav"', 1)[1].split("</ul>", 1)[0]
    labels = [part.split(">", 1)[1].split("<", 1)[0] for part in bar.split('class="nav-link')[1:]]
    assert labels[:3] == ["报事报修", "缴费", "我的房屋"]
