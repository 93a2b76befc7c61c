"""Logins that resist guessing: the lockout after wrong passwords, on the login form and
the API's token endpoint alike, and passwords that are not the username."""

from datetime import timedelta

import pytest
import time_machine
from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

pytestmark = pytest.mark.django_db

GUESSES = 30


def _log_in(client, password: str, **extra):
    return client.post(reverse("login"), {"username": "frontdesk", "password": password}, **extra)


def _token(client, password: str, **extra):
    return client.post(
        "/api/v1/auth/token",
        {"username": "frontdesk", "password": password},
        content_type="application/json",
        **extra,
    )


def test_the_right_password_after_many_wrong_ones_is_refused_until_the_cool_off_passes(
    client, site
):
    start = timezone.now()
    with time_machine.travel(start, tick=False) as clock:
        for _ in range(GUESSES):
            _log_in(client, "guess")
        response = _log_in(client, "wuye-demo", HTTP_ACCEPT_LANGUAGE="zh-hans")
        assert response.status_code == 429
        assert "_auth_user_id" not in client.session
        page = response.content.decode()
        assert "登录失败次数过多" in page
        assert 'class="navbar' in page  # the site's own page, not a bare message

        clock.shift(settings.AXES_COOLOFF_TIME + timedelta(minutes=1))
        response = _log_in(client, "wuye-demo")
        assert response.status_code == 302
        assert client.session["_auth_user_id"] == str(site.frontdesk.pk)


def test_the_lockout_holds_for_the_username_from_that_address_only(client, site):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _log_in(client, "guess")
    assert _log_in(client, "wuye-demo").status_code == 429
    assert _log_in(client, "wuye-demo", REMOTE_ADDR="10.0.0.9").status_code == 302


def test_fewer_wrong_passwords_than_the_limit_do_not_lock_anyone_out(client, site):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        _log_in(client, "guess")
    assert _log_in(client, "wuye-demo").status_code == 302


def test_the_token_endpoint_counts_wrong_passwords_and_answers_a_lockout_in_json(client, site):
    start = timezone.now()
    with time_machine.travel(start, tick=False) as clock:
        for _ in range(GUESSES):
            assert _token(client, "guess").status_code in (401, 429)
        response = _token(client, "wuye-demo", HTTP_ACCEPT_LANGUAGE="zh-hans")
        assert response.status_code == 429
        assert response["Content-Type"].startswith("application/json")
        assert "登录失败次数过多" in response.json()["detail"]
        assert not site.frontdesk.api_tokens.exists()

        clock.shift(settings.AXES_COOLOFF_TIME + timedelta(minutes=1))
        assert _token(client, "wuye-demo").status_code == 200


def test_a_token_request_with_a_form_type_but_no_boundary_is_answered_400_in_json(client, site):
    response = client.post(
        "/api/v1/auth/token",
        '{"username": "frontdesk", "password": "guess"}',
        content_type="multipart/form-data",
        HTTP_ACCEPT_LANGUAGE="zh-hans",
    )
    assert response.status_code == 400
    assert response.json()["detail"] == "无法读取请求内容，请以 JSON 格式发送。"
    assert not site.frontdesk.api_tokens.exists()


def test_a_token_request_with_a_username_longer_than_any_is_refused_as_malformed(client):
    response = client.post(
        "/api/v1/auth/token",
        {"username": "0" * 300, "password": "guess"},
        content_type="application/json",
    )
    assert response.status_code == 422
    assert "username" in response.json()["errors"]


def test_wrong_passwords_on_the_form_lock_the_token_endpoint_too(client, site):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _log_in(client, "guess")
    assert _token(client, "wuye-demo").status_code == 429


@pytest.mark.parametrize("password", ["guardguard", "Guard2024!x", "my-GUARD-pass", "guar"])
def test_a_password_containing_the_username_is_refused(site, password):
    with pytest.raises(ValidationError) as refused:
        validate_password(password, site.guard)
    assert "password_like_username" in {e.code for e in refused.value.error_list}


def test_the_password_change_form_refuses_a_password_like_the_username(client, site):
    client.force_login(site.guard)
    response = client.post(
        reverse("password_change"),
        {
            "old_password": "wuye-demo",
            "new_password1": "guardguard",
            "new_password2": "guardguard",
        },
        HTTP_ACCEPT_LANGUAGE="zh-hans",
    )
    assert response.status_code == 200
    assert "密码不能包含用户名" in response.content.decode()
    site.guard.refresh_from_db()
    assert site.guard.check_password("wuye-demo")


def test_a_password_unlike_the_username_passes(site):
    validate_password("Tianshan-Road-1987", site.guard)
