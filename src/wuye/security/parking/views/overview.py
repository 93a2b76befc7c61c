"""The parking overview: cars inside now, stays by day and temporary-parking income."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils import timezone

from wuye.core.web import community_for

from .. import charts, queries


@login_required
def overview(request, community_id: int):
    community = community_for(request, community_id, "parking.view")
    today = timezone.localdate()
    inside = queries.cars_inside(community.pk)
    days = queries.sessions_by_day(community.pk, today)
    months = queries.parking_income_by_month(community.pk, today)
    return render(
        request,
        "security/parking/overview.html",
        {
            "community": community,
            "inside": inside,
            "days": days,
            "months": months,
            "occupancy_chart": charts.occupancy(inside),
            "days_chart": charts.sessions_by_day(days),
            "income_chart": charts.income_by_month(months),
            "income_total": sum(row["income"] for row in months),
        },
    )
