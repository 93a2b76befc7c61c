"""Staff pages of the contractor register: the list, a contractor with its contracts, monthly
scorecard and inspections, the forms to keep them, an inspection scored item by item, and
the re-check of a deduction.

Every page asks the policy for the community in its URL (403 otherwise); a contractor or an
inspection of another community is a 404.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from django.views.decorators.http import require_POST

from wuye.core import policy, spreadsheets
from wuye.core.forms import add_service_errors
from wuye.core.web import community_for, paginate, run_service

from . import charts, exports, queries, services
from .forms import ContractForm, ContractorForm, RecheckForm, inspection_form
from .models import Contract, Score

SCORECARD_MONTHS = 12


@login_required
def contractor_list(request, community_id: int):
    community = community_for(request, community_id, "contractor.view")
    today = timezone.localdate()
    rows = queries.contractor_list(
        queries.contractors_visible_to(request.user, community.pk), today
    )
    context = {
        "community": community,
        "page": paginate(request, rows),
        "today": today,
        "can_manage": policy.has_perm(request.user, "contractor.manage", community.pk),
    }
    return render(request, "facilities/contractors/list.html", context)


def _contractor(request, community, pk: int):
    rows = queries.contractors_visible_to(request.user, community.pk)
    return get_object_or_404(rows, pk=pk)


def _form_page(request, community, form, title: str, back_url: str):
    status = 400 if form.is_bound else 200
    context = {"community": community, "form": form, "title": title, "back_url": back_url}
    return render(request, "core/form.html", context, status=status)


@login_required
def contractor_edit(request, community_id: int, pk: int | None = None):
    community = community_for(request, community_id, "contractor.manage")
    contractor = _contractor(request, community, pk) if pk else None
    initial = {}
    if contractor is not None:
        initial = {
            "name": contractor.name,
            "kind": contractor.kind,
            "licence_number": contractor.licence_number,
            "contact": contractor.contact,
        }
    form = ContractorForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            contractor = services.contractor_save(
                actor=request.user, community=community, contractor=contractor, **form.cleaned_data
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The contractor is saved."))
            return redirect("facilities:contractor", community.pk, contractor.pk)
    title = _("Edit the contractor") if contractor else _("Add a contractor")
    back = (
        reverse("facilities:contractor", args=[community.pk, contractor.pk])
        if contractor
        else reverse("facilities:contractors", args=[community.pk])
    )
    return _form_page(request, community, form, title, back)


@login_required
def contract_edit(request, community_id: int, pk: int, contract_id: int | None = None):
    community = community_for(request, community_id, "contractor.manage")
    contractor = _contractor(request, community, pk)
    contract = None
    initial = {}
    if contract_id is not None:
        contract = get_object_or_404(Contract.objects.filter(contractor=contractor), pk=contract_id)
        initial = {
            field: getattr(contract, field)
            for field in ("scope", "starts_on", "ends_on", "monthly_fee", "sla", "pass_score")
        }
    form = ContractForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.contract_save(
                actor=request.user, contractor=contractor, contract=contract, **form.cleaned_data
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The contract is saved."))
            return redirect("facilities:contractor", community.pk, contractor.pk)
    title = _("Edit the contract") if contract else _("Add a contract")
    back = reverse("facilities:contractor", args=[community.pk, contractor.pk])
    return _form_page(request, community, form, f"{title} · {contractor.name}", back)


@login_required
def contractor_detail(request, community_id: int, pk: int):
    community = community_for(request, community_id, "contractor.view")
    contractor = _contractor(request, community, pk)
    today = timezone.localdate()
    months = queries.scorecard(contractor, queries.months_back(today, SCORECARD_MONTHS), today)
    inspections = contractor.inspections.order_by("-inspected_on", "-pk")[:20]
    overdue = list(
        Score.objects.filter(queries.overdue(today), inspection__contractor=contractor)
        .select_related("inspection")
        .order_by("rectify_by")
    )
    can_manage = policy.has_perm(request.user, "contractor.manage", community.pk)
    context = {
        "community": community,
        "contractor": contractor,
        "contracts": list(contractor.contracts.order_by("-starts_on")),
        "months": months[::-1],
        "chart": charts.score_trend(months),
        "inspections": inspections,
        "overdue": overdue,
        "can_manage": can_manage,
        "can_inspect": policy.has_perm(request.user, "contractor.inspect", community.pk),
    }
    return render(request, "facilities/contractors/contractor.html", context)


@login_required
def scorecard_export(request, community_id: int, pk: int):
    community = community_for(request, community_id, "contractor.view")
    contractor = _contractor(request, community, pk)
    today = timezone.localdate()
    months = queries.scorecard(contractor, queries.months_back(today, SCORECARD_MONTHS), today)
    name = pgettext("file name", "scorecard-%(contractor)s-%(month)s.xlsx") % {
        "contractor": contractor.name,
        "month": today.strftime("%Y-%m"),
    }
    return spreadsheets.response(exports.scorecard_workbook(contractor, months), name)


@login_required
def inspection_record(request, community_id: int, pk: int):
    community = community_for(request, community_id, "contractor.inspect")
    contractor = _contractor(request, community, pk)
    items = services.template_for(contractor.kind)
    form = inspection_form(
        items,
        request.POST or None,
        request.FILES or None,
        initial={"inspected_on": timezone.localdate()},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        scores = [
            services.ItemScore(
                item_id=item.pk,
                points=data[f"points_{item.pk}"],
                remark=data[f"remark_{item.pk}"],
                photo=data[f"photo_{item.pk}"].read() if data[f"photo_{item.pk}"] else None,
                rectify_by=data[f"rectify_by_{item.pk}"],
            )
            for item in items
        ]
        try:
            inspection = services.inspection_record(
                actor=request.user,
                contractor=contractor,
                inspected_on=data["inspected_on"],
                scores=scores,
                notes=data["notes"],
            )
        except ValidationError as error:
            add_service_errors(form, error, {f"item_{i.pk}": f"points_{i.pk}" for i in items})
        else:
            messages.success(request, _("The inspection is recorded."))
            return redirect("facilities:contractor_inspection", community.pk, inspection.pk)
    context = {"community": community, "contractor": contractor, "form": form}
    status = 400 if form.is_bound else 200
    return render(request, "facilities/contractors/inspect.html", context, status=status)


def _inspection(request, community, pk: int):
    rows = queries.inspections_visible_to(request.user, community.pk).select_related(
        "contractor", "inspected_by"
    )
    return get_object_or_404(rows, pk=pk)


@login_required
def inspection_detail(request, community_id: int, pk: int):
    community = community_for(request, community_id, "contractor.view")
    inspection = _inspection(request, community, pk)
    today = timezone.localdate()
    can_inspect = policy.has_perm(request.user, "contractor.inspect", community.pk)
    scores = list(inspection.scores.order_by("item__position", "pk"))
    rows = [
        {
            "score": s,
            "overdue": s.overdue(today),
            "form": RecheckForm(initial={"rechecked_on": today})
            if can_inspect and s.deducted and s.rectified is not True
            else None,
        }
        for s in scores
    ]
    context = {"community": community, "inspection": inspection, "rows": rows}
    return render(request, "facilities/contractors/inspection.html", context)


@login_required
@require_POST
def deduction_recheck(request, community_id: int, pk: int, score_id: int):
    community = community_for(request, community_id, "contractor.inspect")
    inspection = _inspection(request, community, pk)
    score = get_object_or_404(Score.objects.filter(inspection=inspection), pk=score_id)
    back = redirect("facilities:contractor_inspection", community.pk, inspection.pk)
    form = RecheckForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give the day of the re-check and its result."))
        return back
    return run_service(
        request,
        lambda: services.deduction_recheck(actor=request.user, score=score, **form.cleaned_data),
        success=_("The re-check is recorded."),
        then=back,
    )


@login_required
def deduction_photo(request, community_id: int, pk: int, score_id: int):
    community = community_for(request, community_id, "contractor.view")
    inspection = _inspection(request, community, pk)
    score = get_object_or_404(
        Score.objects.filter(inspection=inspection).exclude(photo=""), pk=score_id
    )
    content_type = f"image/{score.image_format.lower()}"
    return FileResponse(score.photo.open("rb"), content_type=content_type)
