"""Which cars park as monthly cars: the register's vehicles and the homes' parking contracts.

A contract (billing's `ParkingContract`) lists its space and home; the cars on it are the
space's own vehicle and the vehicles of the people living in the home. A contract ended more
than the community's grace days ago makes the car temporary again (HC treats five days as
expired), and on a 子母 space only `cars_inside_at_once` of the home's cars park as monthly
cars at the same time: a further one parks as a temporary car. A visitor's pass naming the
car's plate lets it in as a visitor for the pass's window.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db.models import Q
from django.utils import timezone

from wuye.billing.models import ParkingContract
from wuye.estates.models import Residency, Vehicle

from ..passes.queries import vehicle_pass_for
from .models import ParkingSession, ParkingSettings, SessionKind, SessionStatus

OPEN_STATUSES = (SessionStatus.INSIDE, SessionStatus.PAID)


@dataclass(frozen=True)
class Standing:
    """How a car parks: its session kind, the contract that makes it monthly, and why."""

    kind: str
    contract: ParkingContract | None = None
    pass_: object | None = None
    reason: str = ""


def visitor_pass(community_id: int, plate: str, at: datetime):
    """The visitor's pass naming the car, whose window holds `at` (the gate's pass engine)."""
    return vehicle_pass_for(community_id, plate, at)


def contracts_of(community_id: int, plate: str, at: datetime, grace_days: int) -> list:
    """The contracts listing the car at `at`, counting the grace after their end, the
    contract still running first."""
    vehicle = (
        Vehicle.objects.filter(community_id=community_id, plate=plate)
        .only("pk", "resident_id")
        .first()
    )
    if vehicle is None:
        return []
    day = timezone.localdate(at)
    homes = (
        Residency.objects.current(day).filter(resident_id=vehicle.resident_id).values("unit_id")
        if vehicle.resident_id
        else Residency.objects.none().values("unit_id")
    )
    contracts = ParkingContract.objects.filter(
        Q(space__vehicle_id=vehicle.pk) | Q(unit_id__in=homes),
        Q(end_date__isnull=True) | Q(end_date__gte=day - timedelta(days=grace_days)),
        community_id=community_id,
        start_date__lte=day,
    ).order_by("end_date", "pk")
    return sorted(contracts, key=lambda c: (c.end_date is not None and c.end_date < day, c.pk))


def standing(community_id: int, plate: str, at: datetime, settings=None) -> Standing:
    """How the car with `plate` parks if it enters at `at`."""
    settings = settings or ParkingSettings.for_community(community_id)
    for contract in contracts_of(community_id, plate, at, settings.contract_grace_days):
        inside = (
            ParkingSession.objects.filter(
                contract=contract, kind=SessionKind.MONTHLY, status__in=OPEN_STATUSES
            )
            .exclude(plate=plate)
            .count()
        )
        if inside < contract.cars_inside_at_once:
            return Standing(SessionKind.MONTHLY, contract)
    found = visitor_pass(community_id, plate, at)
    if found:
        return Standing(SessionKind.VISITOR, pass_=found)
    return Standing(SessionKind.TEMPORARY)
