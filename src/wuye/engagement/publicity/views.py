"""Staff pages of fund-usage publicity: the periods, the draft editor (lines, fees from
billing), publishing, corrections and the PDF; and the owners' committee register."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from django.views.decorators.http import require_POST

from wuye.core import downloads, policy
from wuye.core.forms import add_service_errors
from wuye.core.web import community_for, error_message, paginate, run_service

from . import charts, queries, services
from .forms import (
    CommitteeMemberForm,
    CorrectionForm,
    EndTermForm,
    LineForm,
    PeriodForm,
    RuleForm,
)
from .pdf import publicity_pdf


def _may(request, perm: str, community) -> bool:
    return policy.has_perm(request.user, perm, community.pk)


def _period(request, community_id: int, pk: int, perm: str = "publicity.view"):
    community = community_for(request, community_id, perm)
    period = get_object_or_404(queries.publicity_visible_to(request.user, community.pk), pk=pk)
    return community, period


@login_required
def period_list(request, community_id: int):
    community = community_for(request, community_id, "publicity.view")
    can_prepare = _may(request, "publicity.prepare", community)
    can_publish = _may(request, "publicity.publish", community)
    form = PeriodForm(request.POST or None)
    if request.method == "POST":
        policy.require_perm(request.user, "publicity.prepare", community.pk)
        if form.is_valid():
            try:
                period = services.fund_period_create(
                    actor=request.user, community=community, **form.cleaned_data
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("The draft has been started."))
                return redirect("engagement:publicity", community.pk, period.pk)
    page = paginate(request, queries.publicity_visible_to(request.user, community.pk))
    totals = queries.ledgers(list(page))
    rows = [{"period": p, "ledger": totals[p.pk]} for p in page]
    return render(
        request,
        "engagement/publicity/periods.html",
        {
            "community": community,
            "page": page,
            "rows": rows,
            "form": form if can_prepare else None,
            "rule_form": RuleForm(initial={"top_up_percent": queries.top_up_percent(community.pk)})
            if can_publish
            else None,
            "top_up_percent": queries.top_up_percent(community.pk),
        },
    )


@login_required
@require_POST
def rule_set(request, community_id: int):
    community = community_for(request, community_id, "publicity.publish")
    form = RuleForm(request.POST)
    if form.is_valid():
        try:
            services.fund_rule_set(
                actor=request.user,
                community=community,
                top_up_percent=form.cleaned_data["top_up_percent"],
            )
        except ValidationError as error:
            error_message(request, error)
        else:
            messages.success(request, _("The rule for common-area income has been saved."))
    else:
        messages.error(request, _("Enter a share between 0 and 100."))
    return redirect("engagement:publicity_list", community.pk)


@login_required
def period_detail(request, community_id: int, pk: int):
    community, period = _period(request, community_id, pk)
    ledger = queries.ledger(period, with_lines=True)
    draft = not period.is_published
    can_prepare = draft and _may(request, "publicity.prepare", community)
    corrected_by = getattr(period, "corrected_by", None)
    return render(
        request,
        "engagement/publicity/period.html",
        {
            "community": community,
            "period": period,
            "ledger": ledger,
            "detail": True,
            "corrected_by": corrected_by,
            "can_prepare": can_prepare,
            "can_fill": can_prepare and _may(request, "billing.view", community),
            "can_publish": draft and _may(request, "publicity.publish", community),
            "can_correct": period.is_published
            and corrected_by is None
            and _may(request, "publicity.prepare", community),
            "line_form": LineForm() if can_prepare else None,
            "correction_form": CorrectionForm(),
            "income_chart": charts.income_and_spending(ledger),
            "common_chart": charts.common_area_income(ledger),
            "trend_chart": charts.trend(queries.fund_trend(period)),
        },
    )


@login_required
@require_POST
def line_add(request, community_id: int, pk: int):
    community, period = _period(request, community_id, pk, "publicity.prepare")
    form = LineForm(request.POST)
    if form.is_valid():
        try:
            services.fund_line_add(actor=request.user, period=period, **form.cleaned_data)
        except ValidationError as error:
            error_message(request, error)
        else:
            messages.success(request, _("The line has been added."))
    else:
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
    return redirect("engagement:publicity", community.pk, period.pk)


@login_required
@require_POST
def line_remove(request, community_id: int, pk: int, line_pk: int):
    community, period = _period(request, community_id, pk, "publicity.prepare")
    line = get_object_or_404(period.lines, pk=line_pk)
    return run_service(
        request,
        lambda: services.fund_line_remove(actor=request.user, line=line),
        success=_("The line has been removed."),
        then=redirect("engagement:publicity", community.pk, period.pk),
    )


@login_required
@require_POST
def fill_fees(request, community_id: int, pk: int):
    community, period = _period(request, community_id, pk, "publicity.prepare")
    return run_service(
        request,
        lambda: services.fund_period_fill_fees(actor=request.user, period=period),
        success=lambda lines: (
            _("The property fees collected in the period have been filled in: %(count)d lines.")
            % {"count": len(lines)}
        ),
        then=redirect("engagement:publicity", community.pk, period.pk),
    )


@login_required
@require_POST
def period_publish(request, community_id: int, pk: int):
    community, period = _period(request, community_id, pk, "publicity.publish")
    return run_service(
        request,
        lambda: services.fund_period_publish(actor=request.user, period=period),
        success=_("The period is published to the owners."),
        then=redirect("engagement:publicity", community.pk, period.pk),
    )


@login_required
@require_POST
def period_correct(request, community_id: int, pk: int):
    community, period = _period(request, community_id, pk, "publicity.prepare")
    form = CorrectionForm(request.POST)
    note = form.cleaned_data["note"] if form.is_valid() else ""
    try:
        correction = services.fund_period_correct(actor=request.user, period=period, note=note)
    except ValidationError as error:
        error_message(request, error)
        return redirect("engagement:publicity", community.pk, period.pk)
    messages.success(request, _("A correction has been started as a draft."))
    return redirect("engagement:publicity", community.pk, correction.pk)


def pdf_response(period, ledger, detail: bool) -> HttpResponse:
    name = pgettext("file name", "fund-usage-%(number)s") % {"number": period.pk}
    return downloads.pdf_response(publicity_pdf(period, ledger, detail), f"{name}.pdf")


@login_required
def period_pdf(request, community_id: int, pk: int):
    _community, period = _period(request, community_id, pk)
    return pdf_response(period, queries.ledger(period, with_lines=True), detail=True)


# ---- the owners' committee -----------------------------------------------------------------


@login_required
def committee(request, community_id: int):
    community = community_for(request, community_id, "committee.manage")
    form = CommitteeMemberForm(request.POST or None, community=community)
    if request.method == "POST" and form.is_valid():
        try:
            services.committee_member_add(
                actor=request.user, community=community, **form.cleaned_data
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The owner has been added to the committee."))
            return redirect("engagement:committee", community.pk)
    return render(
        request,
        "engagement/publicity/committee.html",
        {
            "community": community,
            "members": list(queries.committee_register(community.pk)),
            "current": set(queries.committee_members(community.pk).values_list("pk", flat=True)),
            "form": form,
            "end_form": EndTermForm(),
        },
    )


@login_required
@require_POST
def committee_end(request, community_id: int, pk: int):
    community = community_for(request, community_id, "committee.manage")
    member = get_object_or_404(queries.committee_register(community.pk), pk=pk)
    form = EndTermForm(request.POST)
    if form.is_valid():
        try:
            services.committee_member_end(
                actor=request.user, member=member, end_date=form.cleaned_data["end_date"]
            )
        except ValidationError as error:
            error_message(request, error)
        else:
            messages.success(request, _("The term has been ended."))
    else:
        messages.error(request, _("Enter the last day of the term."))
    return redirect("engagement:committee", community.pk)
