"""API: the price list as its managers keep it — publish, change, retire — each change
checked against the policy and written to the audit trail."""

import pytest

from wuye.core.models import AuditEntry
from wuye.servicedesk.models import PriceListItem
from wuye.testing.api import bearer

pytestmark = pytest.mark.django_db

FUSE = {"name": "Replace a fuse", "unit": "piece", "price": "20.00"}


def publish(client, user, community, body=FUSE):
    return client.post(
        f"/api/v1/communities/{community.pk}/price-list",
        body,
        content_type="application/json",
        headers=bearer(user),
    )


def test_a_manager_publishes_changes_and_retires_an_item(client, site):
    created = publish(client, site.manager, site.community)
    assert created.status_code == 201, created.content
    item = created.json()
    assert (item["price"], item["published"], item["sort"]) == ("20.00", True, 0)

    changed = client.patch(
        f"/api/v1/price-list/{item['id']}",
        {"price": "22.50"},
        content_type="application/json",
        headers=bearer(site.manager),
    )
    assert changed.status_code == 200 and changed.json()["price"] == "22.50"

    retired = client.post(f"/api/v1/price-list/{item['id']}/retire", headers=bearer(site.manager))
    assert retired.status_code == 200 and retired.json()["published"] is False
    again = client.post(f"/api/v1/price-list/{item['id']}/retire", headers=bearer(site.manager))
    assert again.status_code == 409

    listed = client.get(
        f"/api/v1/communities/{site.community.pk}/price-list", headers=bearer(site.owner)
    )
    assert listed.json() == []
    assert PriceListItem.objects.filter(pk=item["id"]).exists()
    change = AuditEntry.objects.get(action="price_item.change")
    assert change.actor == site.manager and change.changes == {"price": ["20.00", "22.50"]}
    assert AuditEntry.objects.filter(action="price_item.retire").count() == 1


def test_a_duplicate_name_is_a_conflict_and_a_negative_price_is_refused(client, site):
    publish(client, site.manager, site.community)
    assert publish(client, site.manager, site.community).status_code == 409
    negative = publish(client, site.manager, site.community, FUSE | {"price": "-1"})
    assert negative.status_code == 422 and "price" in negative.json()["errors"]
    assert PriceListItem.objects.count() == 1


@pytest.mark.parametrize("who", ["frontdesk", "electrician", "owner"])
def test_others_of_the_community_may_not_keep_the_price_list(client, site, who):
    assert publish(client, getattr(site, who), site.community).status_code == 403
    item = PriceListItem.objects.create(community=site.community, name="Drain", unit="t", price=5)
    user = getattr(site, who)
    patched = client.patch(
        f"/api/v1/price-list/{item.pk}",
        {"price": "0.01"},
        content_type="application/json",
        headers=bearer(user),
    )
    assert patched.status_code == 403
    assert (
        client.post(f"/api/v1/price-list/{item.pk}/retire", headers=bearer(user)).status_code == 403
    )
    item.refresh_from_db()
    assert item.active and item.price == 5
    assert not AuditEntry.objects.filter(action__startswith="price_item").exists()
