"""Periodic work: apps declare a task with `@periodic("cron")`; `wuye scheduler` enqueues it.

The scheduler only enqueues; the workers (`wuye db_worker`) run the task, so several web
and worker processes stay stateless and a slow job never blocks the clock.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import import_module

from django.apps import apps


@dataclass(frozen=True)
class PeriodicTask:
    cron: str
    task: object  # a django_tasks Task

    @property
    def name(self) -> str:
        return self.task.module_path


REGISTRY: dict[str, PeriodicTask] = {}


def periodic(cron: str):
    """Mark a task (decorated with @task) to be enqueued on a cron schedule (server time zone)."""

    def wrap(task):
        entry = PeriodicTask(cron=cron, task=task)
        REGISTRY[entry.name] = entry
        return task

    return wrap


def discover() -> list[PeriodicTask]:
    """Import every installed app's `tasks` module so that its periodic tasks register."""
    for config in apps.get_app_configs():
        if config.name.startswith("wuye."):
            try:
                import_module(f"{config.name}.tasks")
            except ModuleNotFoundError as exc:
                if exc.name != f"{config.name}.tasks":
                    raise
    return sorted(REGISTRY.values(), key=lambda e: e.name)
