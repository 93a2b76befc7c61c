"""Reading the gate's parking data."""

from __future__ import annotations

from datetime import datetime

from django.db.models import Q

from .models import ParkingTariff


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
