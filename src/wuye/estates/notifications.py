"""The register's part in the message centre: the mobile numbers of people with a portal
login, for text messages and WeChat."""

from __future__ import annotations

from .models import Resident


def mobiles(user_ids: list[int]) -> dict[int, str]:
    return dict(
        Resident.objects.filter(user_id__in=user_ids)
        .exclude(mobile="")
        .order_by("pk")
        .values_list("user_id", "mobile")
    )


MOBILE_SOURCES = [mobiles]
