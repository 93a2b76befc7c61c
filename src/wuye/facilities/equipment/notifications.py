"""What the engineering supervisor and the manager hear of the compliance calendar: an
obligation coming due (60, 30 and 7 days before), and an item stopped (停用) because its
inspection lapsed or failed."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from wuye.core import notify

DUE = notify.Kind(
    "facilities.compliance_due",
    _("A statutory inspection, test or maintenance of equipment falls due."),
    audience=notify.STAFF,
)

STOPPED = notify.Kind(
    "facilities.equipment_stopped",
    _("Equipment was taken out of service: its inspection lapsed or failed."),
    audience=notify.STAFF,
    urgent=True,
)


def equipment_link(equipment, user) -> str:
    return reverse("facilities:equipment_item", args=[equipment.community_id, equipment.pk])


KINDS = [DUE, STOPPED]
LINKS = {"facilities.equipment": equipment_link}
