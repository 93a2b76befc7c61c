"""Where each person lands when they open Wuye: the page of their role's daily work."""

import pytest
from django.core.management import call_command
from django.core.management.base import SystemCheckError
from django.urls import reverse

from wuye.core import checks, home, policy
from wuye.core.models import Role
from wuye.testing import factories as f


def _landing(client, user) -> str:
    client.force_login(user)
    response = client.get(reverse("home"))
    assert response.status_code == 302
    return response.url


def _page(name: str, site) -> str:
    return reverse(name, args=[site.community.pk])


def test_the_electrician_lands_on_their_own_jobs(client, site):
    assert _landing(client, site.electrician) == _page("servicedesk:mine", site)


def test_the_engineering_supervisor_lands_on_their_own_jobs(client, site):
    assert _landing(client, site.engineer) == _page("servicedesk:mine", site)


def test_the_front_desk_lands_on_the_dispatch_board(client, site):
    assert _landing(client, site.frontdesk) == _page("servicedesk:board", site)


def test_the_cashier_lands_on_the_cashiers_desk(client, site):
    assert _landing(client, site.cashier) == _page("billing:desk", site)


def test_the_manager_lands_on_the_indicators(client, site):
    assert _landing(client, site.manager) == _page("servicedesk_dashboard:dashboard", site)


def test_a_company_admin_of_one_community_lands_on_the_indicators(client, site):
    admin = f.MembershipFactory(community=site.community, role=Role.COMPANY_ADMIN).user
    assert _landing(client, admin) == _page("servicedesk_dashboard:dashboard", site)


def test_the_guard_lands_on_the_post_board(client, site):
    assert _landing(client, site.guard) == _page("security:post_board", site)


def test_someone_with_no_landing_of_their_own_opens_the_community(client, site):
    supervisor = f.MembershipFactory(
        community=site.community, role=Role.ENVIRONMENT_SUPERVISOR
    ).user
    assert _landing(client, supervisor) == _page("estates:overview", site)


def test_the_owner_lands_in_the_portal(client, site):
    assert _landing(client, site.owner) == reverse("portal:home")


@pytest.mark.parametrize(
    ("extra", "page"),
    [
        # A front-desk clerk who also takes payments starts at the cashier's desk.
        (Role.CASHIER, "billing:desk"),
        # A manager who also goes out on jobs starts on their own jobs.
        (Role.TECHNICIAN, "servicedesk:mine"),
    ],
)
def test_someone_with_several_roles_lands_on_the_most_specific(client, site, extra, page):
    holder = site.frontdesk if extra == Role.CASHIER else site.manager
    f.MembershipFactory(user=holder, community=site.community, role=extra)
    policy.forget(holder)
    assert _landing(client, holder) == _page(page, site)


def test_a_landing_is_skipped_when_the_role_lacks_its_permission(site, monkeypatch):
    narrow = home.Landing("billing:runs", frozenset({Role.GUARD}), "billing.run", priority=999)
    monkeypatch.setattr(home, "LANDINGS", [narrow, *home.LANDINGS])
    assert home.landing_for(site.guard, site.community.pk) == "security:post_board"
    assert home.landing_for(site.cashier, site.community.pk) == "billing:desk"


def test_a_landing_naming_an_unknown_permission_or_role_stops_start_up(monkeypatch):
    wrong = home.Landing("billing:desk", frozenset({"cashire"}), "billing.veiw")
    monkeypatch.setattr(home, "LANDINGS", [*home.LANDINGS, wrong])
    assert [error.id for error in checks.registries(None)] == ["wuye.E005"]
    with pytest.raises(SystemCheckError, match="cashire, billing.veiw"):
        call_command("check")


def test_each_app_declares_the_landings_of_the_roles_it_serves():
    pages = {landing.url_name: landing.roles for landing in home.LANDINGS}
    assert Role.TECHNICIAN in pages["servicedesk:mine"]
    assert Role.FRONT_DESK in pages["servicedesk:board"]
    assert Role.CASHIER in pages["billing:desk"]
    assert Role.PROPERTY_MANAGER in pages["servicedesk_dashboard:dashboard"]
