"""Parking's staff pages, one module per subject: the sessions, the guard's console, the
parking overview, and `tariffs` (the settings of temporary parking's prices)."""

from .console import barrier_open, console, lost_ticket, pair, plate_correct
from .overview import overview
from .sessions import parking_settings, parking_settings_history, session_detail, session_list

__all__ = [
    "barrier_open",
    "console",
    "lost_ticket",
    "overview",
    "pair",
    "parking_settings",
    "parking_settings_history",
    "plate_correct",
    "session_detail",
    "session_list",
]
