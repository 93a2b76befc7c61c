"""Staff pages of the management service report: a month or quarter of a community with its
figures against targets and its charts, the A4 PDF, and publishing it to the owners."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from django.views.decorators.http import require_POST

from wuye.core import downloads, policy
from wuye.core.web import community_for, error_message

from . import report_charts, report_queries, report_services
from .report import Period, Section, sections
from .report_pdf import report_pdf


def _period(request) -> tuple[Period, str]:
    """The period asked for; the last full month when none (or a wrong one) is asked for."""
    text = request.GET.get("period") or request.POST.get("period")
    if text:
        try:
            return report_queries.parse_period(text), ""
        except ValidationError as error:
            return report_queries.last_closed_month(), " ".join(error.messages)
    return report_queries.last_closed_month(), ""


def with_charts(report: list[Section]) -> list[dict]:
    return [
        {"section": s, "chart": report_charts.svg(s.chart) if s.chart else None} for s in report
    ]


def pdf_response(community, period: Period, report: list[Section], published_at=None):
    code = report_queries.period_code(period)
    name = pgettext("file name", "service-report-%(period)s") % {"period": code}
    return downloads.pdf_response(
        report_pdf(community, period, report, published_at), f"{name}.pdf"
    )


@login_required
def service_report(request, community_id: int):
    community = community_for(request, community_id, report_queries.VIEW)
    period, problem = _period(request)
    if problem:
        messages.error(request, problem)
    published = report_queries.published_report(community.pk, period)
    may_publish = policy.has_perm(request.user, report_queries.PUBLISH, community.pk)
    return render(
        request,
        "engagement/report/report.html",
        {
            "community": community,
            "period": period,
            "code": report_queries.period_code(period),
            "choices": report_queries.recent_periods(),
            "sections": with_charts(sections(community, period)),
            "published": published,
            "can_publish": may_publish and published is None and report_queries.is_closed(period),
        },
    )


@login_required
def service_report_pdf(request, community_id: int):
    community = community_for(request, community_id, report_queries.VIEW)
    period, _problem = _period(request)
    return pdf_response(community, period, sections(community, period))


@login_required
@require_POST
def service_report_publish(request, community_id: int):
    community = community_for(request, community_id, report_queries.PUBLISH)
    period, problem = _period(request)
    if problem:
        messages.error(request, problem)
    else:
        try:
            report_services.service_report_publish(
                actor=request.user, community=community, period=period
            )
        except ValidationError as error:
            error_message(request, error)
        else:
            messages.success(
                request,
                _("The report of %(period)s is published to the owners.")
                % {"period": period.label},
            )
    url = reverse("engagement:service_report", args=[community.pk])
    return redirect(f"{url}?period={report_queries.period_code(period)}")
