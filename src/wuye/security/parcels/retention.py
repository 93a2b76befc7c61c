"""How long the parcel log keeps a parcel once it has left the shelf (个人信息保护法 第十九条:
no longer than needed; the addressee's name and home are personal data)."""

from __future__ import annotations

from datetime import datetime

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from wuye.core.retention import DataClass

from .models import Parcel, ParcelStatus


def purge(community_id: int, before: datetime) -> int:
    """Delete the community's parcels picked up or returned before `before`; waiting parcels
    stay however old they are. Returns how many were deleted (none the second time)."""
    deleted, _by_model = Parcel.objects.filter(
        Q(status=ParcelStatus.PICKED_UP, picked_up_at__lt=before)
        | Q(status=ParcelStatus.RETURNED, returned_at__lt=before),
        community_id=community_id,
    ).delete()
    return deleted


DATA_CLASSES = [
    DataClass("parcels", _("Parcel records"), 180, purge, order=420, models=("security.parcel",))
]
