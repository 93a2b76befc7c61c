"""Pages of the Excel import and export: thin, the work is in importers and exporters."""

import base64

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpResponseNotAllowed, QueryDict
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from django.views.decorators.http import require_GET, require_http_methods

from wuye.core import policy
from wuye.core.downloads import file_response
from wuye.core.forms import add_service_errors
from wuye.core.models import Community

from .. import queries
from . import exporters, importers
from .columns import KINDS, Kind
from .forms import ImportForm, ResidentExportForm

ERRORS_SHOWN = 500  # the rest are in the downloadable report


def _community(request, community_id: int) -> Community:
    user = request.user
    if not (
        policy.has_perm(user, "register.import", community_id)
        or policy.has_perm(user, "register.export", community_id)
    ):
        raise PermissionDenied(_("You may not do this."))
    request.session["community_id"] = community_id
    return get_object_or_404(Community, pk=community_id)


def _kind(request) -> tuple[Kind, QueryDict]:
    """The kind of rows asked for, and the remaining parameters as the list's filters.

    Lists filter by a `kind` of their own (a building's or a parking space's), so the
    export's ?kind=parking&kind=visitor names the register kind and keeps the filter.
    """
    params = request.GET.copy()
    kinds = params.getlist("kind")
    slug = next((value for value in kinds if value in KINDS), None)
    if slug is None:
        raise Http404(_("Choose buildings, units, residents, vehicles or parking."))
    kinds.remove(slug)
    if kinds:
        params.setlist("kind", kinds)
    else:
        params.pop("kind")
    return KINDS[slug], params


@login_required
def transfer(request, community_id: int):
    """Templates to download, a workbook to upload, and what the upload did."""
    community = _community(request, community_id)
    can_import = policy.has_perm(request.user, "register.import", community.pk)
    form = ImportForm()
    report = error_file = None
    if request.method == "POST":
        form = ImportForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                report = importers.register_import(
                    actor=request.user,
                    community=community,
                    upload=form.cleaned_data["file"],
                    kind=form.cleaned_data["kind"] or None,
                )
            except importers.ImportRefused as refused:
                for message in refused.messages:
                    form.add_error("file", message)
        if report is not None and not report.ok:
            # Sent inline so that nobody's ID numbers are left on the server.
            error_file = base64.b64encode(exporters.error_workbook(report)).decode()
    return render(
        request,
        "estates/transfer/transfer.html",
        {
            "community": community,
            "kinds": KINDS.values(),
            "can_import": can_import,
            "can_export": policy.has_perm(request.user, "register.export", community.pk),
            "form": form,
            "report": report,
            "errors_shown": report.errors[:ERRORS_SHOWN] if report else [],
            "error_file": error_file,
            "xlsx": exporters.XLSX,
        },
        status=422 if form.errors or (report and not report.ok) else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def export(request, community_id: int):
    """The filtered list of ?kind= as a workbook; the other parameters filter as on the page.

    Residents are exported from a form that asks why, and whether full ID-card numbers are
    needed; the other kinds download at once.
    """
    community = _community(request, community_id)
    kind, filters = _kind(request)
    policy.require_perm(request.user, "register.export", community.pk)
    if kind.slug == "residents":
        return _export_residents(request, community, kind, filters)
    if request.method != "GET":
        return HttpResponseNotAllowed(["GET"])
    return _download(
        *exporters.register_export(
            actor=request.user, community=community, kind=kind, params=filters
        )
    )


def _download(filename: str, content) -> FileResponse:
    response = FileResponse(content, as_attachment=True, filename=filename)
    response["Content-Type"] = exporters.XLSX
    return response


def _export_residents(request, community: Community, kind: Kind, filters: QueryDict):
    may_see_id_numbers = policy.has_perm(request.user, "resident.view_id_number", community.pk)
    form = ResidentExportForm(request.POST or None, may_see_id_numbers=may_see_id_numbers)
    if request.method == "POST" and form.is_valid():
        try:
            return _download(
                *exporters.register_export(
                    actor=request.user,
                    community=community,
                    kind=kind,
                    params=filters,
                    reason=form.cleaned_data["reason"],
                    full_id_numbers=form.cleaned_data.get("full_id_numbers", False),
                )
            )
        except ValidationError as error:
            add_service_errors(form, error)
    return render(
        request,
        "estates/transfer/export_residents.html",
        {
            "community": community,
            "form": form,
            "matching": queries.resident_list(request.user, community.pk, filters).count(),
            "filtered": any(filters.values()),
            "filters": filters.urlencode(),
            "may_see_id_numbers": may_see_id_numbers,
        },
        status=422 if form.errors else 200,
    )


@login_required
@require_GET
def template(request, community_id: int):
    """An empty template of ?kind=, or of every kind with ?kind=all."""
    community = _community(request, community_id)
    if request.GET.get("kind") == "all":
        kinds = list(KINDS.values())
        name = pgettext("file name", "%(community)s-register-template") % {
            "community": community.code
        }
    else:
        kind, _filters = _kind(request)
        kinds = [kind]
        name = pgettext("file name", "%(community)s-%(kind)s-template") % {
            "community": community.code,
            "kind": kind.label,
        }
    return file_response(exporters.register_template(kinds), f"{name}.xlsx", exporters.XLSX)
