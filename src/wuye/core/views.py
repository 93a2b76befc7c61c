from django.contrib.auth.decorators import login_required
from django.db import connection
from django.http import HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from . import policy
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
