"""The intact rate: items not retired, in service with no open fault, at the end of a day;
on the home page of the keepers, beside the service indicators and in the service report."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse

from wuye.core.report import Period, sections
from wuye.facilities.equipment import services
from wuye.facilities.equipment.intact import intact_rate
from wuye.servicedesk.models import WorkOrder

from .fixtures import lift

SHANGHAI = ZoneInfo("Asia/Shanghai")
TODAY = date(2026, 6, 15)


@pytest.fixture(autouse=True)
def _clock():
    with time_machine.travel(datetime(2026, 6, 15, 10, tzinfo=SHANGHAI), tick=False):
        yield


def at(day: date, hour=9) -> datetime:
    return datetime(day.year, day.month, day.day, hour, tzinfo=SHANGHAI)


def register(site, n=50):
    return [lift(site, code=f"LIFT-{number}") for number in range(n)]


def test_fifty_items_one_retired_one_faulty_one_stopped_make_95_9_per_cent(site):
    items = register(site)
    services.fault_report(
        actor=site.engineer, equipment=items[0], description="Stuck", at=at(date(2026, 6, 10))
    )
    services.equipment_retire(actor=site.engineer, equipment=items[1], reason="Scrapped")
    items[2].status = "out_of_service"
    items[2].save(update_fields=["status"])

    rate = intact_rate(site.community.pk, TODAY)
    assert (rate.intact, rate.total, str(rate.value), rate.met) == (47, 49, "95.9", False)
    # before the fault was raised, only the stopped item counts against it
    before = intact_rate(site.community.pk, date(2026, 6, 9))
    assert (before.intact, before.total, str(before.value)) == (48, 49, "98.0") and before.met
    # another community's register is its own
    assert intact_rate(site.other.pk, TODAY).value is None


def test_a_fault_resolved_later_was_open_on_the_days_before(site):
    items = register(site, 2)
    fault = services.fault_report(
        actor=site.engineer, equipment=items[0], description="Leak", at=at(date(2026, 6, 1))
    )
    # The service desk resolves it on 5 June; only its state and time matter here.
    WorkOrder.objects.filter(pk=fault.work_order_id).update(
        status="resolved", resolved_at=at(date(2026, 6, 5), 15)
    )
    assert intact_rate(site.community.pk, date(2026, 6, 4)).intact == 1
    assert intact_rate(site.community.pk, date(2026, 6, 5)).intact == 2
    assert intact_rate(site.community.pk, date(2026, 5, 31)).intact == 2


def test_the_keepers_home_shows_it_and_the_technicians_does_not(client, site):
    items = register(site, 4)
    services.fault_report(actor=site.engineer, equipment=items[0], description="Stuck")
    client.force_login(site.engineer)
    home = client.get(reverse("estates:overview", args=[site.community.pk])).content.decode()
    assert 'data-panel="equipment_intact"' in home and 'data-intact-rate="75.0"' in home
    client.force_login(site.electrician)
    home = client.get(reverse("estates:overview", args=[site.community.pk])).content.decode()
    assert 'data-panel="equipment_intact"' not in home


def test_it_stands_beside_the_service_indicators(client, site):
    register(site, 3)
    client.force_login(site.manager)
    page = client.get(reverse("servicedesk_dashboard:dashboard", args=[site.community.pk]))
    text = page.content.decode()
    assert 'data-indicator="intact_rate" data-met="yes"' in text
    assert "3 / 3" in text


def test_the_service_report_has_an_equipment_section(site):
    items = register(site, 2)
    services.fault_report(
        actor=site.engineer, equipment=items[0], description="Stuck", at=at(date(2026, 5, 20))
    )
    may = {s.key: s for s in sections(site.community, Period.month(2026, 5))}
    figures = [(f.value, f.met) for f in may["equipment"].figures]
    assert figures == [("50.0 %", False), ("1 of 2", None), ("1", None)]
    april = {s.key: s for s in sections(site.community, Period.month(2026, 4))}
    assert [f.value for f in april["equipment"].figures] == ["100.0 %", "2 of 2", "0"]
    assert "equipment" not in {s.key for s in sections(site.other, Period.month(2026, 5))}
