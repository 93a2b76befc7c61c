"""Every change to the gate's parking data, one module per subject."""

from .sessions import GateOutcome, gate_event_record, session_pay

__all__ = ["GateOutcome", "gate_event_record", "session_pay"]
