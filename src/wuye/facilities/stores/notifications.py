"""What the engineering supervisor hears of the store: a part at or below its reorder point."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from wuye.core import notify

LOW = notify.Kind(
    "facilities.stock_low",
    _("A spare part fell to or below its reorder point."),
    audience=notify.STAFF,
)


def part_link(item, user) -> str:
    return reverse("facilities:stores_item", args=[item.community_id, item.pk])


KINDS = [LOW]
LINKS = {"facilities.stockitem": part_link}
