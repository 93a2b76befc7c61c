"""Moved: delivery is `wuye.core.notify`, the work-order notifications are `notifications`.

Kept while `apps.py` connects `remember_language` from here, and for modules of other apps
still written against `deliver` here; new code imports from the new places.
"""

from wuye.core.notify import deliver

from .notifications import remember_language

__all__ = ["deliver", "remember_language"]
