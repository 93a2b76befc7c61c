"""Notices in the portal hub: those published to the resident's homes they have not opened
yet, pinned ones first."""

from django.db.models import Exists, OuterRef

from wuye.core.home import ResidentPanel

from ..models import NoticeRead
from . import queries

SHOWN = 3


def _unread(request, unit_ids) -> dict | None:
    read = NoticeRead.objects.filter(notice_id=OuterRef("pk"), user_id=request.user.pk)
    rows = queries.notices_for_residents(request.user).exclude(Exists(read))
    latest = list(queries.pinned_first(rows)[:SHOWN])
    if not latest:
        return None
    return {"count": rows.count(), "latest": latest}


RESIDENT_PANELS = [
    ResidentPanel(
        key="notices",
        template="engagement/notices/hub_panel.html",
        context=_unread,
        order=400,
    ),
]
