"""The parcel shelf of Bordeaux Town over the last ten days, received through the services.

About thirty parcels of the common carriers, received by the front desk and the morning
guard: most picked up with their code, a few by a named family member, one refused and
returned, a few still waiting (two of them for the demo owner, one past the reminder days).
A fixed seed makes the shelf the same on every run; a second run changes nothing.
"""

from __future__ import annotations

import random
from datetime import datetime, time, timedelta

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from wuye.core.models import Community
from wuye.estates.models import Relation, Residency, Unit
from wuye.security.parcels import services
from wuye.security.parcels.models import Carrier, Parcel

SEED = 20261207
DAYS = 10
PARCELS = 30
# How often each carrier turns up at a Hami desk, most first.
CARRIERS = (
    [Carrier.ZTO] * 6
    + [Carrier.YTO] * 5
    + [Carrier.YUNDA] * 4
    + [Carrier.SF] * 4
    + [Carrier.JT] * 3
    + [Carrier.STO] * 2
    + [Carrier.JD] * 3
    + [Carrier.EMS] * 2
    + [Carrier.OTHER]
)
PREFIX = {
    Carrier.SF: "SF",
    Carrier.ZTO: "7",
    Carrier.YTO: "YT",
    Carrier.YUNDA: "43",
    Carrier.STO: "77",
    Carrier.JD: "JDVA",
    Carrier.EMS: "98",
    Carrier.JT: "JT",
    Carrier.OTHER: "DPK",
}
SHELVES = ("A1", "A2", "A3", "B1", "B2", "C1")
FAMILY = ("王芳的爱人", "李娜", "孩子奶奶", "邻居刘阿姨")


def parcels_load(community: Community) -> dict[str, int]:
    """Load the last ten days of the shelf, unless the community already has parcels."""
    if Parcel.objects.filter(community=community).exists():
        return {}
    with transaction.atomic():
        return _load(community, timezone.localtime())


def _at(now: datetime, days_ago: int, hour: int, minute: int) -> datetime:
    day = now.date() - timedelta(days=days_ago)
    moment = timezone.make_aware(datetime.combine(day, time(hour, minute)))
    return min(moment, now - timedelta(minutes=30))


def _load(community: Community, now: datetime) -> dict[str, int]:
    rng = random.Random(SEED)
    people = {
        u.username: u
        for u in get_user_model().objects.filter(username__in=["frontdesk", "guard", "owner"])
    }
    desk, guard = people["frontdesk"], people.get("guard", people["frontdesk"])
    lived_in = (
        Residency.objects.current()
        .filter(unit__community=community, resident__user__isnull=False)
        .order_by("unit_id")
        .values_list("unit_id", flat=True)
        .distinct()
    )
    homes = list(Unit.objects.filter(pk__in=list(lived_in)[:200]).order_by("pk"))
    owner = people.get("owner")
    owner_home = (
        Unit.objects.filter(
            residencies__resident__user=owner,
            residencies__relation=Relation.OWNER,
            community=community,
        )
        .order_by("pk")
        .first()
        if owner is not None
        else None
    )
    counts = {"parcels": 0, "picked_up": 0, "waiting": 0, "returned": 0}
    for n in range(PARCELS):
        days_ago = DAYS - 1 - n * DAYS // PARCELS
        received = _at(now, days_ago, rng.choice((9, 10, 11, 14, 15, 16, 17)), rng.randrange(60))
        carrier = rng.choice(CARRIERS)
        mine = owner_home is not None and n in (12, PARCELS - 2)
        parcel = services.parcel_receive(
            actor=rng.choice((desk, guard)),
            community=community,
            unit=owner_home if mine else rng.choice(homes),
            carrier=carrier,
            tracking_number=f"{PREFIX[carrier]}{rng.randrange(10**11, 10**12)}",
            shelf=rng.choice(SHELVES),
            addressee="王芳" if mine else "",
            at=received,
        )
        counts["parcels"] += 1
        if mine or days_ago == 0 or n % 9 == 4:
            counts["waiting"] += 1  # the owner's, today's, and a few forgotten ones
            continue
        if n == 7:
            services.parcel_return(actor=desk, parcel=parcel, reason="收件人拒收")
            counts["returned"] += 1
            continue
        picked = min(received + timedelta(hours=rng.randrange(2, 30)), now)
        if n % 5 == 3:
            services.parcel_pick_up(
                actor=guard, parcel=parcel, collected_by=rng.choice(FAMILY), at=picked
            )
        else:
            services.parcel_pick_up(
                actor=rng.choice((desk, guard)), parcel=parcel, code=parcel.pickup_code, at=picked
            )
        counts["picked_up"] += 1
    return counts
