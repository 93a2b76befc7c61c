"""Moved: delivery is `wuye.core.notify`, the work-order notifications are `notifications`.

Kept while `apps.py` connects `remember_language` from here and other apps' modules still
import `deliver` from here; import from the new places.
"""

from wuye.core.notify import deliver

from .notifications import remember_language

__all__ = ["deliver", "remember_language"]
