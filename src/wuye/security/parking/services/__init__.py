"""Every change to parking: `tariffs` sets the temporary-parking tariffs and their versions;
`sessions` records camera events and takes payments, `batch` records many events at once."""

from .batch import BatchResult, gate_events_record_many
from .sessions import GateOutcome, gate_event_record, session_pay
from .tariffs import TARIFF_FIELDS, tariff_change, tariff_create

__all__ = [
    "TARIFF_FIELDS",
    "BatchResult",
    "GateOutcome",
    "gate_event_record",
    "gate_events_record_many",
    "session_pay",
    "tariff_change",
    "tariff_create",
]
