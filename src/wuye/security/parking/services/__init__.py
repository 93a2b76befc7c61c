"""Every change to parking: `tariffs` sets the temporary-parking tariffs and their versions;
`sessions` records camera events and takes payments, `batch` records many events at once;
`exceptions` is what the guard settles by hand, `gates` the community's lanes."""

from .batch import BatchResult, gate_events_record_many
from .exceptions import barrier_open, lost_ticket_charge, session_pair, session_plate_correct
from .gates import gate_save
from .sessions import GateOutcome, gate_event_record, session_pay
from .tariffs import TARIFF_FIELDS, tariff_change, tariff_create

__all__ = [
    "TARIFF_FIELDS",
    "BatchResult",
    "GateOutcome",
    "barrier_open",
    "gate_event_record",
    "gate_events_record_many",
    "gate_save",
    "lost_ticket_charge",
    "session_pair",
    "session_pay",
    "session_plate_correct",
    "tariff_change",
    "tariff_create",
]
