"""The store's ledger: receipts at a weighted average cost, issues that never take the stock
below zero and are recorded once per key, counts, returns, and the low-stock notice."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from wuye.core.models import Notification
from wuye.facilities.maintenance.services import task_generate
from wuye.facilities.maintenance.tests.fixtures import START, pump_plan
from wuye.facilities.stores import queries, services
from wuye.facilities.stores.models import StockMovement

from .fixtures import bearing, repair_order


def test_receipts_set_the_weighted_average_cost(site):
    part = bearing(site)
    services.stock_receive(actor=site.engineer, item=part, quantity="10", unit_cost="30")
    services.stock_receive(
        actor=site.engineer, item=part, quantity="5", unit_cost="36.10", supplier="五金店"
    )
    part.refresh_from_db()
    # (10 × 30 + 5 × 36.10) ÷ 15 = 32.0333… → 32.03
    assert part.on_hand == Decimal("15.00")
    assert part.unit_cost == Decimal("32.03")
    assert services.weighted_average(
        Decimal("0"), Decimal("99"), Decimal("3"), Decimal("12.5")
    ) == Decimal("12.5")


def test_an_issue_costs_the_order_at_the_average_of_the_moment(site):
    part = bearing(site)
    order = repair_order(site)
    services.stock_receive(actor=site.engineer, item=part, quantity="10", unit_cost="30.25")
    moved = services.stock_issue(actor=site.electrician, item=part, quantity="3", work_order=order)
    assert moved.quantity == Decimal("-3.00")
    assert moved.unit_cost == Decimal("30.25")
    assert moved.on_hand_after == Decimal("7.00")
    services.stock_return(actor=site.electrician, item=part, quantity="1", work_order=order)
    rows, total = queries.materials_of(work_order=order)
    assert [r.kind for r in rows] == ["issued", "returned"]
    assert total == Decimal("60.50")


def test_an_issue_beyond_the_stock_is_refused_and_changes_nothing(site):
    part = bearing(site)
    order = repair_order(site)
    services.stock_receive(actor=site.engineer, item=part, quantity="2", unit_cost="30")
    with pytest.raises(ValidationError) as refused:
        services.stock_issue(actor=site.electrician, item=part, quantity="3", work_order=order)
    assert "2.00 个" in refused.value.messages[0]
    part.refresh_from_db()
    assert part.on_hand == Decimal("2.00")
    assert part.movements.count() == 1


def test_a_return_cannot_bring_back_more_than_went_out(site):
    part = bearing(site)
    order = repair_order(site)
    services.stock_receive(actor=site.engineer, item=part, quantity="5", unit_cost="30")
    services.stock_issue(actor=site.electrician, item=part, quantity="1", work_order=order)
    with pytest.raises(ValidationError):
        services.stock_return(actor=site.electrician, item=part, quantity="2", work_order=order)


def test_an_issue_with_a_key_is_recorded_once(site):
    part = bearing(site)
    order = repair_order(site)
    services.stock_receive(actor=site.engineer, item=part, quantity="10", unit_cost="30")
    first = services.stock_issue(
        actor=site.electrician, item=part, quantity="2", work_order=order, key="phone-17"
    )
    again = services.stock_issue(
        actor=site.electrician, item=part, quantity="2", work_order=order, key="phone-17"
    )
    assert again.pk == first.pk
    part.refresh_from_db()
    assert part.on_hand == Decimal("8.00")
    with pytest.raises(ValidationError):
        services.stock_issue(
            actor=site.electrician, item=part, quantity="5", work_order=order, key="phone-17"
        )


def test_an_issue_goes_to_one_order_or_task_of_the_same_community(site):
    part = bearing(site)
    services.stock_receive(actor=site.engineer, item=part, quantity="10", unit_cost="30")
    neighbours = repair_order(site, site.other, actor=site.other_manager)
    with pytest.raises(ValidationError):
        services.stock_issue(actor=site.engineer, item=part, quantity="1", work_order=neighbours)
    with pytest.raises(ValidationError):
        services.stock_issue(actor=site.engineer, item=part, quantity="1")
    task = task_generate(pump_plan(site)["plan"], START)
    moved = services.stock_issue(
        actor=site.electrician, item=part, quantity="1", maintenance_task=task
    )
    assert moved.maintenance_task == task


def test_the_supervisor_hears_once_per_crossing_of_the_reorder_point(
    site, django_capture_on_commit_callbacks
):
    part = bearing(site)
    order = repair_order(site)
    with django_capture_on_commit_callbacks(execute=True):
        services.stock_receive(actor=site.engineer, item=part, quantity="5", unit_cost="30")
        services.stock_issue(actor=site.electrician, item=part, quantity="3", work_order=order)
        services.stock_issue(actor=site.electrician, item=part, quantity="1", work_order=order)
    told = Notification.objects.filter(kind="facilities.stock_low")
    assert list(told.values_list("recipient__username", flat=True)) == ["engineer"]
    with django_capture_on_commit_callbacks(execute=True):
        services.stock_receive(actor=site.engineer, item=part, quantity="10", unit_cost="30")
        services.stock_issue(actor=site.electrician, item=part, quantity="9", work_order=order)
    assert told.count() == 2


def test_a_count_sets_the_stock_and_needs_a_reason(site):
    part = bearing(site)
    services.stock_receive(actor=site.engineer, item=part, quantity="10", unit_cost="30")
    with pytest.raises(ValidationError):
        services.stock_count(actor=site.engineer, item=part, counted="8", reason="")
    moved = services.stock_count(actor=site.engineer, item=part, counted="8", reason="月度盘点")
    assert moved.quantity == Decimal("-2.00")
    assert moved.on_hand_after == Decimal("8.00")
    with pytest.raises(ValidationError):
        services.stock_count(actor=site.engineer, item=part, counted="-1", reason="错")


def test_only_the_keepers_add_receive_and_count(site):
    part = bearing(site)
    with pytest.raises(PermissionDenied):
        bearing(site, keeper=site.electrician, code="X-1")
    with pytest.raises(PermissionDenied):
        services.stock_receive(actor=site.electrician, item=part, quantity="1", unit_cost="1")
    with pytest.raises(PermissionDenied):
        services.stock_issue(
            actor=site.guard, item=part, quantity="1", work_order=repair_order(site)
        )


def test_a_code_is_unique_in_the_community_and_amounts_are_checked(site):
    bearing(site)
    with pytest.raises(ValidationError) as refused:
        bearing(site)
    assert "code" in refused.value.error_dict
    bearing(site, site.other, keeper=site.other_manager)
    for bad in ("-1", "1.234", "abc", "NaN", "1e30"):
        with pytest.raises(ValidationError):
            bearing(site, code="Y-1", unit_cost=bad)


def test_the_ledger_refuses_a_negative_stock_in_the_database(site):
    from django.db import IntegrityError, transaction

    part = bearing(site)
    with pytest.raises(IntegrityError), transaction.atomic():
        StockMovement.objects.create(
            community=site.community,
            item=part,
            kind="counted",
            quantity=Decimal("-1"),
            on_hand_after=Decimal("-1"),
            unit_cost=Decimal("0"),
            actor=site.engineer,
        )


def test_a_change_keeps_the_code_unit_and_cost_and_tells_when_it_makes_the_part_low(
    site, django_capture_on_commit_callbacks
):
    part = bearing(site)
    services.stock_receive(actor=site.engineer, item=part, quantity="5", unit_cost="30")
    data = {"name": "水泵轴承 6204-2RS", "category": "轴承", "reorder_point": "6", "code": "X"}
    with django_capture_on_commit_callbacks(execute=True):
        changed = services.stock_item_change(actor=site.engineer, item=part, data=data)
    changed.refresh_from_db()
    assert (changed.code, changed.unit, changed.unit_cost) == ("BRG-6204", "个", Decimal("30"))
    assert (changed.name, changed.reorder_point) == ("水泵轴承 6204-2RS", Decimal("6"))
    # five on hand is now at or below the new reorder point: the supervisor hears of it
    assert Notification.objects.filter(kind="facilities.stock_low").count() == 1
    with pytest.raises(ValidationError) as refused:
        services.stock_item_change(
            actor=site.engineer, item=part, data={"name": " ", "reorder_point": "-1"}
        )
    assert set(refused.value.message_dict) == {"name", "reorder_point"}
    with pytest.raises(PermissionDenied):
        services.stock_item_change(actor=site.electrician, item=part, data=data)
    part.refresh_from_db()
    assert part.name == "水泵轴承 6204-2RS"
