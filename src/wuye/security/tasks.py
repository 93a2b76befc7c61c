"""Background work of the gate's areas: importing each area's tasks module registers its
periodic tasks when `core.schedule.discover()` imports this one."""

from .parcels import tasks as parcels  # noqa: F401
from .passes import tasks as passes  # noqa: F401
from .patrols import tasks as patrols  # noqa: F401
