"""The menu the facilities' areas share; each area lists its own entries in its navigation.py."""

from django.utils.translation import gettext_lazy as _

FACILITIES = _("Facilities")
