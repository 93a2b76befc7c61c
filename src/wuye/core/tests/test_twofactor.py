"""Two-factor sign-in: required for roles that read full ID numbers, approve money or
configure the community (as the policy marks them), optional for everyone else."""

import re
from datetime import timedelta

import pytest
import time_machine
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from wuye.core import policy
from wuye.core.models import Role
from wuye.testing import factories as f
from wuye.testing.people import backup_code, totp_code

pytestmark = pytest.mark.django_db


def _password_login(client, username: str):
    response = client.post(reverse("login"), {"username": username, "password": "wuye-demo"})
    assert response.status_code == 302
    return response


def _overview(site) -> str:
    return reverse("estates:overview", args=[site.community.pk])


def test_who_needs_a_second_factor_follows_the_permissions(site):
    needs = {name for name, user in site.users.items() if policy.requires_second_factor(user)}
    assert needs == {"admin", "manager", "other_manager"}
    # the customer-service supervisor reads full ID numbers; the accountant sets fees
    for role in (Role.CS_SUPERVISOR, Role.ACCOUNTANT):
        member = f.MembershipFactory(community=site.community, role=role).user
        assert policy.requires_second_factor(member)
    for role in (Role.CASHIER, Role.GUARD, Role.TECHNICIAN, Role.CLUBHOUSE_STAFF):
        member = f.MembershipFactory(community=site.community, role=role).user
        assert not policy.requires_second_factor(member)


def test_every_permission_marked_for_a_second_factor_exists():
    assert {
        "billing.approve",
        "billing.configure",
        "community.change",
        "parcel.configure",
        "parking.configure",
        "pass.configure",
        "resident.view_id_number",
        "roster.configure",
        "survey.configure",
        "workorder.configure",
    } == policy.SECOND_FACTOR
    assert set(policy.PERMISSIONS) >= policy.SECOND_FACTOR


def test_a_password_alone_does_not_open_a_managers_pages(client, site):
    _password_login(client, "manager")
    for url in (_overview(site), reverse("admin:index"), reverse("home")):
        response = client.get(url)
        assert response.status_code == 302, url
        assert response.url.startswith(reverse("second_factor") + "?next="), url


def test_a_password_alone_does_not_open_the_api_with_the_session(client, site):
    _password_login(client, "manager")
    response = client.get("/api/v1/me")
    assert response.status_code == 403
    assert response.json()["detail"]


def test_the_right_code_opens_the_pages_and_a_wrong_one_does_not(client, site):
    _password_login(client, "manager")
    url = f"{reverse('second_factor')}?next={_overview(site)}"
    page = client.get(url, HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert "确认登录" in page.content.decode()
    with time_machine.travel(timezone.now(), tick=False) as clock:
        wrong = client.post(url, {"code": "000000", "next": _overview(site)})
        assert wrong.status_code == 200
        assert client.get(_overview(site)).status_code == 302
        # after a wrong code the app waits a moment before it takes the next one
        clock.shift(timedelta(seconds=5))
        right = client.post(url, {"code": totp_code(site.manager), "next": _overview(site)})
    assert right.status_code == 302 and right.url == _overview(site)
    assert client.get(_overview(site)).status_code == 200


def test_a_code_works_once(client, site):
    code = totp_code(site.manager)
    _password_login(client, "manager")
    assert client.post(reverse("second_factor"), {"code": code}).status_code == 302
    other = Client()
    _password_login(other, "manager")
    assert other.post(reverse("second_factor"), {"code": code}).status_code == 200
    assert other.get(_overview(site)).status_code == 302


def test_a_backup_code_works_once_in_place_of_the_app(client, site):
    code = backup_code(site.manager)
    _password_login(client, "manager")
    assert client.post(reverse("second_factor"), {"code": code.upper()}).status_code == 302
    assert client.get(_overview(site)).status_code == 200
    other = Client()
    _password_login(other, "manager")
    assert other.post(reverse("second_factor"), {"code": code}).status_code == 200


def test_the_first_login_of_a_manager_without_an_app_leads_to_enrolment(client, site):
    TOTPDevice.objects.filter(user=site.manager).delete()
    _password_login(client, "manager")
    response = client.get(_overview(site))
    assert response.url.startswith(reverse("second_factor_setup"))
    page = client.get(response.url, HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    assert "<svg" in page and "设置两步验证" in page
    secret = re.search(r'id="totp-secret">([A-Z2-7 ]+)<', page).group(1)
    device = TOTPDevice.objects.get(user=site.manager, confirmed=False)
    assert secret.replace(" ", "") in device.config_url
    assert client.get(_overview(site)).status_code == 302  # not before the code is confirmed

    done = client.post(response.url, {"code": totp_code_of(device)})
    assert done.status_code == 200
    codes = re.findall(r'<code class="fs-6">([a-z2-7]+)</code>', done.content.decode())
    assert len(codes) == 10
    assert client.get(_overview(site)).status_code == 200


def totp_code_of(device) -> str:
    from django_otp.oath import TOTP

    return f"{TOTP(device.bin_key, device.step, device.t0, device.digits).token():06d}"


def test_a_stolen_password_cannot_enrol_a_new_app(client, site):
    _password_login(client, "manager")
    response = client.get(reverse("second_factor_setup"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("second_factor"))
    assert not TOTPDevice.objects.filter(user=site.manager, confirmed=False).exists()


def test_others_may_turn_it_on_and_are_then_asked_for_the_code(client, site):
    _password_login(client, "frontdesk")
    assert client.get(_overview(site)).status_code == 200
    client.get(reverse("second_factor_setup"))
    device = TOTPDevice.objects.get(user=site.frontdesk, confirmed=False)
    assert (
        client.post(reverse("second_factor_setup"), {"code": totp_code_of(device)}).status_code
        == 200
    )
    client.logout()
    _password_login(client, "frontdesk")
    assert client.get(_overview(site)).url.startswith(reverse("second_factor"))


def test_pages_of_the_force_logged_in_test_people_are_verified(client, site):
    client.force_login(site.manager)
    assert client.get(_overview(site)).status_code == 200


def _token(client, username: str, **extra):
    return client.post(
        "/api/v1/auth/token",
        {"username": username, "password": "wuye-demo", **extra},
        content_type="application/json",
        HTTP_ACCEPT_LANGUAGE="zh-hans",
    )


def test_a_token_for_a_manager_needs_the_code(client, site):
    missing = _token(client, "manager")
    assert missing.status_code == 401
    assert "验证器" in missing.json()["detail"]
    with time_machine.travel(timezone.now(), tick=False) as clock:
        assert _token(client, "manager", otp="000000").status_code == 401
        assert not site.manager.api_tokens.exists()
        clock.shift(timedelta(seconds=5))
        right = _token(client, "manager", otp=totp_code(site.manager), device="Pixel 8")
    assert right.status_code == 200
    headers = {"Authorization": f"Bearer {right.json()['token']}"}
    assert Client().get("/api/v1/me", headers=headers).status_code == 200


def test_a_manager_without_an_app_gets_no_token(client, site):
    TOTPDevice.objects.filter(user=site.manager).delete()
    response = _token(client, "manager")
    assert response.status_code == 403
    assert not site.manager.api_tokens.exists()
