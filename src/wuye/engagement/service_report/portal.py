"""The owners' side of the management service report: the reports published for their
community, each with its charts and its PDF for printing."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, render

from . import queries
from .views import pdf_response, with_charts


def _resident_reports(request):
    return queries.published_reports_visible_to(request.user).filter(
        community_id__in=queries.resident_community_ids(request.user)
    )


@login_required
def report_list(request):
    reports = list(_resident_reports(request).order_by("-start", "kind", "community__name"))
    for report in reports:
        report.period = queries.report_period(report)
    return render(request, "engagement/service_report/portal_reports.html", {"reports": reports})


@login_required
def report_detail(request, pk: int):
    report = get_object_or_404(_resident_reports(request), pk=pk)
    return render(
        request,
        "engagement/service_report/portal_report.html",
        {
            "report": report,
            "period": queries.report_period(report),
            "sections": with_charts(queries.frozen_sections(report)),
        },
    )


@login_required
def report_print(request, pk: int):
    report = get_object_or_404(_resident_reports(request), pk=pk)
    return pdf_response(
        report.community,
        queries.report_period(report),
        queries.frozen_sections(report),
        report.published_at,
    )
