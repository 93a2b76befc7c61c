"""The demo's facilities: the register with the lifts' statutory profiles (one inspection due
within the month, none lapsed), three months of maintenance with readings and the one reading
out of range that raised a work order for pump 2, the contractors with their contracts and
monthly inspections; a second run adds nothing."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import time_machine
from django.db.models import F

from wuye.demo.facilities import CONTRACTORS, PLANT, facilities_load
from wuye.facilities.contractors.models import Contract, Inspection, Score
from wuye.facilities.equipment.models import Equipment, EquipmentStatus, StatutoryProfile
from wuye.facilities.equipment.queries import LAPSED, calendar_entries
from wuye.facilities.maintenance.models import (
    CounterReading,
    MaintenancePlan,
    MaintenanceTask,
    TaskAnswer,
    TaskStatus,
)
from wuye.facilities.stores.models import StockItem, StockMovement
from wuye.servicedesk.models import Team, TeamMember, WorkOrder

NOW = datetime(2026, 12, 9, 10, 30, tzinfo=ZoneInfo("Asia/Shanghai"))


def _team(site):
    team = Team.objects.create(
        community=site.community, name="工程维修部", categories=["repair_common"], subcategories=[]
    )
    TeamMember.objects.create(team=team, user=site.users["electrician"], skills=[])


def test_the_plant_its_maintenance_and_contractors_are_loaded_once(site):
    _team(site)
    today = NOW.date()
    with time_machine.travel(NOW, tick=False):
        counts = facilities_load(site.community, now=NOW)

        # Building 2 of the test site is a small high-rise with two lifts.
        assert counts["lifts"] == 2
        assert counts["equipment"] == Equipment.objects.count() == len(PLANT) + 2
        lifts = StatutoryProfile.objects.filter(equipment__kind="lift")
        assert lifts.count() == 2
        assert all(p.registration_code and p.use_certificate_number for p in lifts)
        dues = sorted(p.next_inspection_due for p in lifts)
        assert today < dues[0] <= today + timedelta(days=30) < dues[1]
        assert not Equipment.objects.exclude(status=EquipmentStatus.IN_SERVICE).exists()
        entries = calendar_entries(Equipment.objects.all(), today)
        assert not [e for e in entries if e.state == LAPSED]
        assert any(e.equipment.kind == "lift" and e.due_on == dues[0] for e in entries)

        done = MaintenanceTask.objects.filter(status=TaskStatus.DONE)
        assert counts["tasks"] == done.count() > 20
        assert not MaintenanceTask.objects.filter(status=TaskStatus.OPEN, due_on__lt=today)
        # Each pump has three monthly readings in MPa, and the next month's task is open.
        for code in ("PUMP-1", "PUMP-2", "PUMP-3"):
            readings = TaskAnswer.objects.filter(equipment__code=code, number__isnull=False)
            assert readings.count() == 3 and {r.item.unit for r in readings} == {"MPa"}
            assert MaintenanceTask.objects.filter(
                plan__equipment__code=code, status=TaskStatus.OPEN
            ).exists()
        (high,) = TaskAnswer.objects.filter(failed=True, task__plan__purpose="maintenance")
        assert high.equipment.code == "PUMP-2" and high.number > high.item.max_value
        # The inspection rounds found a damaged light, dog waste twice and a dead shrub.
        found = TaskAnswer.objects.filter(failed=True, task__plan__purpose="inspection")
        assert found.count() == 4 and all(a.work_order_id for a in found)
        assert counts["work_orders"] == 1 + 4
        office = MaintenancePlan.objects.get(origin__template="office_daily")
        assert office.tasks.filter(status=TaskStatus.DONE).count() == 28
        assert office.tasks.get(status=TaskStatus.OPEN).occurrence == today
        assert WorkOrder.objects.get(pk=high.work_order_id).location.startswith("PUMP-2")

        # The generator's weekly test reads its run-hour meter, which drives its 250-hour
        # service: not due yet.
        service = MaintenancePlan.objects.get(trigger="usage")
        hours = CounterReading.objects.filter(equipment=service.usage_equipment)
        assert hours.count() > 4 and max(r.total for r in hours) < 1250
        assert not service.tasks.exists()
        # The seal and bearing that mended PUMP-2 went to its order; the seals are to reorder.
        seal = StockItem.objects.get(code="SEAL-CR32")
        assert counts["parts"] == StockItem.objects.count() == 6
        assert seal.on_hand == seal.reorder_point == 2
        issued = StockMovement.objects.filter(work_order_id=high.work_order_id)
        assert sorted(m.item.code for m in issued) == ["BRG-6204", "SEAL-CR32"]
        # That order was done the same day, and reads in the community's language.
        order = WorkOrder.objects.get(pk=high.work_order_id)
        assert order.status == "resolved" and "超限" in order.description

        assert counts["contractors"] == len(CONTRACTORS) == Contract.objects.count()
        assert counts["inspections"] == Inspection.objects.count() == 3 * len(CONTRACTORS)
        deductions = Score.objects.exclude(points=F("max_points"))
        assert counts["deductions"] == deductions.count() >= 1
        open_ones = deductions.filter(rectified=None)
        assert open_ones.exists() and all(s.rectify_by >= today for s in open_ones)
        earlier = deductions.filter(inspection__inspected_on__lt=today - timedelta(days=10))
        assert earlier.exists() and not earlier.exclude(rectified=True).exists()

        assert facilities_load(site.community, now=NOW) == {}
