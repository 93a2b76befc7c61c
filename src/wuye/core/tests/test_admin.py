"""The Django admin of companies and communities."""

import re

import pytest
from django.urls import reverse

from wuye.core.models import Community

pytestmark = pytest.mark.django_db


def test_a_community_cannot_be_deleted_from_the_admin(client, site):
    client.force_login(site.admin)
    delete_page = reverse("admin:core_community_delete", args=[site.community.pk])
    assert client.get(delete_page).status_code == 403
    assert client.post(delete_page, {"post": "yes"}).status_code == 403
    changelist = reverse("admin:core_community_changelist")
    page = client.get(changelist).content.decode()
    assert "delete_selected" not in page
    response = client.post(
        changelist, {"action": "delete_selected", "_selected_action": [site.community.pk]}
    )
    assert response.status_code in (200, 302)
    assert Community.objects.filter(pk=site.community.pk).exists()
    change_page = client.get(reverse("admin:core_community_change", args=[site.community.pk]))
    assert change_page.status_code == 200
    assert delete_page not in change_page.content.decode()


def _has_chinese(text: str) -> bool:
    return any("\u4e00" <= char <= "\u9fff" for char in text)


def test_the_admin_speaks_chinese_to_a_chinese_superuser(client, site):
    """Every title of the admin's index, every app's section and every model in it reads in
    Chinese, the third-party apps' too."""
    client.force_login(site.admin)
    page = client.get(reverse("admin:index"), headers={"accept-language": "zh-hans"})
    assert page.status_code == 200
    html = page.content.decode()
    title = re.search(r"<title>(.*?)</title>", html, re.S).group(1)
    header = re.search(r'<div id="site-name">(.*?)</div>', html, re.S).group(1)
    assert "Django" not in title + header
    assert _has_chinese(title) and _has_chinese(header)
    sections = re.findall(r'<caption>\s*<a [^>]*class="section"[^>]*>(.*?)</a>', html, re.S)
    assert len(sections) >= 8  # every installed app with rows in the admin
    rows = re.findall(r'<th scope="row"[^>]*>\s*<a [^>]*>(.*?)</a>', html, re.S)
    assert len(rows) > len(sections)
    untranslated = [label.strip() for label in sections + rows if not _has_chinese(label)]
    assert untranslated == []


def test_the_admin_speaks_english_to_an_english_superuser(client, site):
    client.force_login(site.admin)
    html = client.get(reverse("admin:index"), headers={"accept-language": "en"}).content.decode()
    assert "Django" not in re.search(r"<title>(.*?)</title>", html, re.S).group(1)
