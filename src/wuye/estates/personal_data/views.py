"""Staff pages of personal-data requests: a person's data page (export, deletion request),
the list of deletion requests and a request with its decision."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from django.views.decorators.http import require_POST

from wuye.core import policy, privacy
from wuye.core.downloads import file_response
from wuye.core.forms import add_service_errors
from wuye.core.web import community_for, paginate, run_service

from .. import queries
from ..models import ErasureRequest, ErasureStatus
from . import services
from .forms import PersonalDataRequestForm, RejectionForm

ZIP = "application/zip"


def _person(request, community, pk: int):
    return get_object_or_404(
        queries.residents_visible_to(request.user, community.pk).select_related("community"),
        pk=pk,
    )


def _page(request, community, person, *, export_form=None, erasure_form=None, status=200):
    may = {
        perm: policy.has_perm(request.user, f"privacy.{perm}", community.pk)
        for perm in ("request", "erase")
    }
    context = {
        "community": community,
        "resident": person,
        "export_form": export_form or PersonalDataRequestForm(prefix="export"),
        "erasure_form": erasure_form or PersonalDataRequestForm(prefix="erasure"),
        "refusals": privacy.refusals(person),
        "requests": person.erasure_requests.select_related("recorded_by", "decided_by"),
        "can_request": may["request"],
    }
    return render(request, "estates/personal_data/resident.html", context, status=status)


@login_required
def personal_data(request, community_id: int, pk: int):
    community = community_for(request, community_id, "privacy.export")
    return _page(request, community, _person(request, community, pk))


@login_required
@require_POST
def personal_data_export(request, community_id: int, pk: int):
    community = community_for(request, community_id, "privacy.export")
    person = _person(request, community, pk)
    form = PersonalDataRequestForm(request.POST, prefix="export")
    if form.is_valid():
        try:
            export = services.personal_data_export(
                actor=request.user, resident=person, **form.cleaned_data
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            name = pgettext("file name", "personal-data-%(community)s-%(resident)s.zip") % {
                "community": community.code,
                "resident": person.pk,
            }
            return file_response(export.content, name, ZIP)
    return _page(request, community, person, export_form=form, status=400)


@login_required
@require_POST
def erasure_request_new(request, community_id: int, pk: int):
    community = community_for(request, community_id, "privacy.request")
    person = _person(request, community, pk)
    form = PersonalDataRequestForm(request.POST, prefix="erasure")
    if form.is_valid():
        try:
            recorded = services.erasure_request_record(
                actor=request.user, resident=person, **form.cleaned_data
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            return redirect("estates:erasure_request", community.pk, recorded.pk)
    return _page(request, community, person, erasure_form=form, status=400)


@login_required
def erasure_requests(request, community_id: int):
    community = community_for(request, community_id, "privacy.request")
    status = request.GET.get("status", ErasureStatus.REQUESTED)
    rows = ErasureRequest.objects.filter(community=community).select_related(
        "resident", "recorded_by", "decided_by"
    )
    if status in ErasureStatus.values:
        rows = rows.filter(status=status)
    context = {
        "community": community,
        "page": paginate(request, rows),
        "status": status,
        "statuses": ErasureStatus.choices,
    }
    return render(request, "estates/personal_data/requests.html", context)


def _request(request, community, pk: int) -> ErasureRequest:
    return get_object_or_404(
        ErasureRequest.objects.select_related("resident__community", "recorded_by", "decided_by"),
        community=community,
        pk=pk,
    )


def _request_page(request, community, erasure, *, rejection_form=None, status=200):
    open_ = erasure.status == ErasureStatus.REQUESTED
    context = {
        "community": community,
        "erasure": erasure,
        "refusals": privacy.refusals(erasure.resident) if open_ else [],
        "can_decide": open_ and policy.has_perm(request.user, "privacy.erase", community.pk),
        "rejection_form": rejection_form or RejectionForm(),
    }
    return render(request, "estates/personal_data/request.html", context, status=status)


@login_required
def erasure_request(request, community_id: int, pk: int):
    community = community_for(request, community_id, "privacy.request")
    return _request_page(request, community, _request(request, community, pk))


@login_required
@require_POST
def erasure_request_carry_out(request, community_id: int, pk: int):
    community = community_for(request, community_id, "privacy.erase")
    erasure = _request(request, community, pk)
    return run_service(
        request,
        lambda: services.erasure_request_carry_out(actor=request.user, request=erasure),
        success=_("The person was anonymised; their bills, payments and work orders are kept."),
        then=redirect("estates:erasure_request", community.pk, erasure.pk),
    )


@login_required
@require_POST
def erasure_request_reject(request, community_id: int, pk: int):
    community = community_for(request, community_id, "privacy.erase")
    erasure = _request(request, community, pk)
    form = RejectionForm(request.POST)
    if form.is_valid():
        try:
            services.erasure_request_reject(
                actor=request.user, request=erasure, note=form.cleaned_data["note"]
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            return redirect("estates:erasure_request", community.pk, erasure.pk)
    return _request_page(request, community, erasure, rejection_form=form, status=400)
