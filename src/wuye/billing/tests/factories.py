"""Moved to `fixtures`; kept while other apps still import it from here."""

from .fixtures import *  # noqa: F403
