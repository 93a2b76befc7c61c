from django.contrib.auth.decorators import login_required
from django.db import connection
from django.http import HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views import defaults
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import requires_csrf_token
from django.views.decorators.http import require_GET

from . import policy
from .middleware import is_api
from .models import Community


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
    """Send staff to their community, residents to the portal."""
    communities = policy.roles_by_community(request.user)
    if communities:
        if len(communities) == 1:
            return redirect("estates:overview", community_id=next(iter(communities)))
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
