"""The barrier-camera adapter: what a lane's camera sends (entries and exits) and what the
server sends back (open the barrier, show a text, speak a text), a device's buffer for the
hours the server cannot be reached, and a simulator of a day of traffic."""

from .buffer import OfflineBuffer
from .interface import Barrier, CameraEvent, Command, ServerUnreachable

__all__ = ["Barrier", "CameraEvent", "Command", "OfflineBuffer", "ServerUnreachable"]
