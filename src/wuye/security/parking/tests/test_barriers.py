"""The barrier-camera adapter: events in through the ingest, commands out once per event,
and a lane's buffer replaying what it kept while the server was out of reach."""

import pytest

from wuye.security.parking.barriers import CameraEvent, OfflineBuffer, ServerUnreachable
from wuye.security.parking.barriers.interface import ingest_through_sessions
from wuye.security.parking.barriers.simulator import SimulatedBarrier
from wuye.security.parking.models import GateEvent, ParkingSession, SessionStatus

from .conftest import at

pytestmark = pytest.mark.django_db


def event(event_id, direction, plate, when):
    return CameraEvent(
        event_id=event_id,
        gate_code="G1",
        direction=direction,
        at=when,
        plate_read=plate,
        camera="G1-cam",
        photo_ref=f"cam/{event_id}.jpg",
    )


class Link:
    """The lane's network: up or down."""

    def __init__(self):
        self.up = True

    def __call__(self, community, camera_event):
        if not self.up:
            raise ServerUnreachable(camera_event.gate_code)
        return ingest_through_sessions(community, camera_event)


def test_a_resent_event_is_recorded_once_and_its_commands_carried_out_once(site, gate, tariff):
    lane = SimulatedBarrier(site.community)
    first = lane.receive(event("e1", "in", "新A12345", at(2, 8)))
    again = lane.receive(event("e1", "in", "新A12345", at(2, 8)))
    assert first.open_barrier and again.duplicate
    assert ParkingSession.objects.count() == GateEvent.objects.count() == 1
    assert [what for _gate, what, _text in lane.log] == ["show", "speak", "open"]
    assert "新A12345" in lane.log[0][2]
    event_row = GateEvent.objects.get()
    assert (event_row.camera, event_row.photo_ref) == ("G1-cam", "cam/e1.jpg")


def test_an_exit_with_money_due_keeps_the_barrier_shut_and_says_the_amount(site, gate, tariff):
    lane = SimulatedBarrier(site.community)
    lane.receive(event("e1", "in", "新A12345", at(2, 8)))
    lane.log.clear()
    shut = lane.receive(event("e2", "out", "新A12345", at(2, 10, 30)))
    assert not shut.open_barrier and shut.fee_due == 11
    assert [what for _gate, what, _text in lane.log] == ["show", "speak"]
    assert "11.00" in lane.log[0][2]


def test_events_held_offline_are_replayed_in_order_and_a_second_replay_adds_nothing(
    site, gate, tariff
):
    link = Link()
    lane = SimulatedBarrier(site.community, ingest=link)
    buffer = OfflineBuffer(lane)
    link.up = False
    # the camera's events arrive out of order; the lane keeps them all
    assert buffer.receive(event("e2", "out", "新A12345", at(2, 8, 20))).outcomes == []
    assert buffer.receive(event("e1", "in", "新A12345", at(2, 8))).outcomes == []
    buffer.receive(event("e1", "in", "新A12345", at(2, 8)))  # resent while offline
    assert len(buffer) == 2 and GateEvent.objects.count() == 0
    link.up = True
    replay = buffer.replay()
    assert (replay.recorded, replay.duplicates, replay.still_held) == (2, 0, 0)
    session = ParkingSession.objects.get()
    assert session.status == SessionStatus.LEFT  # entered, then left within the free time
    assert list(GateEvent.objects.values_list("event_id", flat=True)) == ["e1", "e2"]
    # the cars passed long ago: nothing was opened or shown for them now
    assert lane.log == []

    # the lane did not hear the answer and sends its buffer again: nothing is counted twice
    for held in (
        event("e1", "in", "新A12345", at(2, 8)),
        event("e2", "out", "新A12345", at(2, 8, 20)),
    ):
        buffer.hold(held)
    again = buffer.replay()
    assert (again.recorded, again.duplicates) == (0, 2)
    assert ParkingSession.objects.count() == 1 and GateEvent.objects.count() == 2


def test_a_buffer_stops_at_the_first_event_it_cannot_send_and_keeps_the_rest(site, gate, tariff):
    link = Link()
    buffer = OfflineBuffer(SimulatedBarrier(site.community, ingest=link))
    link.up = False
    buffer.receive(event("e1", "in", "新A12345", at(2, 8)))
    buffer.receive(event("e2", "in", "新A54321", at(2, 8, 5)))
    replay = buffer.replay()
    assert (replay.recorded, replay.still_held) == (0, 2)
    link.up = True
    live = buffer.receive(event("e3", "in", "新A77777", at(2, 9)))
    assert [o.event.event_id for o in live.outcomes] == ["e1", "e2", "e3"]
    assert len(buffer) == 0
