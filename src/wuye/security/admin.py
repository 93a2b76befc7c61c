"""The gate's areas in the Django admin: each area's registrations, gathered here."""

from .patrols import admin as patrols  # noqa: F401
