"""Parcels for tests: received at the Bordeaux Town desk for a home, some days ago if asked."""

from datetime import timedelta

from django.utils import timezone

from wuye.security.parcels import services

_numbers = iter(range(10**6))


def parcel_for(site, home="owner_home", *, by="frontdesk", days_ago=0, carrier="sf", **data):
    """A parcel received for one of the site's homes (`days_ago` days before now)."""
    unit = site.units[home]
    return services.parcel_receive(
        actor=getattr(site, by),
        community=unit.community,
        unit=unit,
        carrier=carrier,
        tracking_number=data.pop("tracking_number", f"SF{next(_numbers):010d}"),
        shelf=data.pop("shelf", "A3"),
        at=timezone.now() - timedelta(days=days_ago),
        **data,
    )
