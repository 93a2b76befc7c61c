"""Community life in the management service report: events held and who came, the manager's
reception day, visits to homes, and the work orders raised from what owners said."""

from __future__ import annotations

from django.db.models import Count, Q, Sum
from django.utils.translation import gettext as _

from wuye.core.report import Chart, Contribution, Figure, Period, Section

from ..models import EventSignup, ReceptionBooking, SignupStatus, Visit
from .queries import events_held

ORDER = 60


def section(community, period: Period) -> Section | None:
    """The period's figures; None when nothing of community life happened in it."""
    events = events_held(community.pk, period.start, period.end)
    signups = EventSignup.objects.filter(event__in=events, status=SignupStatus.CONFIRMED)
    totals = signups.aggregate(
        households=Count("pk"),
        signed=Sum("people"),
        came=Sum("attended", filter=Q(checked_in_at__isnull=False)),
    )
    held = events.count()
    bookings = ReceptionBooking.objects.filter(
        slot__community=community,
        slot__starts_at__date__gte=period.start,
        slot__starts_at__date__lt=period.end,
        cancelled_at=None,
    ).aggregate(n=Count("pk"), orders=Count("work_order"))
    visits = Visit.objects.filter(
        community=community, visited_on__gte=period.start, visited_on__lt=period.end
    ).aggregate(n=Count("pk"), orders=Count("work_order"))
    if not (held or bookings["n"] or visits["n"]):
        return None
    signed, came = totals["signed"] or 0, totals["came"] or 0
    rate = f"{came * 100 / signed:.0f}%" if signed else "—"
    figures = [
        Figure(_("Events held"), str(held)),
        Figure(_("Households signed up"), str(totals["households"])),
        Figure(_("People who came"), f"{came} / {signed}"),
        Figure(_("Attendance"), rate),
        Figure(_("Reception-day meetings"), str(bookings["n"])),
        Figure(_("Visits to homes"), str(visits["n"])),
        Figure(
            _("Work orders raised from meetings and visits"),
            str(bookings["orders"] + visits["orders"]),
        ),
    ]
    chart = Chart(
        title=_("Owners met"),
        labels=[_("Events"), _("Reception day"), _("Visits")],
        series={_("Households"): [totals["households"], bookings["n"], visits["n"]]},
    )
    return Section(key="community_life", title=_("Community life"), figures=figures, chart=chart)


SECTIONS = [Contribution(ORDER, section)]
