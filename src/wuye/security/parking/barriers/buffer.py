"""A lane's memory for the hours it cannot reach the server.

A camera keeps recognising cars while the network is down; the lane's controller lets them
through on its own and keeps each event. When the server is back the events are sent in the
order they happened, through the same idempotent ingest; what the server answers about a car
long gone is not carried out at the lane. An event the server had already recorded (its
answer was lost on the way back) is recognised by its id and not counted again, so replaying
a buffer twice changes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .interface import Barrier, CameraEvent, ServerUnreachable


@dataclass
class Replay:
    """What one replay did: outcomes of the events sent, and how many are still held."""

    outcomes: list = field(default_factory=list)
    recorded: int = 0
    duplicates: int = 0
    still_held: int = 0


class OfflineBuffer:
    """Events a lane holds until the server can be reached, oldest first."""

    def __init__(self, barrier: Barrier):
        self.barrier = barrier
        self._held: list[CameraEvent] = []

    def __len__(self) -> int:
        return len(self._held)

    @property
    def held(self) -> list[CameraEvent]:
        return list(self._held)

    def hold(self, event: CameraEvent) -> None:
        """Keep `event` to send later (a resent event already held is kept once)."""
        if all(kept.event_id != event.event_id for kept in self._held):
            self._held.append(event)

    def receive(self, event: CameraEvent) -> Replay:
        """Send `event` now, after anything held before it; hold it when the server cannot
        be reached. Returns what was sent, the events held before it first."""
        self.hold(event)
        return self.replay(live=event.event_id)

    def replay(self, live: str = "") -> Replay:
        """Send the held events in the order they happened; stop at the first that cannot
        be sent and keep it and those after it. The cars of events sent late have long
        passed: only the `live` event's commands are carried out at the lane."""
        report = Replay()
        self._held.sort(key=lambda event: (event.at, event.event_id))
        while self._held:
            try:
                event = self._held[0]
                outcome = self.barrier.receive(event, act=event.event_id == live)
            except ServerUnreachable:
                break
            self._held.pop(0)
            report.outcomes.append(outcome)
            if outcome.duplicate:
                report.duplicates += 1
            else:
                report.recorded += 1
        report.still_held = len(self._held)
        return report
