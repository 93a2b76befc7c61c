"""The service report for tests: January 2026, a work order received at a given moment and a
notice published then."""

from __future__ import annotations

from datetime import datetime
from itertools import count
from zoneinfo import ZoneInfo

from wuye.core.report import Period
from wuye.engagement.models import Notice
from wuye.engagement.notices import services
from wuye.servicedesk.models import Status, WorkOrder

SHANGHAI = ZoneInfo("Asia/Shanghai")
JAN_5 = datetime(2026, 1, 5, 9, 0, tzinfo=SHANGHAI)
JANUARY = Period.month(2026, 1)
numbers = count(1)


def order(site, *, at=JAN_5, **fields) -> WorkOrder:
    data = {
        "community": site.community,
        "number": f"BDX-R-{next(numbers):05d}",
        "unit": site.units["owner_home"],
        "channel": "hotline",
        "category": "repair_home",
        "subcategory": "plumbing",
        "priority": "normal",
        "description": "Test",
        "status": Status.CLOSED,
        "created_at": at,
        **fields,
    }
    return WorkOrder.objects.create(**data)


def notice(site, *, title="Water off", kind="outage", at=JAN_5, buildings=()):
    written = services.notice_save(
        actor=site.frontdesk,
        community=site.community,
        data={"kind": kind, "title": title, "body": "Text.", "buildings": list(buildings)},
    )
    services.notice_publish(actor=site.manager, notice=written)
    Notice.objects.filter(pk=written.pk).update(published_at=at)
    written.refresh_from_db()
    return written
