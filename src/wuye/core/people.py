"""How people are named to other people."""

from __future__ import annotations


def display_name(user) -> str:
    """A person's full name as others know them, else their login; "" for nobody."""
    if user is None:
        return ""
    return user.get_full_name() or user.get_username()
