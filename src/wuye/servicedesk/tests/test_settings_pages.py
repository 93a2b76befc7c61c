"""The customer center's settings pages (设置): a manager opens and uses each one; the front
desk and the technicians are refused; every change shows in the page's history."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import translation

from wuye.servicedesk.models import (
    DeskSettings,
    PriceListItem,
    SlaPolicy,
    Team,
    TeamMember,
)
from wuye.staff.models import Department, Post

# The duty roster is a roster of the staff app now.
DUTY_ROSTERS = "/c/{}/staff/rosters/"


def url(name, site, *args):
    return reverse(f"servicedesk:{name}", args=[site.community.pk, *args])


@pytest.fixture
def kept(site):
    """A published price, a team with the electrician and one SLA policy."""
    team = Team.objects.create(
        community=site.community, name="Engineering", categories=["repair_home"]
    )
    return {
        "price": PriceListItem.objects.create(
            community=site.community, name="Replace a fuse", unit="piece", price=Decimal("20")
        ),
        "team": team,
        "member": TeamMember.objects.create(team=team, user=site.electrician, skills=["leak"]),
        "sla": SlaPolicy.objects.create(
            community=site.community, category="repair_home", priority="urgent", arrival_target=90
        ),
    }


def pages(site, kept) -> list[str]:
    return [
        url("settings_prices", site),
        url("settings_price_new", site),
        url("settings_price", site, kept["price"].pk),
        url("settings_prices_history", site),
        url("settings_teams", site),
        url("settings_team_new", site),
        url("settings_team", site, kept["team"].pk),
        url("settings_team_member", site, kept["team"].pk, kept["member"].pk),
        url("settings_teams_history", site),
        url("settings_desk", site),
        url("settings_desk_history", site),
        url("settings_sla", site),
        url("settings_sla_policy", site, kept["sla"].pk),
        url("settings_sla_history", site),
    ]


def test_a_manager_opens_every_settings_page_and_finds_them_in_the_settings_menu(
    client, site, kept
):
    client.force_login(site.manager)
    for page in pages(site, kept):
        assert client.get(page).status_code == 200, page
    with translation.override("en"):
        menu = client.get(url("settings_prices", site), HTTP_ACCEPT_LANGUAGE="en").content
    for name in ("settings_prices", "settings_teams", "settings_sla"):
        assert url(name, site).encode() in menu


@pytest.mark.parametrize("who", ["frontdesk", "engineer", "electrician", "cashier", "owner"])
def test_the_desk_and_technicians_cannot_open_the_settings(client, site, kept, who):
    client.force_login(getattr(site, who))
    for page in pages(site, kept):
        assert client.get(page).status_code == 403, page
    response = client.post(url("settings_price_retire", site, kept["price"].pk))
    assert response.status_code == 403
    assert PriceListItem.objects.get(pk=kept["price"].pk).active


def test_another_communitys_manager_cannot_open_them(client, site, kept):
    client.force_login(site.other_manager)
    assert client.get(url("settings_price", site, kept["price"].pk)).status_code == 403


def test_a_manager_changes_a_price_and_reads_it_in_the_history(client, site, kept):
    client.force_login(site.manager)
    response = client.post(
        url("settings_price", site, kept["price"].pk),
        {"name": "Replace a fuse", "unit": "piece", "price": "25.50", "sort": "0"},
    )
    assert response.status_code == 302
    history = client.get(url("settings_prices_history", site), HTTP_ACCEPT_LANGUAGE="en")
    assert b'<del class="text-muted">20.00</del> \xe2\x86\x92 <strong>25.50</strong>' in (
        history.content
    )


def test_a_bad_price_is_explained_on_its_field_and_changes_nothing(client, site, kept):
    client.force_login(site.manager)
    response = client.post(
        url("settings_price_new", site),
        {"name": "Replace a fuse", "unit": "piece", "price": "-3", "sort": "0"},
        HTTP_ACCEPT_LANGUAGE="zh-hans",
    )
    assert response.status_code == 200
    assert "确保该值大于或等于0" in response.content.decode()
    duplicate = client.post(
        url("settings_price_new", site),
        {"name": "Replace a fuse", "unit": "piece", "price": "3", "sort": "0"},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert b"already has an item of this name" in duplicate.content
    assert PriceListItem.objects.count() == 1


def test_retire_then_publish_again_from_the_list(client, site, kept):
    client.force_login(site.manager)
    client.post(url("settings_price_retire", site, kept["price"].pk))
    assert not PriceListItem.objects.get(pk=kept["price"].pk).active
    page = client.get(url("settings_prices", site), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Retired" in page and "Publish again" in page
    client.post(url("settings_price_republish", site, kept["price"].pk))
    assert PriceListItem.objects.get(pk=kept["price"].pk).active
    assert PriceListItem.objects.count() == 1


def test_a_team_gets_a_member_from_the_communitys_staff(client, site, kept):
    client.force_login(site.manager)
    team = kept["team"]
    response = client.post(
        url("settings_team_member_add", site, team.pk), {"user": site.engineer.pk, "skills": "lift"}
    )
    assert response.status_code == 302
    assert team.members.filter(user=site.engineer, skills=["lift"]).exists()
    refused = client.post(url("settings_team_member_add", site, team.pk), {"user": site.owner.pk})
    assert refused.status_code == 302
    assert not team.members.filter(user=site.owner).exists()
    page = client.get(url("settings_team", site, team.pk), HTTP_ACCEPT_LANGUAGE="en")
    assert b'data-member="engineer"' in page.content


def test_the_old_duty_roster_addresses_lead_to_the_staff_rosters(client, site):
    client.force_login(site.manager)
    for page in (url("settings_duty", site), url("settings_duty_history", site)):
        response = client.get(page)
        assert response.status_code == 302, page
        assert response["Location"] == DUTY_ROSTERS.format(site.community.pk)
    engineering = Department.objects.create(community=site.community, name="工程维修部")
    duty = Post.objects.create(
        community=site.community, department=engineering, title="维修值班", code="repair-duty"
    )
    response = client.get(url("settings_duty", site))
    assert response["Location"] == f"{DUTY_ROSTERS.format(site.community.pk)}{duty.pk}/"
    client.force_login(site.frontdesk)
    assert client.get(url("settings_duty", site)).status_code == 403


def test_desk_settings_page_saves_and_explains_a_bad_value(client, site):
    client.force_login(site.manager)
    data = {
        "chase_interval_minutes": "30",
        "reopen_days": "7",
        "callback_scope": "all",
        "warn_percent": "150",
        "manager_escalation_minutes": "90",
        "max_open_orders": "6",
        "repair_charges_posted": "acceptance",
    }
    refused = client.post(url("settings_desk", site), data, HTTP_ACCEPT_LANGUAGE="en")
    assert refused.status_code == 200 and b"is-invalid" in refused.content
    assert not DeskSettings.objects.exists()
    saved = client.post(url("settings_desk", site), data | {"warn_percent": "70"})
    assert saved.status_code == 302
    settings = DeskSettings.objects.get(community=site.community)
    assert (settings.warn_percent, settings.manager_escalation_minutes) == (70, 90)


def test_the_sla_page_offers_the_defaults_when_empty_and_edits_a_policy(client, site):
    client.force_login(site.manager)
    page = client.get(url("settings_sla", site), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Write the defaults as policies" in page and "data-policy" not in page
    client.post(url("settings_sla_seed", site))
    assert SlaPolicy.objects.filter(community=site.community).count() == 28
    page = client.get(url("settings_sla", site), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Write the defaults as policies" not in page
    policy = SlaPolicy.objects.get(
        community=site.community, category="repair_home", priority="urgent"
    )
    response = client.post(
        url("settings_sla_policy", site, policy.pk),
        {
            "response_target": "30",
            "response_clock": "24x7",
            "arrival_target": "20",
            "arrival_clock": "24x7",
            "resolution_target": "1440",
            "resolution_clock": "24x7",
        },
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 200
    assert b"make it the same or longer" in response.content
    policy.refresh_from_db()
    assert policy.arrival_target == 120
