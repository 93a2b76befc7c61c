"""The menus engagement's areas share; each area lists its own entries in its navigation.py."""

from django.utils.translation import gettext_lazy as _

OWNERS = _("Owners")
AFFAIRS = _("Owners' affairs")
COMMUNITY_LIFE = _("Community life")
