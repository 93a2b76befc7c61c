"""Fund-usage publicity in the owners' portal: the published periods of the residents'
community, each with its charts and an A4 PDF. Members of the owners' committee see every
line; other residents see the totals by category."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, render

from wuye.core.web import paginate

from . import charts, queries
from .views import pdf_response


def _published(request):
    return queries.publicity_for_residents(request.user).select_related(
        "community", "corrects", "corrected_by"
    )


@login_required
def period_list(request):
    page = paginate(request, _published(request).order_by("-start", "kind", "-pk"))
    totals = queries.ledgers(list(page))
    rows = [{"period": p, "ledger": totals[p.pk]} for p in page]
    return render(request, "engagement/publicity/portal_periods.html", {"page": page, "rows": rows})


def _period_and_ledger(request, pk: int):
    period = get_object_or_404(_published(request), pk=pk)
    detail = queries.may_see_lines(request.user, period)
    return period, queries.ledger(period, with_lines=detail), detail


@login_required
def period_detail(request, pk: int):
    period, ledger, detail = _period_and_ledger(request, pk)
    corrected_by = getattr(period, "corrected_by", None)
    return render(
        request,
        "engagement/publicity/portal_period.html",
        {
            "period": period,
            "ledger": ledger,
            "detail": detail,
            "corrected_by": corrected_by if corrected_by and corrected_by.published_at else None,
            "income_chart": charts.income_and_spending(ledger),
            "common_chart": charts.common_area_income(ledger),
            "trend_chart": charts.trend(queries.fund_trend(period)),
        },
    )


@login_required
def period_pdf(request, pk: int):
    period, ledger, detail = _period_and_ledger(request, pk)
    return pdf_response(period, ledger, detail)
