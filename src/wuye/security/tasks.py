"""The gate's periodic work, gathered from its areas for `core.schedule`."""

from .passes.tasks import passes_close  # noqa: F401
