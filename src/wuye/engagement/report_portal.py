"""The owners' side of the management service report: the reports published for their
community, each with its charts and its PDF for printing."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, render

from . import report_queries
from .report_views import pdf_response, with_charts


def _resident_reports(request):
    return report_queries.published_reports_visible_to(request.user).filter(
        community_id__in=report_queries.resident_community_ids(request.user)
    )


@login_required
def report_list(request):
    reports = list(_resident_reports(request).order_by("-start", "kind", "community__name"))
    for report in reports:
        report.period = report_queries.report_period(report)
    return render(request, "engagement/report/portal_reports.html", {"reports": reports})


@login_required
def report_detail(request, pk: int):
    report = get_object_or_404(_resident_reports(request), pk=pk)
    return render(
        request,
        "engagement/report/portal_report.html",
        {
            "report": report,
            "period": report_queries.report_period(report),
            "sections": with_charts(report_queries.frozen_sections(report)),
        },
    )


@login_required
def report_print(request, pk: int):
    report = get_object_or_404(_resident_reports(request), pk=pk)
    return pdf_response(
        report.community,
        report_queries.report_period(report),
        report_queries.frozen_sections(report),
        report.published_at,
    )
