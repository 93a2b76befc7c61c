"""The intact rate of the equipment (房屋及配套设施设备完好率; the demonstration standard asks
at least 98 %): of the items on the register that are not retired, the share in service
with no fault open, at the end of a day.

A fault is open on a day when it was raised by then and its work order was not resolved by
then (still waiting for work, or resolved later). An item's status is the register's
current one: the register keeps no history of it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.db.models import Count, Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wuye.servicedesk.indicators import Measure, register_measure
from wuye.servicedesk.models import OPEN_STATES

from .models import Equipment, EquipmentFault, EquipmentStatus

TARGET = Decimal("98")
HUNDRED = Decimal("100")
LABEL = _("Equipment intact rate")


@dataclass(frozen=True)
class IntactRate:
    on: date
    intact: int
    total: int  # not retired

    @property
    def value(self) -> Decimal | None:
        if not self.total:
            return None
        return (HUNDRED * self.intact / self.total).quantize(Decimal("0.1"))

    @property
    def faulty(self) -> int:
        return self.total - self.intact

    @property
    def met(self) -> bool | None:
        return None if self.value is None else self.value >= TARGET

    @property
    def target(self) -> Decimal:
        return TARGET


def _end_of(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day + timedelta(days=1), time.min))


def intact_rate(community_id: int, on: date) -> IntactRate:
    """The community's intact rate at the end of `on`, in one query."""
    end = _end_of(on)
    open_fault = EquipmentFault.objects.filter(equipment=OuterRef("pk"), raised_at__lt=end).filter(
        Q(work_order__status__in=OPEN_STATES) | Q(work_order__resolved_at__gte=end)
    )
    counts = (
        Equipment.objects.filter(community_id=community_id)
        .exclude(status=EquipmentStatus.RETIRED)
        .annotate(faulty=Exists(open_fault))
        .aggregate(
            total=Count("pk"),
            intact=Count("pk", filter=Q(status=EquipmentStatus.IN_SERVICE, faulty=False)),
        )
    )
    return IntactRate(on, counts["intact"], counts["total"])


def measure(community, first: date, last: date) -> Measure | None:
    """The intact rate beside the service indicators: at the period's last day (today while
    the period runs); left out where the community keeps no register."""
    rate = intact_rate(community.pk, min(last, timezone.localdate()))
    if not rate.total:
        return None
    return Measure("intact_rate", LABEL, rate.intact, rate.total, rate.value, TARGET)


def install() -> None:
    register_measure(measure)
