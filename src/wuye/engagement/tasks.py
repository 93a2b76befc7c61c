"""Background work of the engagement areas: importing each area's tasks module registers its
periodic tasks when `core.schedule.discover()` imports this one."""

from .votes import tasks as votes  # noqa: F401
