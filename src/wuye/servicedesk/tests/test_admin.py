"""The admin: managers configure their communities' customer center; work orders only read."""

import pytest

from wuye.servicedesk.models import PriceListItem, Team

from .fixtures import submit

pytestmark = pytest.mark.django_db


@pytest.fixture
def manager_admin(client, site):
    site.manager.is_staff = True
    site.manager.save()
    client.force_login(site.manager)
    return client


def test_manager_configures_the_price_list_of_their_community_only(manager_admin, site):
    PriceListItem.objects.create(
        community=site.community, name="Unblock drain", unit="time", price=50
    )
    PriceListItem.objects.create(community=site.other, name="Theirs", unit="time", price=1)
    page = manager_admin.get("/admin/servicedesk/pricelistitem/")
    assert page.status_code == 200
    assert b"Unblock drain" in page.content and b"Theirs" not in page.content
    response = manager_admin.post(
        "/admin/servicedesk/team/add/",
        {
            "community": site.community.pk,
            "name": "Engineering",
            "categories": '["repair_home"]',
            "subcategories": "[]",
            "active": "on",
            "members-TOTAL_FORMS": "0",
            "members-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 302, response.content
    assert Team.objects.get().name == "Engineering"


def test_work_orders_are_read_only_in_the_admin(manager_admin, site):
    order = submit(site)
    page = manager_admin.get(f"/admin/servicedesk/workorder/{order.pk}/change/")
    assert page.status_code == 200
    assert order.number.encode() in page.content
    assert manager_admin.get("/admin/servicedesk/workorder/add/").status_code == 403
    response = manager_admin.post(
        f"/admin/servicedesk/workorder/{order.pk}/delete/", {"post": "yes"}
    )
    assert response.status_code == 403


def test_front_desk_cannot_change_the_configuration(client, site):
    site.frontdesk.is_staff = True
    site.frontdesk.save()
    client.force_login(site.frontdesk)
    assert client.get("/admin/servicedesk/slapolicy/").status_code == 403
    assert client.get("/admin/servicedesk/workorder/").status_code == 200
