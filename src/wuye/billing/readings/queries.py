"""What the meter reader's phone page reads (抄表): a building's meters with the reading before
the period and the one taken in it, in a fixed number of queries."""

from __future__ import annotations

from django.db.models import Count, OuterRef, Q, QuerySet, Subquery
from django.shortcuts import get_object_or_404

from wuye.estates.models import Building

from ..models import Meter, MeterReading


def reading_buildings(community_id: int, period: str) -> list[Building]:
    """The community's buildings that have meters, each with `meters` and `read` (this period)."""
    return list(
        Building.objects.filter(community_id=community_id, units__meters__active=True)
        .annotate(
            meters=Count("units__meters", distinct=True),
            read=Count(
                "units__meters__readings",
                filter=Q(units__meters__readings__period=period),
                distinct=True,
            ),
        )
        .order_by("number")
    )


def common_meter_counts(community_id: int, period: str) -> dict[str, int]:
    """How many common meters (公摊) the community has and how many are read this period."""
    meters = Meter.objects.filter(community_id=community_id, unit__isnull=True, active=True)
    return meters.aggregate(
        meters=Count("pk", distinct=True),
        read=Count("readings", filter=Q(readings__period=period), distinct=True),
    )


def _with_readings(meters: QuerySet[Meter], period: str) -> QuerySet[Meter]:
    before = MeterReading.objects.filter(meter=OuterRef("pk"), period__lt=period).order_by(
        "-period"
    )
    now = MeterReading.objects.filter(meter=OuterRef("pk"), period=period)
    return meters.annotate(
        previous_reading=Subquery(before.values("reading")[:1]),
        previous_period=Subquery(before.values("period")[:1]),
        this_reading=Subquery(now.values("reading")[:1]),
        this_usage=Subquery(now.values("usage")[:1]),
        this_flagged=Subquery(now.values("flagged")[:1]),
    )


def meters_to_read(
    community_id: int, period: str, building_id: int | None
) -> tuple[Building | None, list[Meter]]:
    """A building's home meters (or, without a building, the common meters) in walking order,
    each with `previous_reading`, `previous_period`, `this_reading`, `this_usage` and
    `this_flagged`."""
    meters = Meter.objects.filter(community_id=community_id, active=True)
    building = None
    if building_id is None:
        meters = meters.filter(unit__isnull=True).order_by("number")
    else:
        building = get_object_or_404(Building, pk=building_id, community_id=community_id)
        meters = (
            meters.filter(unit__building=building)
            .select_related("unit__building")
            .order_by("unit__entrance", "unit__floor", "unit__number", "kind")
        )
    return building, list(_with_readings(meters, period))
