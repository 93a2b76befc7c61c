"""The shift handover: an entry in the gate's menu, and its counted items under settings."""

from django.utils.translation import gettext_lazy as _

from wuye.core.navigation import SETTINGS, NavEntry

from ..navigation import GATE

STAFF = [
    NavEntry("security:handovers", _("Shift handovers"), "handover.view", group=GATE, order=720),
    NavEntry(
        "security:handover_mine",
        _("Hand over my shift"),
        "handover.record",
        group=GATE,
        order=721,
    ),
    NavEntry(
        "security:handover_items",
        _("Handover items"),
        "handover.configure",
        group=SETTINGS,
        order=860,
        summary=_("The keys and equipment the guards count at every handover, and how many."),
    ),
]
