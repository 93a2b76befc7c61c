"""Every change to the gate's parking data, one module per subject."""

from .batch import BatchResult, gate_events_record_many
from .sessions import GateOutcome, gate_event_record, session_pay

__all__ = [
    "BatchResult",
    "GateOutcome",
    "gate_event_record",
    "gate_events_record_many",
    "session_pay",
]
