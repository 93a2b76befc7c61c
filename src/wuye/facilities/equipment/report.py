"""The equipment's section of the service report: the intact rate at the period's end against
the standard's 98 %, and the faults reported in the period."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone
from django.utils.translation import gettext as _

from wuye.core.report import Contribution, Figure, Period, Section

from .intact import _end_of, intact_rate
from .models import EquipmentFault

ORDER = 70


def section(community, period: Period) -> Section | None:
    """None where the community keeps no register."""
    last = min(period.end - timedelta(days=1), timezone.localdate())
    rate = intact_rate(community.pk, last)
    if not rate.total:
        return None
    faults = EquipmentFault.objects.filter(
        equipment__community=community,
        raised_at__gte=_end_of(period.start - timedelta(days=1)),
        raised_at__lt=_end_of(period.end - timedelta(days=1)),
    ).count()
    return Section(
        key="equipment",
        title=_("Buildings and equipment"),
        figures=[
            Figure(
                _("Equipment intact rate"),
                f"{rate.value} %",
                target=f"≥ {rate.target.normalize():f} %",
                met=rate.met,
            ),
            Figure(
                _("Items in service with no open fault"),
                _("%(intact)s of %(total)s") % {"intact": rate.intact, "total": rate.total},
            ),
            Figure(_("Faults reported"), str(faults)),
        ],
    )


SECTIONS = [Contribution(ORDER, section)]
