"""Staff pages of parking, one module per subject."""

from .sessions import parking_settings, parking_settings_history, session_detail, session_list

__all__ = ["parking_settings", "parking_settings_history", "session_detail", "session_list"]
