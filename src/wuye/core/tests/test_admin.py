"""The Django admin of companies and communities."""

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
