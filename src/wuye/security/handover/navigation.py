"""The shift handover in the gate's menu: the handovers, one's own, and the counted items."""

from django.utils.translation import gettext_lazy as _

from wuye.core.navigation import NavEntry

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
        group=GATE,
        order=722,
    ),
]
