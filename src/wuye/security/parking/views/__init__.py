"""Staff pages of the gate's vehicles: the guard's console and the parking overview."""

from .console import barrier_open, console, lost_ticket, pair, plate_correct
from .overview import overview

__all__ = ["barrier_open", "console", "lost_ticket", "overview", "pair", "plate_correct"]
