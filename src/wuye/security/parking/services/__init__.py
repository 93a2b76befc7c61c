"""Every change to the gate's parking data, one module per subject."""

from .exceptions import barrier_open, lost_ticket_charge, session_pair, session_plate_correct
from .gates import gate_save
from .sessions import GateOutcome, gate_event_record, session_pay

__all__ = [
    "GateOutcome",
    "barrier_open",
    "gate_event_record",
    "gate_save",
    "lost_ticket_charge",
    "session_pair",
    "session_pay",
    "session_plate_correct",
]
