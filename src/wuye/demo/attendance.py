"""Certificates and attendance of the Bordeaux Town staff.

Certificates: the guards' security guard certificates (the control-centre guards also hold
the fire facilities operator's), the electricians' licences, the lift worker's special
equipment certificate and the pool attendant's health certificate; one of them expires
within 20 days of today and one has expired. Attendance: a clock-in and a clock-out for each
shift of the published rosters over the last four weeks, as whoever was expected on it (the
cover of a swap, nobody for leave); most on time, a few late, one shift missed. A fixed
seed makes it the same on every run; a second run changes nothing.
"""

from __future__ import annotations

import random
from datetime import date, datetime, timedelta
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from wuye.core.models import Community, Membership, Role
from wuye.staff.attendance.models import ClockEvent, ClockKind, ClockSource
from wuye.staff.certificates.models import Certificate, CertificateKind
from wuye.staff.rosters.models import ChangeKind, RosterEntry, RosterStatus

SEED = 20260301
WEEKS = 4
# Where the staff phones say they are: the community's gatehouse, Hami.
LATITUDE, LONGITUDE = Decimal("42.842100"), Decimal("93.505300")

ISSUERS = {
    CertificateKind.SECURITY_GUARD: "哈密市公安局",
    CertificateKind.ELECTRICIAN: "新疆维吾尔自治区应急管理厅",
    CertificateKind.SPECIAL_EQUIPMENT: "哈密市市场监督管理局",
    CertificateKind.FIRE_FACILITIES: "新疆维吾尔自治区人力资源和社会保障厅",
    CertificateKind.HEALTH: "哈密市疾病预防控制中心",
}
PREFIX = {
    CertificateKind.SECURITY_GUARD: "新公保",
    CertificateKind.ELECTRICIAN: "T6522",
    CertificateKind.SPECIAL_EQUIPMENT: "TS新",
    CertificateKind.FIRE_FACILITIES: "XF",
    CertificateKind.HEALTH: "哈健",
}
# Who holds which certificate, by login (the guards of the security roles are added).
HOLDERS = {
    CertificateKind.ELECTRICIAN: [
        "electrician",
        "electrician2",
        "electrician3",
        "relief-technician",
    ],
    CertificateKind.SPECIAL_EQUIPMENT: ["lift"],
    CertificateKind.FIRE_FACILITIES: ["guard13", "guard23", "guard33"],
    CertificateKind.HEALTH: ["pool"],
}
EXPIRING = ("lift", CertificateKind.SPECIAL_EQUIPMENT, 18)  # expires in 18 days
EXPIRED = ("electrician3", CertificateKind.ELECTRICIAN, -9)  # expired 9 days ago


def attendance_load(community: Community) -> dict[str, int]:
    """Load the staff's certificates and four weeks of clock events, each part unless the
    community already has some."""
    now = timezone.localtime()
    counts = {"certificates": 0, "clock_events": 0}
    with transaction.atomic():
        if not Certificate.objects.filter(community=community).exists():
            counts["certificates"] = _certificates(community, now.date())
        if not ClockEvent.objects.filter(community=community).exists():
            counts["clock_events"] = _clock_events(community, now)
    return counts if any(counts.values()) else {}


def _certificates(community: Community, today: date) -> int:
    rng = random.Random(SEED)
    guards = Membership.objects.filter(
        community=community, active=True, role__in=[Role.GUARD, Role.SECURITY_SUPERVISOR]
    ).values_list("user__username", flat=True)
    holders = {CertificateKind.SECURITY_GUARD: sorted(set(guards)), **HOLDERS}
    users = {
        u.username: u
        for u in get_user_model().objects.filter(
            username__in={name for names in holders.values() for name in names}
        )
    }
    rows = []
    for kind, names in holders.items():
        for n, name in enumerate(names, start=1):
            user = users.get(name)
            if user is None:
                continue
            years = 3 if kind == CertificateKind.HEALTH else 6
            issued = today - timedelta(days=rng.randint(60, 365 * years - 90))
            until = issued.replace(
                year=issued.year + (1 if kind == CertificateKind.HEALTH else years)
            )
            for holder, which, days in (EXPIRING, EXPIRED):
                if (name, kind) == (holder, which):
                    until = today + timedelta(days=days)
                    issued = until.replace(year=until.year - years)
            rows.append(
                Certificate(
                    community=community,
                    user=user,
                    kind=kind,
                    number=f"{PREFIX[kind]}{issued:%Y}{rng.randint(10**5, 10**6 - 1)}{n:02d}",
                    issuer=ISSUERS[kind],
                    issued_on=issued,
                    valid_until=until,
                )
            )
    Certificate.objects.bulk_create(rows)
    return len(rows)


def _expected(entry: RosterEntry):
    change = getattr(entry, "change", None)
    if change is None:
        return entry.user
    if change.kind == ChangeKind.SWAP and change.covered_by_id:
        return change.covered_by
    return None


def _near(rng: random.Random, value: Decimal) -> Decimal:
    return value + Decimal(rng.randint(-400, 400)) / Decimal(10**6)


def _clock_events(community: Community, now: datetime) -> int:
    rng = random.Random(SEED)
    since = now - timedelta(weeks=WEEKS)
    entries = (
        RosterEntry.objects.filter(
            community=community,
            roster__status=RosterStatus.PUBLISHED,
            starts_at__gte=since,
            starts_at__lte=now,
        )
        .select_related("user", "change__covered_by")
        .order_by("starts_at", "pk")
    )
    rows: list[ClockEvent] = []
    last: dict[int, datetime] = {}
    missed = False
    for n, entry in enumerate(entries):
        person = _expected(entry)
        if person is None:
            continue
        # One shift missed a week and a half ago; a few late ones.
        if not missed and entry.starts_at >= now - timedelta(days=10) and n % 7 == 3:
            missed = True
            continue
        late = rng.random() < 0.04
        clock_in = entry.starts_at + (
            timedelta(minutes=rng.randint(8, 25))
            if late
            else -timedelta(minutes=rng.randint(3, 20))
        )
        if person.pk in last and clock_in <= last[person.pk]:
            clock_in = last[person.pk] + timedelta(minutes=1)  # straight on from a shift
        if clock_in > now:
            continue
        rows.append(_event(rng, community, person, ClockKind.IN, clock_in))
        clock_out = entry.ends_at + timedelta(minutes=rng.randint(0, 12))
        if rng.random() < 0.02:
            clock_out = entry.ends_at - timedelta(minutes=rng.randint(15, 40))  # left early
        if clock_out <= now:
            rows.append(_event(rng, community, person, ClockKind.OUT, clock_out))
            last[person.pk] = clock_out
        else:
            last[person.pk] = now
    ClockEvent.objects.bulk_create(rows, batch_size=1000)
    return len(rows)


def _event(rng, community, person, kind, at) -> ClockEvent:
    return ClockEvent(
        community=community,
        user=person,
        kind=kind,
        at=at,
        latitude=_near(rng, LATITUDE),
        longitude=_near(rng, LONGITUDE),
        accuracy_m=rng.randint(5, 40),
        source=ClockSource.PHONE,
    )
