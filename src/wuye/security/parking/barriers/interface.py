"""The interface every barrier-camera vendor's adapter implements.

A lane's camera reports each car it sees once, under its own event id; the server records
it through the one ingest service (`services.sessions.gate_event_record`) and answers with
commands: open the barrier or not, the text for the lane's display and for its speaker.
Cameras resend an event when they did not hear the answer, so both halves are idempotent by
event id: the ingest records an event once, and an adapter carries out the commands of an
event once.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable
from dataclasses import asdict, dataclass
from datetime import datetime


class ServerUnreachable(Exception):
    """The lane cannot reach the server: the device keeps the event and sends it later."""


@dataclass(frozen=True)
class CameraEvent:
    """A car seen at a lane, as the camera reports it."""

    event_id: str
    gate_code: str
    direction: str  # Direction.IN or Direction.OUT
    at: datetime
    plate_read: str  # as read, possibly empty when the plate was unreadable
    plate_colour: str = ""
    camera: str = ""
    photo_ref: str = ""


@dataclass(frozen=True)
class Command:
    """What the server tells a lane to do about one event."""

    gate_code: str
    event_id: str
    open_barrier: bool
    display: str
    voice: str


def ingest_through_sessions(community, event: CameraEvent):
    """Record `event` through the parking sessions' ingest service; returns its outcome."""
    from ..services.sessions import gate_event_record

    return gate_event_record(community=community, **asdict(event))


class Barrier(ABC):
    """A community's lanes as one vendor's devices reach them.

    `receive` hands a camera's event to the ingest and carries out the commands it answers
    with; a subclass says how a command reaches the lane (`open`, `show`, `speak`).
    `ingest` is the server side (the sessions service unless a test or the offline buffer
    puts a link in front of it).
    """

    def __init__(self, community, *, ingest: Callable | None = None):
        self.community = community
        self.ingest = ingest or ingest_through_sessions
        self._carried_out: set[str] = set()

    @abstractmethod
    def open(self, gate_code: str) -> None:
        """Raise the lane's barrier."""

    @abstractmethod
    def show(self, gate_code: str, text: str) -> None:
        """Put `text` on the lane's display."""

    @abstractmethod
    def speak(self, gate_code: str, text: str) -> None:
        """Say `text` through the lane's speaker."""

    def receive(self, event: CameraEvent, *, act: bool = True):
        """Record `event` and carry out what the server answers (unless `act` is false: the
        car has passed already), once per event id; returns the ingest's outcome. Raises
        `ServerUnreachable` when the server cannot be reached."""
        outcome = self.ingest(self.community, event)
        if not act:
            self._carried_out.add(event.event_id)
            return outcome
        self.carry_out(
            Command(
                gate_code=event.gate_code,
                event_id=event.event_id,
                open_barrier=outcome.open_barrier,
                display=str(outcome.display or ""),
                voice=str(outcome.voice or ""),
            )
        )
        return outcome

    def carry_out(self, command: Command) -> bool:
        """Carry out `command` unless this event's commands were carried out already;
        returns whether anything was done."""
        if command.event_id in self._carried_out:
            return False
        self._carried_out.add(command.event_id)
        if command.display:
            self.show(command.gate_code, command.display)
        if command.voice:
            self.speak(command.gate_code, command.voice)
        if command.open_barrier:
            self.open(command.gate_code)
        return True
