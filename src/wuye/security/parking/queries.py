"""Reading the gate's parking data."""

from __future__ import annotations

from datetime import date, datetime

from django.db.models import Q
from django.utils import timezone

from wuye.core.calendar import calendar_days
from wuye.core.models import Community

from .models import ParkingTariff
from .tariffs import Quote, Rule, quote


def tariff_for(
    community_id: int, vehicle_type: str, plate_colour: str, at: datetime
) -> ParkingTariff | None:
    """The tariff that prices a car of this type and plate colour entering at `at`: the
    version in effect then, a tariff naming the type or colour before one for every car."""
    candidates = ParkingTariff.objects.filter(
        Q(effective_until__isnull=True) | Q(effective_until__gt=at),
        community_id=community_id,
        effective_from__lte=at,
    ).order_by("-effective_from", "-pk")

    def fits(tariff: ParkingTariff) -> bool:
        return (not tariff.vehicle_types or vehicle_type in tariff.vehicle_types) and (
            not tariff.plate_colours or plate_colour in tariff.plate_colours
        )

    fitting = [t for t in candidates if fits(t)]
    fitting.sort(key=lambda t: (not t.vehicle_types, not t.plate_colours))
    return fitting[0] if fitting else None


def tariff_versions(community_id: int) -> list[list[ParkingTariff]]:
    """The community's tariffs, each as its versions newest first; the tariffs in the order
    of their names."""
    tariffs = list(
        ParkingTariff.objects.filter(community_id=community_id)
        .select_related("created_by")
        .order_by("effective_from", "pk")
    )
    chains: dict[int, list[ParkingTariff]] = {}
    root: dict[int, int] = {}
    for tariff in tariffs:
        first = root.get(tariff.replaces_id, tariff.pk) if tariff.replaces_id else tariff.pk
        root[tariff.pk] = first
        chains.setdefault(first, []).insert(0, tariff)
    return sorted(chains.values(), key=lambda versions: (versions[0].name, versions[0].pk))


def holidays_between(community: Community, start: datetime, end: datetime) -> frozenset[date]:
    """The public holidays of the community's calendar from `start` to `end` (local dates)."""
    first, last = timezone.localdate(start), timezone.localdate(max(start, end))
    days = calendar_days(community, first.year, last.year)
    return frozenset(day for day, working in days.items() if not working)


def fee_quote(
    community: Community,
    *,
    vehicle_type: str,
    plate_colour: str,
    entered_at: datetime,
    exited_at: datetime,
    tariff: ParkingTariff | None = None,
) -> tuple[ParkingTariff | None, Quote | None]:
    """What a stay costs: the tariff in effect at entry for the car (or `tariff`) and its
    quote; (None, None) when no tariff prices such a car."""
    tariff = tariff or tariff_for(community.pk, vehicle_type, plate_colour, entered_at)
    if tariff is None:
        return None, None
    holidays = holidays_between(community, entered_at, exited_at)
    return tariff, quote(Rule.from_json(tariff.rule), entered_at, exited_at, holidays=holidays)
