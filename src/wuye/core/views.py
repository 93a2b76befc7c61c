import json

from django.contrib.auth.decorators import login_required
from django.db import connection
from django.http import HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from django.views import defaults
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import requires_csrf_token
from django.views.decorators.http import require_GET

from . import audit, policy, spreadsheets
from .forms import AuditSearchForm
from .home import landing_for
from .middleware import is_api
from .models import Community, Role
from .people import display_name
from .web import community_for, paginate


@never_cache
@require_GET
def healthz(request):
    """200 when the database answers, 503 when it does not."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:  # noqa: BLE001 - any database failure means unhealthy
        return JsonResponse({"status": "unavailable"}, status=503)
    return JsonResponse({"status": "ok"})


@login_required
def home(request):
    """Send staff to their role's first page in their community (the community's home page
    when their roles have none), residents to the portal."""
    communities = policy.roles_by_community(request.user)
    if communities:
        if len(communities) == 1:
            community_id = next(iter(communities))
            landing = landing_for(request.user, community_id) or "estates:overview"
            return redirect(landing, community_id=community_id)
        return redirect("communities")
    if policy.is_resident(request.user):
        return redirect("portal:home")
    return render(request, "core/no_access.html", status=403)


@login_required
def communities(request):
    """The communities a staff user reaches (company admins and multi-site managers)."""
    ids = policy.community_ids_with(request.user, "community.view")
    if not ids:
        return render(request, "core/no_access.html", status=403)
    rows = Community.objects.filter(pk__in=ids).select_related("company").order_by("name")
    return render(request, "core/communities.html", {"communities": rows})


def robots(request):
    return HttpResponse("User-agent: *\nDisallow: /\n", content_type="text/plain")


# ---- errors raised outside a view that answers them ------------------------------------
# A client of the API reads JSON whatever went wrong; people get Django's pages.


def page_not_found(request, exception):
    if is_api(request):
        return JsonResponse({"detail": _("Not found."), "errors": {}}, status=404)
    return defaults.page_not_found(request, exception)


@requires_csrf_token
def server_error(request):
    if is_api(request):
        detail = _("Something went wrong on our side; it has been logged. Please try again.")
        return JsonResponse({"detail": detail, "errors": {}}, status=500)
    return defaults.server_error(request)


# ---- the audit log ---------------------------------------------------------------------


def _audit_entries(request, community: Community):
    """The form of the search and the entries it finds (none while the form has errors)."""
    form = AuditSearchForm(request.GET or None)
    entries = audit.entries_visible_to(request.user, community.pk)
    if form.is_bound and not form.is_valid():
        return form, entries.none()
    return form, audit.entry_search(entries, **(form.cleaned_data if form.is_bound else {}))


@login_required
def audit_log(request, community_id: int):
    """Who did what to which record, and when: searchable, paged and exported."""
    community = community_for(request, community_id, "audit.view")
    form, entries = _audit_entries(request, community)
    context = {
        "community": community,
        "form": form,
        "page": paginate(request, entries),
        "all_communities": Role.COMPANY_ADMIN in policy.roles_in(request.user, community.pk),
    }
    return render(request, "core/audit.html", context)


@login_required
def audit_export(request, community_id: int):
    community = community_for(request, community_id, "audit.view")
    form, entries = _audit_entries(request, community)
    header = [
        _("Time"),
        _("Community"),
        _("Person"),
        _("Action"),
        _("Object type"),
        _("Object id"),
        _("Object"),
        _("Changes"),
    ]
    rows = (
        [
            f"{timezone.localtime(e.at):%Y-%m-%d %H:%M:%S}",
            e.community.name if e.community else "",
            display_name(e.actor),
            e.action,
            e.object_type,
            e.object_id,
            e.object_repr,
            json.dumps(e.changes, ensure_ascii=False) if e.changes else "",
        ]
        for e in entries.iterator(chunk_size=2000)
    )
    content = spreadsheets.workbook([(_("Audit log"), header, rows)])
    name = pgettext("file name", "audit-log-%(community)s-%(day)s.xlsx") % {
        "community": community.code,
        "day": f"{timezone.localdate():%Y-%m-%d}",
    }
    return spreadsheets.response(content, name)
