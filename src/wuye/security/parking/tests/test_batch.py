"""Many events at once give the sessions, fees and answers of the events one by one."""

import random
from datetime import date, timedelta

import pytest
import time_machine

from wuye.billing.tests.fixtures import ParkingContractFactory
from wuye.estates.models import ParkingSpace, Residency
from wuye.security.parking.models import GateEvent, ParkingSession
from wuye.security.parking.services import gate_event_record, gate_events_record_many
from wuye.security.passes.tests.fixtures import invite
from wuye.testing import factories as f

from .conftest import at

pytestmark = pytest.mark.django_db


def traffic(seed: int = 7) -> list[dict]:
    """Two days of cars: temporary ones in and out (some twice), the home's two cars on a
    one-car space, a car that leaves without entering, an unreadable plate, a repeat."""
    rng = random.Random(seed)
    events = []
    plates = [f"新A{n:05d}" for n in range(1, 25)] + ["新B12345", "新B88888"]
    for plate in plates:
        start = at(2, 7) + timedelta(minutes=rng.randrange(0, 600))
        for _stay in range(rng.choice([1, 2])):
            stay = timedelta(minutes=rng.choice([20, 45, 150, 300, 1445, 1510]))
            events.append({"direction": "in", "plate_read": plate, "at": start})
            events.append({"direction": "out", "plate_read": plate, "at": start + stay})
            start += stay + timedelta(minutes=rng.randrange(30, 200))
    events.append({"direction": "out", "plate_read": "新C99999", "at": at(2, 9)})
    events.append({"direction": "in", "plate_read": "??", "at": at(2, 9, 30)})
    for n, event in enumerate(events):
        event.update(gate_code="G1", event_id=f"e{n}")
    events.append(dict(events[0]))  # the same event sent twice
    return events


def snapshot():
    sessions = [
        (s.plate, s.kind, s.status, s.exception, s.entered_at, s.exited_at, s.fee, s.contract_id)
        for s in ParkingSession.objects.order_by("plate", "entered_at", "exited_at")
    ]
    events = [
        (e.event_id, e.plate, e.opened, e.display, e.fee_due, e.session.plate, e.session.entered_at)
        for e in GateEvent.objects.select_related("session").order_by("event_id")
    ]
    return sessions, events


def test_the_batch_matches_the_events_one_by_one(site, drive):
    Residency.objects.update(start_date=date(2020, 1, 1))
    spouse = site.residents["owner_spouse"]
    f.VehicleFactory(community=site.community, plate="新B88888", resident=spouse)
    ParkingContractFactory(
        unit=site.units["owner_home"], space=ParkingSpace.objects.get(number="A-001")
    )
    with time_machine.travel(at(2, 6), tick=False):  # a visitor's car expected for the day
        invite(site, plate="新A00001", valid_from=at(2, 6), valid_until=at(2, 23))
    events = traffic()
    for event in sorted(events, key=lambda e: (e["at"], e["event_id"])):
        gate_event_record(community=site.community, **event)
    one_by_one = snapshot()
    assert any(row[6] > 0 for row in one_by_one[0])  # some stays cost money
    assert {row[1] for row in one_by_one[0]} == {"monthly", "temporary", "visitor"}
    GateEvent.objects.all().delete()
    ParkingSession.objects.all().delete()

    result = gate_events_record_many(site.community, events)
    assert result.duplicates == 1 and result.recorded == len(events) - 1
    assert snapshot() == one_by_one
    # sent again, nothing changes
    again = gate_events_record_many(site.community, events)
    assert again.recorded == 0 and snapshot() == one_by_one
