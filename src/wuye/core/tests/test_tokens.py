"""API tokens: one per device, expiring, listed and revoked by their owner, ended by a new
password."""

from datetime import timedelta

import pytest
import time_machine
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from wuye.core.models import ApiToken
from wuye.core.tokens import MAX_TOKENS
from wuye.testing.api import bearer

pytestmark = pytest.mark.django_db


def _token(client, username="frontdesk", device="", **extra) -> dict:
    response = client.post(
        "/api/v1/auth/token",
        {"username": username, "password": "wuye-demo", "device": device, **extra},
        content_type="application/json",
    )
    assert response.status_code == 200, response.content
    return response.json()


def _auth(raw: str) -> dict:
    return {"Authorization": f"Bearer {raw}"}


def _opens_the_api(headers: dict) -> bool:
    """Whether the token alone opens the API (a client without the page's session)."""
    return Client().get("/api/v1/me", headers=headers).status_code == 200


def test_a_token_stops_working_when_it_expires(client, site):
    start = timezone.now()
    with time_machine.travel(start, tick=False) as clock:
        body = _token(client, device="Pixel 8")
        clock.shift(settings.API_TOKEN_LIFETIME - timedelta(minutes=1))
        assert client.get("/api/v1/me", headers=_auth(body["token"])).status_code == 200
        clock.shift(timedelta(minutes=2))
        assert client.get("/api/v1/me", headers=_auth(body["token"])).status_code == 401


def test_asking_again_from_the_same_device_replaces_its_token(client, site):
    first = _token(client, device="Pixel 8")
    second = _token(client, device="Pixel 8")
    other = _token(client, device="iPad")
    assert client.get("/api/v1/me", headers=_auth(first["token"])).status_code == 401
    assert client.get("/api/v1/me", headers=_auth(second["token"])).status_code == 200
    assert client.get("/api/v1/me", headers=_auth(other["token"])).status_code == 200
    assert site.frontdesk.api_tokens.count() == 2


def test_tokens_do_not_pile_up(client, site):
    for n in range(MAX_TOKENS + 5):
        _token(client, device=f"phone {n}")
    assert site.frontdesk.api_tokens.count() == MAX_TOKENS
    devices = set(site.frontdesk.api_tokens.values_list("device", flat=True))
    assert f"phone {MAX_TOKENS + 4}" in devices and "phone 0" not in devices


def test_the_owner_lists_their_tokens_with_device_and_times(client, site):
    pixel = _token(client, device="Pixel 8")
    _token(client, device="iPad")
    bearer(site.guard)
    rows = client.get("/api/v1/auth/tokens", headers=_auth(pixel["token"])).json()
    assert [r["device"] for r in rows] == ["iPad", "Pixel 8"]
    assert [r["current"] for r in rows] == [False, True]
    assert all(r["expires_at"] and r["created_at"] for r in rows)


def test_the_owner_revokes_a_device_and_nobody_else_can(client, site):
    pixel = _token(client, device="Pixel 8")
    ipad = _token(client, device="iPad")
    guard = bearer(site.guard)
    url = f"/api/v1/auth/tokens/{ipad['id']}"
    assert client.delete(url, headers=guard).status_code == 404
    assert client.delete(url, headers=_auth(pixel["token"])).status_code == 204
    assert client.get("/api/v1/me", headers=_auth(ipad["token"])).status_code == 401
    assert client.get("/api/v1/me", headers=_auth(pixel["token"])).status_code == 200


def test_every_token_dies_when_the_password_changes_on_the_password_page(client, site):
    body = _token(client, device="Pixel 8")
    client.force_login(site.frontdesk)
    response = client.post(
        reverse("password_change"),
        {
            "old_password": "wuye-demo",
            "new_password1": "Tianshan-Road-1987",
            "new_password2": "Tianshan-Road-1987",
        },
    )
    assert response.status_code == 302
    assert not _opens_the_api(_auth(body["token"]))
    assert not ApiToken.objects.filter(user=site.frontdesk).exists()


def test_every_token_dies_when_the_password_is_set_anywhere(client, site):
    headers = bearer(site.frontdesk)
    other = bearer(site.guard)
    site.frontdesk.set_password("Tianshan-Road-1987")
    site.frontdesk.save()
    assert client.get("/api/v1/me", headers=headers).status_code == 401
    assert client.get("/api/v1/me", headers=other).status_code == 200


def test_every_token_dies_when_an_administrator_sets_a_new_password(client, site):
    headers = bearer(site.frontdesk)
    client.force_login(site.admin)
    response = client.post(
        reverse("admin:auth_user_password_change", args=[site.frontdesk.pk]),
        {
            "password1": "Tianshan-Road-1987",
            "password2": "Tianshan-Road-1987",
            "usable_password": "true",
        },
    )
    assert response.status_code == 302
    assert not _opens_the_api(headers)


def test_saving_a_user_without_a_new_password_keeps_the_tokens(client, site):
    headers = bearer(site.frontdesk)
    site.frontdesk.first_name = "Xiao Li"
    site.frontdesk.save()
    assert client.get("/api/v1/me", headers=headers).status_code == 200


def test_the_security_page_lists_and_revokes_tokens(client, site):
    pixel = _token(client, device="Pixel 8")
    client.force_login(site.frontdesk)
    page = client.get(reverse("account_security"), HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert page.status_code == 200
    assert "Pixel 8" in page.content.decode()
    response = client.post(reverse("account_token_revoke", args=[pixel["id"]]))
    assert response.status_code == 302
    assert not _opens_the_api(_auth(pixel["token"]))


def test_nobody_revokes_another_persons_token_from_the_security_page(client, site):
    pixel = _token(client, device="Pixel 8")
    client.force_login(site.guard)
    response = client.post(reverse("account_token_revoke", args=[pixel["id"]]))
    assert response.status_code == 404
    assert _opens_the_api(_auth(pixel["token"]))
