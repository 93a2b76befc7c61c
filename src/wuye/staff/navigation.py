"""The menu the staff areas share; each area lists its own entries in its navigation.py."""

from django.utils.translation import pgettext_lazy

STAFF = pgettext_lazy("people at work", "Staff")
