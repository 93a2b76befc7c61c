"""Parcels in the portal: what waits for the resident's homes, each with its pick-up code
large enough to show at the desk, and the parcels picked up or returned before."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from wuye.core.web import paginate

from . import queries
from .models import WAITING


@login_required
def parcels(request):
    mine = queries.for_list(queries.parcels_for_residents(request.user))
    context = {
        "waiting": list(queries.waiting(mine).order_by("received_at", "pk")),
        "page": paginate(request, mine.exclude(status__in=WAITING).order_by("-received_at", "-pk")),
    }
    return render(request, "security/parcels/portal.html", context)
