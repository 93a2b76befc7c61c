<<<<<<< HEAD
"""The gate's periodic work, gathered from its areas for `core.schedule`."""

from .passes.tasks import passes_close  # noqa: F401
=======
"""Background work of the gate's areas: importing each area's tasks module registers its
periodic tasks when `core.schedule.discover()` imports this one."""

from .parcels import tasks as parcels  # noqa: F401
>>>>>>> main
