"""Background work of the facilities' areas: importing each area's tasks module registers its
periodic tasks when `core.schedule.discover()` imports this one."""

from .equipment import tasks as equipment  # noqa: F401
from .maintenance import tasks as maintenance  # noqa: F401
