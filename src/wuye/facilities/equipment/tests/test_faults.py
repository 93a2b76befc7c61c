"""Faults of an item: reported on its page as a repair work order linked to the item, listed
there open and closed, counted on the register and in the API."""

from datetime import date

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from wuye.core.models import AuditEntry
from wuye.facilities.equipment import services
from wuye.facilities.equipment.models import EquipmentFault
from wuye.servicedesk.models import WorkOrder
from wuye.testing.api import bearer

from .fixtures import lift


@pytest.fixture(autouse=True)
def _clock():
    with time_machine.travel(date(2026, 6, 15), tick=False):
        yield


def url(site, name, *args):
    return reverse(f"facilities:{name}", args=[site.community.pk, *args])


def report(site, item, text="The car stops short of floor 3.", **kwargs):
    return services.fault_report(actor=site.engineer, equipment=item, description=text, **kwargs)


def close(fault):
    # The service desk resolves the order through its own workflow; only its state matters here.
    WorkOrder.objects.filter(pk=fault.work_order_id).update(status="resolved")


def test_a_reported_fault_raises_a_repair_order_for_the_items_place(site):
    item = lift(site)
    fault = report(site, item, priority="urgent")

    order = fault.work_order
    assert fault.equipment == item and fault.raised_by == site.engineer
    assert order.community == site.community and order.category == "repair_common"
    assert order.priority == "urgent" and "LIFT-2-1" in order.description
    assert "Entrance 1" in order.location and "LIFT-2-1" in order.location
    assert AuditEntry.objects.filter(action="equipment.fault", object_id=str(item.pk)).exists()


@pytest.mark.parametrize(
    "data, field",
    [({"description": "  "}, "description"), ({"priority": "whenever"}, "priority")],
)
def test_a_fault_without_a_description_or_priority_changes_nothing(site, data, field):
    item = lift(site)
    with pytest.raises(ValidationError) as refused:
        services.fault_report(
            actor=site.engineer,
            equipment=item,
            **{"description": "Broken", "priority": "normal", **data},
        )
    assert field in refused.value.message_dict
    assert not EquipmentFault.objects.exists() and not WorkOrder.objects.exists()


def test_a_retired_item_has_no_fault_and_others_cannot_report(site):
    item = lift(site)
    with pytest.raises(PermissionDenied):
        services.fault_report(actor=site.guard, equipment=item, description="Broken")
    services.equipment_retire(actor=site.engineer, equipment=item, reason="Replaced")
    with pytest.raises(ValidationError):
        report(site, item)
    assert not WorkOrder.objects.exists()


def test_the_page_lists_faults_open_and_closed_and_the_list_counts_the_open(
    client, site, django_assert_max_num_queries
):
    item = lift(site)
    first, second = report(site, item), report(site, item, "The door does not close.")
    close(first)
    for number in range(5):
        report(site, lift(site, code=f"LIFT-{number}"))
    client.force_login(site.engineer)

    with django_assert_max_num_queries(17):
        page = client.get(url(site, "equipment_item", item.pk)).content.decode()
    assert f'data-fault="{first.pk}" data-order-status="resolved"' in page
    assert f'data-fault="{second.pk}" data-order-status="' in page
    assert 'data-form="fault"' in page
    with django_assert_max_num_queries(14):
        listed = client.get(url(site, "equipment")).content.decode()
    assert listed.count('data-open-faults="1"') == 6


def test_the_fault_form_raises_an_order_on_the_board(client, site):
    item = lift(site)
    client.force_login(site.electrician)
    answer = client.post(
        url(site, "equipment_fault", item.pk), {"description": "Noisy", "priority": "normal"}
    )
    assert answer.status_code == 302
    fault = EquipmentFault.objects.get(equipment=item)
    assert fault.raised_by == site.electrician and fault.work_order.description.endswith("Noisy")
    empty = client.post(url(site, "equipment_fault", item.pk), {"priority": "normal"})
    assert empty.status_code == 302 and EquipmentFault.objects.count() == 1


def test_the_api_counts_open_faults(client, site):
    item = lift(site)
    fault = report(site, item)
    report(site, item, "Second")
    headers = bearer(site.manager)

    one = client.get(f"/api/v1/equipment/{item.pk}", headers=headers).json()
    assert one["open_faults"] == 2
    close(fault)
    one = client.get(f"/api/v1/equipment/{item.pk}", headers=headers).json()
    listed = client.get(
        "/api/v1/equipment", {"community_id": site.community.pk}, headers=headers
    ).json()
    assert one["open_faults"] == 1 and listed["items"][0]["open_faults"] == 1
