"""The store's pages, for the right people only, in a bounded number of queries; the forms
record receipts, issues and counts; the work order's page shows its materials."""

import pytest
from django.urls import reverse

from wuye.core.models import Notification
from wuye.facilities.stores import services
from wuye.facilities.stores.models import StockItem

from .fixtures import bearing, repair_order


def url(site, name, *args):
    return reverse(f"facilities:{name}", args=[site.community.pk, *args])


def stocked(site, code="BRG-6204", quantity="10"):
    part = bearing(site, code=code)
    services.stock_receive(actor=site.engineer, item=part, quantity=quantity, unit_cost="30")
    return part


@pytest.mark.parametrize("who", ["engineer", "electrician", "manager", "admin"])
def test_the_store_opens_for_engineering_and_the_managers(client, site, who):
    part = stocked(site)
    client.force_login(getattr(site, who))
    assert part.code in client.get(url(site, "stores")).content.decode()
    assert client.get(url(site, "stores_item", part.pk)).status_code == 200


@pytest.mark.parametrize("who", ["guard", "frontdesk", "cashier", "owner"])
def test_the_store_is_closed_to_the_others(client, site, who):
    part = stocked(site)
    client.force_login(getattr(site, who))
    assert client.get(url(site, "stores")).status_code == 403
    assert client.get(url(site, "stores_item", part.pk)).status_code == 403


def test_a_part_of_another_community_is_not_found(client, site):
    theirs = bearing(site, site.other, keeper=site.other_manager)
    client.force_login(site.engineer)
    assert client.get(url(site, "stores_item", theirs.pk)).status_code == 404


def test_the_list_filters_the_low_parts_in_few_queries(client, site, django_assert_max_num_queries):
    for n in range(12):
        stocked(site, code=f"P-{n:02}", quantity="1" if n % 2 else "10")
    client.force_login(site.engineer)
    with django_assert_max_num_queries(16):
        page = client.get(url(site, "stores"), {"low": "1"}).content.decode()
    assert "P-01" in page and "P-00" not in page
    with django_assert_max_num_queries(16):
        assert client.get(url(site, "stores"), {"q": "P-01"}).status_code == 200


def test_the_ledger_shows_in_few_queries(client, site, django_assert_max_num_queries):
    part = stocked(site, quantity="50")
    order = repair_order(site)
    for _n in range(10):
        services.stock_issue(actor=site.electrician, item=part, quantity="1", work_order=order)
    client.force_login(site.engineer)
    with django_assert_max_num_queries(20):
        page = client.get(url(site, "stores_item", part.pk)).content.decode()
    assert order.number in page


def test_a_part_is_added_received_issued_and_counted_through_the_forms(client, site):
    order = repair_order(site)
    client.force_login(site.engineer)
    added = client.post(
        url(site, "stores_new"),
        {
            "code": "FUSE-10A",
            "name": "熔断器 10A",
            "unit": "个",
            "unit_cost": "0",
            "reorder_point": "5",
        },
    )
    part = StockItem.objects.get(code="FUSE-10A")
    assert added.status_code == 302
    client.post(
        url(site, "stores_receive", part.pk),
        {"quantity": "20", "unit_cost": "3.5", "supplier": "电料行"},
    )
    client.force_login(site.electrician)
    issued = {"quantity": "4", "work_order": order.number, "key": "form-1"}
    assert client.post(url(site, "stores_issue", part.pk), issued).status_code == 302
    assert client.post(url(site, "stores_issue", part.pk), issued).status_code == 302
    refused = client.post(
        url(site, "stores_issue", part.pk),
        {"quantity": "99", "work_order": order.number, "key": "f2"},
    )
    assert refused.status_code == 400
    assert "16" in refused.content.decode()
    assert (
        client.post(url(site, "stores_count", part.pk), {"counted": "1", "reason": "x"}).status_code
        == 403
    )
    client.force_login(site.engineer)
    client.post(url(site, "stores_count", part.pk), {"counted": "15", "reason": "月度盘点"})
    part.refresh_from_db()
    assert part.on_hand == 15
    assert [m.kind for m in part.movements.order_by("pk")] == ["received", "issued", "counted"]


def test_the_work_order_page_shows_the_materials_and_their_total(client, site):
    part = stocked(site)
    order = repair_order(site)
    services.stock_issue(actor=site.electrician, item=part, quantity="2", work_order=order)
    client.force_login(site.engineer)
    page = client.get(reverse("servicedesk:order", args=[site.community.pk, order.pk]))
    text = page.content.decode()
    assert 'data-section="materials"' in text and "¥60.00" in text
    client.force_login(site.frontdesk)
    page = client.get(reverse("servicedesk:order", args=[site.community.pk, order.pk]))
    assert 'data-section="materials"' not in page.content.decode()


def test_the_supervisors_home_lists_the_parts_to_reorder(client, site):
    part = stocked(site, quantity="1")
    client.force_login(site.engineer)
    home = client.get(reverse("estates:overview", args=[site.community.pk]))
    assert f'data-low-part="{part.pk}"' in home.content.decode()
    assert not Notification.objects.filter(kind="facilities.stock_low").exists()


def test_the_keepers_change_a_part_and_the_technician_may_not(client, site):
    part = stocked(site)
    client.force_login(site.electrician)
    assert (
        'data-action="edit"' not in client.get(url(site, "stores_item", part.pk)).content.decode()
    )
    assert client.get(url(site, "stores_edit", part.pk)).status_code == 403
    client.force_login(site.engineer)
    form = client.get(url(site, "stores_edit", part.pk))
    assert form.status_code == 200 and 'name="code"' not in form.content.decode()
    refused = client.post(url(site, "stores_edit", part.pk), {"name": "", "reorder_point": "1"})
    assert refused.status_code == 200
    changed = client.post(
        url(site, "stores_edit", part.pk), {"name": "轴承 6204", "reorder_point": "4"}
    )
    assert changed.status_code == 302
    part.refresh_from_db()
    assert (part.name, part.reorder_point, part.on_hand) == ("轴承 6204", 4, 10)
