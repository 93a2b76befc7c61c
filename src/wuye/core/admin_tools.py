"""Moved to `wuye.core.admin`; kept for one release so that older imports still work."""

from .admin import CommunityScopedAdmin, ReadOnlyAdminMixin

__all__ = ["CommunityScopedAdmin", "ReadOnlyAdminMixin"]
