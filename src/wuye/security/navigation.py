"""The menu the gate's areas share; each area lists its own entries in its navigation.py."""

from django.utils.translation import gettext_lazy as _

GATE = _("Gate")
# The portal's menu for what the gate keeps for a home: its visitors and its parcels.
AT_THE_GATE = _("Visitors and parcels")
