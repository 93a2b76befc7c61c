"""The facilities in the Django admin: each area's admin, gathered."""

from .maintenance import admin as maintenance  # noqa: F401
