"""Fee standards, arrears and the collection reports, each downloadable as Excel."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext

from wuye.core import policy, spreadsheets
from wuye.core.downloads import pdf_response
from wuye.core.web import community_for
from wuye.estates.models import Building

from .. import calc, charts, exports, queries, reminders
from ..forms import DayForm, OnDateForm, PeriodForm, read_get, this_period, today

BUCKET_LABELS = {
    "0-30": _("0–30 days"),
    "31-90": _("31–90 days"),
    "91-180": _("91–180 days"),
    "181-365": _("181–365 days"),
    ">365": _("over 365 days"),
}
TREND_MONTHS = 12


def _wants_excel(request) -> bool:
    return request.GET.get("format") == "xlsx"


@login_required
def fee_standards(request, community_id: int):
    """The community's fee items (收费公示): calculation, unit price and cycle."""
    community = community_for(request, community_id, "billing.view")
    items = queries.with_prices(queries.fee_items_visible_to(request.user, community.pk), today())
    may_configure = policy.has_perm(request.user, "billing.configure", community.pk)
    return render(
        request,
        "billing/fees.html",
        {"community": community, "items": items, "may_configure": may_configure},
    )


# ---- arrears -----------------------------------------------------------------------------


def _bucket_labels(names: list[str]) -> list[str]:
    return [str(BUCKET_LABELS[n]) for n in names]


@login_required
def arrears(request, community_id: int):
    """Arrears aging by building and fee item, and the homes that owe most."""
    community = community_for(request, community_id, "billing.view")
    form, on = read_get(OnDateForm, request, "on", today())
    summary = queries.arrears_summary(queries.arrears_aging(community.pk, on))
    homes = queries.arrears_homes(community.pk, on)
    if _wants_excel(request):
        book = exports.arrears_book(summary, homes, _bucket_labels(summary["bucket_names"]))
        name = pgettext("file name", "arrears-%(community)s-%(day)s") % {
            "community": community.code,
            "day": f"{on:%Y%m%d}",
        }
        return spreadsheets.response(book, f"{name}.xlsx")
    return render(
        request,
        "billing/arrears.html",
        {
            "community": community,
            "form": form,
            "on": on,
            "summary": summary,
            "bucket_labels": _bucket_labels(summary["bucket_names"]),
            "homes": homes[:50],
            "homes_count": len(homes),
            "trend_chart": charts.arrears_svg(queries.arrears_trend(community.pk, on)),
            "recovery": queries.arrears_recovery(community.pk, on),
        },
    )


@login_required
def arrears_building(request, community_id: int, building_id: int):
    """The homes of one building that owe, with their reminder notices."""
    community = community_for(request, community_id, "billing.view")
    building = get_object_or_404(Building, pk=building_id, community=community)
    form, on = read_get(OnDateForm, request, "on", today())
    homes = queries.arrears_homes(community.pk, on, building_id=building.pk)
    return render(
        request,
        "billing/arrears_building.html",
        {"community": community, "building": building, "form": form, "on": on, "homes": homes},
    )


@login_required
def reminder(request, community_id: int, unit_id: int):
    """One home's reminder notice (催缴通知单) as PDF."""
    community = community_for(request, community_id, "billing.view")
    unit = queries.desk_home(request.user, community.pk, unit_id)
    _form, on = read_get(OnDateForm, request, "on", today())
    homes = queries.reminder_homes(request.user, community.pk, on, [unit.pk])
    name = pgettext("file name", "reminder-%(home)s") % {"home": unit.label}
    return pdf_response(reminders.reminders_pdf(homes, community, on), f"{name}.pdf")


@login_required
def reminders_building(request, community_id: int, building_id: int):
    """The reminder notices of every home of a building that owes, one page each."""
    community = community_for(request, community_id, "billing.view")
    building = get_object_or_404(Building, pk=building_id, community=community)
    _form, on = read_get(OnDateForm, request, "on", today())
    unit_ids = [h["unit_id"] for h in queries.arrears_homes(community.pk, on, building.pk)]
    homes = queries.reminder_homes(request.user, community.pk, on, unit_ids)
    name = pgettext("file name", "reminders-%(building)s") % {"building": building.number}
    return pdf_response(reminders.reminders_pdf(homes, community, on), f"{name}.pdf")


@login_required
def statement(request, community_id: int, unit_id: int):
    """A home's statement: every charge, what is paid and owed, and its payments."""
    community = community_for(request, community_id, "billing.view")
    unit = queries.desk_home(request.user, community.pk, unit_id)
    return render(
        request,
        "billing/statement.html",
        {"community": community, "statement": queries.statement(request.user, unit.pk)},
    )


# ---- collection and the cashier's day ----------------------------------------------------


@login_required
def collection(request, community_id: int):
    """Collection rate (收缴率) of a period by building and fee item, and the yearly trend."""
    community = community_for(request, community_id, "billing.view")
    form, period = read_get(PeriodForm, request, "period", this_period())
    report = queries.collection([community.pk], period)
    first = calc.add_months(calc.parse_period(period), 1 - TREND_MONTHS)
    periods = [f"{calc.add_months(first, n):%Y-%m}" for n in range(TREND_MONTHS)]
    trend = queries.collection_trend(community.pk, periods)
    if _wants_excel(request):
        name = pgettext("file name", "collection-%(community)s-%(period)s") % {
            "community": community.code,
            "period": period,
        }
        return spreadsheets.response(exports.collection_book(report, trend), f"{name}.xlsx")
    return render(
        request,
        "billing/collection.html",
        {
            "community": community,
            "form": form,
            "report": report,
            "trend": trend,
            "chart": charts.trend_svg(trend),
        },
    )


@login_required
def daily(request, community_id: int):
    """The cashier's daily report (日报), reconciled by payment method."""
    community = community_for(request, community_id, "billing.view")
    form, day = read_get(DayForm, request, "day", today())
    report = queries.cashier_daily(community.pk, day)
    if _wants_excel(request):
        name = pgettext("file name", "daily-%(community)s-%(day)s") % {
            "community": community.code,
            "day": f"{day:%Y%m%d}",
        }
        return spreadsheets.response(exports.daily_book(report), f"{name}.xlsx")
    return render(
        request, "billing/daily.html", {"community": community, "form": form, "report": report}
    )
