"""What the parcel log holds about a person: the parcels received for a home while they lived
there, and those addressed to them by name. Their names on labels and hand-overs are replaced
when they are forgotten; the log keeps its dates."""

from __future__ import annotations

from datetime import timedelta

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from wuye.core.privacy import Contribution, Section
from wuye.estates.models import Residency

from .models import Parcel


def _moment(value) -> str:
    return f"{timezone.localtime(value):%Y-%m-%d %H:%M}" if value else ""


def _theirs(person) -> Q:
    """Parcels of the homes the person lived in, within their stay, or addressed to them."""
    found = Q(addressee=person.name) if person.name else Q(pk__in=[])
    for residency in Residency.objects.filter(resident=person):
        stay = Q(unit_id=residency.unit_id, received_at__date__gte=residency.start_date)
        if residency.end_date:
            stay &= Q(received_at__date__lt=residency.end_date + timedelta(days=1))
        found |= stay
    return found


def collect(person) -> list[Section]:
    parcels = (
        Parcel.objects.filter(_theirs(person), community_id=person.community_id)
        .select_related("unit__building")
        .order_by("received_at", "pk")
    )
    return [
        Section(
            _("Parcels"),
            [
                _("Received at"),
                _("Home"),
                _("Addressee"),
                _("Carrier"),
                _("Tracking number"),
                _("Status"),
                _("Picked up at"),
                _("Collected by"),
            ],
            [
                [
                    _moment(p.received_at),
                    p.unit.label,
                    p.addressee,
                    p.get_carrier_display(),
                    p.tracking_number,
                    p.get_status_display(),
                    _moment(p.picked_up_at),
                    p.collected_by,
                ]
                for p in parcels
            ],
        )
    ]


def anonymise(person, label: str) -> dict[str, int]:
    """The person's name on labels and as the one who collected is replaced by `label`."""
    if not person.name:
        return {"parcels": 0}
    rows = Parcel.objects.filter(community_id=person.community_id)
    named = rows.filter(addressee=person.name).update(addressee=label[:100])
    collected = rows.filter(collected_by=person.name).update(collected_by=label[:100])
    return {"parcels": named + collected}


PERSONAL_DATA = [Contribution("parcels", collect=collect, anonymise=anonymise, order=620)]
