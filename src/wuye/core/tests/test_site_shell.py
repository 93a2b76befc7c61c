import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.urls import reverse

import wuye


def test_healthz_answers_when_the_database_answers(client, db):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


def test_login_sends_staff_to_their_community_and_residents_to_the_portal(client, site):
    response = client.post(reverse("login"), {"username": "frontdesk", "password": "wuye-demo"})
    assert response.status_code == 302
    response = client.get(reverse("home"))
    assert response.url == reverse("servicedesk:board", args=[site.community.pk])
    client.logout()
    client.post(reverse("login"), {"username": "owner", "password": "wuye-demo"})
    assert client.get(reverse("home")).url == reverse("portal:home")


def test_wrong_password_shows_a_translated_error_and_logs_nobody_in(client, site):
    response = client.post(
        reverse("login"),
        {"username": "manager", "password": "nope"},
        HTTP_ACCEPT_LANGUAGE="zh-hans",
    )
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session
    assert "请输入一个正确的" in response.content.decode()


def test_company_admin_with_several_communities_chooses_one(client, site):
    client.force_login(site.admin)
    response = client.get(reverse("home"))
    assert response.url == reverse("communities")
    page = client.get(response.url).content.decode()
    assert "Bordeaux Town" in page and "Other Garden" in page


def test_user_without_community_or_home_is_told_so(client, site):
    client.force_login(site.nobody)
    assert client.get(reverse("home")).status_code == 403


def test_navigation_follows_the_roles(client, site):
    client.force_login(site.manager)
    page = client.get(reverse("estates:overview", args=[site.community.pk])).content.decode()
    assert reverse("estates:transfer", args=[site.community.pk]) in page
    client.force_login(site.guard)
    page = client.get(reverse("estates:overview", args=[site.community.pk])).content.decode()
    assert reverse("estates:buildings", args=[site.community.pk]) in page
    assert reverse("estates:transfer", args=[site.community.pk]) not in page


def test_language_follows_the_browser_and_the_switch(client, site):
    client.force_login(site.manager)
    url = reverse("estates:overview", args=[site.community.pk])
    assert "楼栋" in client.get(url, HTTP_ACCEPT_LANGUAGE="zh-CN,zh;q=0.9").content.decode()
    assert "Buildings" in client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    client.post(reverse("set_language"), {"language": "zh-hans", "next": url})
    assert "楼栋" in client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()


def test_password_change(client, site):
    client.force_login(site.frontdesk)
    response = client.post(
        reverse("password_change"),
        {
            "old_password": "wuye-demo",
            "new_password1": "a-much-better-passphrase-42",
            "new_password2": "a-much-better-passphrase-42",
        },
    )
    assert response.status_code == 302
    site.frontdesk.refresh_from_db()
    assert site.frontdesk.check_password("a-much-better-passphrase-42")


@pytest.mark.parametrize("missing", ["SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL"])
def test_production_refuses_to_start_without_its_settings(missing, tmp_path):
    env = {
        "WUYE_ENV": "production",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "wuye.example.com",
        "DATABASE_URL": "postgres://wuye@localhost/wuye",
        "PATH": "/usr/bin:/bin",
        # this checkout's code, whichever the interpreter has installed
        "PYTHONPATH": str(Path(wuye.__file__).resolve().parent.parent),
    }
    del env[missing]
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "import django, os; os.environ['DJANGO_SETTINGS_MODULE']="
            "'wuye.settings'; django.setup()",
        ],
        env=env,
        capture_output=True,
        text=True,
        cwd=tmp_path,
    )
    assert result.returncode != 0
    assert f"{missing} must be set" in result.stderr


def test_chinese_pages_group_digits_in_threes(client, site):
    from django.contrib.humanize.templatetags.humanize import intcomma
    from django.utils import translation

    with translation.override("zh-hans"):
        assert intcomma(134061) == "134,061"
