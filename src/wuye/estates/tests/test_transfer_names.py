"""Import templates are named in the user's language, like the register's exports."""

import pytest
from django.urls import reverse

from wuye.testing.downloads import saved_as


@pytest.mark.parametrize(
    ("language", "kind", "name"),
    [
        ("zh-hans", "residents", "{code}-住户导入模板.xlsx"),
        ("zh-hans", "all", "{code}-房屋档案导入模板.xlsx"),
        ("en", "residents", "{code}-Residents-template.xlsx"),
        ("en", "all", "{code}-register-template.xlsx"),
    ],
)
def test_a_template_is_named_in_the_users_language(client, site, language, kind, name):
    client.force_login(site.manager)
    url = reverse("estates:template", args=[site.community.pk])
    response = client.get(url, {"kind": kind}, headers={"accept-language": language})
    assert response.status_code == 200
    assert saved_as(response) == ("attachment", name.format(code=site.community.code))
