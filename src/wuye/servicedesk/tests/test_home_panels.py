"""The community's home page shows the panels the apps register, each to whom it concerns."""

from datetime import timedelta

import time_machine
from django.urls import reverse

from wuye.servicedesk.models import Status

from .fixtures import MONDAY_10, order_in


def _page(client, user, community):
    client.force_login(user)
    return client.get(reverse("estates:overview", args=[community.pk]))


def test_the_home_page_counts_the_work_orders_that_need_attention(client, site):
    order_in(site, Status.SUBMITTED)
    order_in(site, Status.DISPATCHED)
    order_in(site, Status.RESOLVED)
    order_in(site, Status.CLOSED)
    with time_machine.travel(MONDAY_10 + timedelta(hours=1), tick=False):
        page = _page(client, site.manager, site.community)
    panels = {panel["key"]: panel for panel in page.context["panels"]}
    assert panels["work_orders"]["open"] == 2
    assert panels["work_orders"]["callbacks"] == 1
    assert 'data-panel="work_orders"' in page.content.decode()


def test_each_role_sees_the_panels_of_its_work(client, site):
    def keys(user):
        return [panel["key"] for panel in _page(client, user, site.community).context["panels"]]

    # Statutory maintenance left undone comes first: it is a breach of the law; then the
    # office's own daily inspection if it is not done. The equipment's intact rate and the
    # spare parts to reorder follow the money.
    assert keys(site.manager) == [
        "maintenance_breaches",
        "office_inspection",
        "work_orders",
        "on_duty",
        "collection",
        "equipment_intact",
        "stores_low",
        "parking_inside",
        "parcels",
    ]
    # The cashier takes parking fees at the gate as well as the homes' fees.
    assert keys(site.cashier) == ["work_orders", "on_duty", "collection", "parking_inside"]
    # A guard sees first the post they stand and their next patrol, reports and follows work
    # orders, sees who else is on duty, keeps the gate and its parcel shelf, and has nothing
    # to do with the money.
    assert keys(site.guard) == ["my_post", "work_orders", "on_duty", "parking_inside", "parcels"]
