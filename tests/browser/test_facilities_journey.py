"""A technician on a phone scans a pump's QR label, which opens the pump's page; from there one
tap reaches the pump's open monthly task, whose checklist is completed with an outlet pressure
above the maximum; the work order raised for the pump is on the staff's work-order board."""

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from wuye.facilities.equipment import labels
from wuye.facilities.equipment import services as equipment
from wuye.facilities.maintenance import services as maintenance
from wuye.facilities.maintenance.models import (
    Cadence,
    ChecklistItem,
    ItemKind,
    MaintenancePlan,
    TaskAnswer,
    TaskStatus,
)
from wuye.servicedesk.models import Team, TeamMember, WorkOrder

from .conftest import log_in

pytestmark = pytest.mark.django_db(transaction=True)


def _pump_and_its_task(people):
    c = people.community
    team = Team.objects.create(
        community=c, name="工程维修部", categories=["repair_common"], subcategories=[]
    )
    TeamMember.objects.create(team=team, user=people.users["electrician"], skills=[])
    pump = equipment.equipment_add(
        actor=people.users["engineer"],
        community=c,
        data={
            "code": "PUMP-2",
            "name": "2号生活给水泵",
            "kind": "water_pump",
            "place": "水泵房",
            "floor": "B1",
            "importance": "A",
        },
    )
    plan = MaintenancePlan.objects.create(
        community=c,
        name="生活水泵月度保养 PUMP-2",
        cadence=Cadence.MONTHS,
        interval=1,
        starts_on=timezone.localdate(),
        team=team,
    )
    plan.equipment.set([pump])
    ChecklistItem.objects.create(
        plan=plan,
        order=0,
        question="出水压力",
        kind=ItemKind.NUMBER,
        equipment=pump,
        unit="MPa",
        min_value="0.30",
        max_value="0.60",
    )
    ChecklistItem.objects.create(
        plan=plan, order=1, question="机械密封无渗漏", kind=ItemKind.YES_NO, failing_answer="no"
    )
    task = maintenance.task_generate(plan, timezone.localdate())
    return pump, task


def test_a_pressure_above_the_maximum_puts_a_work_order_for_the_pump_on_the_board(
    people, open_page, shot, monkeypatch
):
    pump, task = _pump_and_its_task(people)
    c = people.community.pk

    encoded = []
    real_qr = labels.qr_png
    monkeypatch.setattr(
        labels, "qr_png", lambda address: encoded.append(address) or real_qr(address)
    )

    phone = open_page(width=390, height=844, touch=True)
    log_in(phone, "electrician")
    label = phone.request.get(f"/c/{c}/facilities/equipment/{pump.pk}/label.pdf")
    assert label.ok and label.headers["content-type"] == "application/pdf"
    (address,) = encoded

    # The label's QR code opens the pump's page; its open monthly task is one tap away.
    phone.goto(address)
    expect(phone.locator("h1")).to_contain_text("PUMP-2")
    phone.locator(f"[data-task='{task.pk}'] [data-link=do-task]").tap()

    form = phone.locator("form[data-form=checklist]")
    pressure = ChecklistItem.objects.get(plan=task.plan, kind=ItemKind.NUMBER)
    seal = ChecklistItem.objects.get(plan=task.plan, kind=ItemKind.YES_NO)
    form.locator(f"#answer-{pressure.pk}").fill("0.72")
    form.locator(f"label[for=answer-{seal.pk}]").tap()
    shot(phone, "maintenance-checklist-phone")
    form.locator("button[value=complete]").tap()
    expect(phone.locator(".alert-warning")).to_be_visible()

    task.refresh_from_db()
    assert task.status == TaskStatus.DONE
    answer = TaskAnswer.objects.get(task=task, item=pressure)
    assert answer.failed and answer.equipment == pump
    order = WorkOrder.objects.get(pk=answer.work_order_id)
    assert WorkOrder.objects.filter(community_id=c).count() == 1
    expect(phone.locator(".alert-warning")).to_contain_text(order.number)
    expect(phone.locator(f"[data-work-order='{order.pk}']")).to_be_visible()
    shot(phone, "maintenance-done-phone")

    # The front desk's board shows the order, naming the pump.
    desk = open_page(width=1366, height=900)
    log_in(desk, "frontdesk")
    desk.goto(f"/c/{c}/service/")
    card = desk.locator(f"[data-order='{order.number}']")
    expect(card).to_contain_text("PUMP-2")
    shot(desk, "maintenance-work-order-board")
