"""Every change to the gate's parking data, one module per subject: `sessions` (camera
events, stays, payments), `exceptions` (what the guard settles by hand), `gates` (the
lanes) and `tariffs` (the temporary-parking tariffs and their versions)."""

from .exceptions import barrier_open, lost_ticket_charge, session_pair, session_plate_correct
from .gates import gate_save
from .sessions import GateOutcome, gate_event_record, session_pay
from .tariffs import TARIFF_FIELDS, tariff_change, tariff_create

__all__ = [
    "TARIFF_FIELDS",
    "GateOutcome",
    "barrier_open",
    "gate_event_record",
    "gate_save",
    "lost_ticket_charge",
    "session_pair",
    "session_pay",
    "session_plate_correct",
    "tariff_change",
    "tariff_create",
]
