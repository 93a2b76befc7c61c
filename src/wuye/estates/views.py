"""Staff pages of the register."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, render

from wuye.core import policy
from wuye.core.models import Community

from . import queries


def _community(request, community_id: int, perm: str) -> Community:
    policy.require_perm(request.user, perm, community_id)
    request.session["community_id"] = community_id
    return get_object_or_404(Community.objects.select_related("standard"), pk=community_id)


@login_required
def overview(request, community_id: int):
    community = _community(request, community_id, "community.view")
    counts = queries.community_counts(community)
    return render(request, "estates/overview.html", {"community": community, "counts": counts})


@login_required
def search(request, community_id: int):
    community = _community(request, community_id, "register.view")
    q = request.GET.get("q", "")
    results = queries.search(request.user, community.pk, q)
    return render(
        request,
        "estates/search.html",
        {"community": community, "search_query": q, "results": results},
    )


@login_required
def buildings(request, community_id: int):
    community = _community(request, community_id, "register.view")
    rows = queries.buildings_visible_to(request.user, community.pk)
    return render(request, "estates/buildings.html", {"community": community, "buildings": rows})


@login_required
def residents(request, community_id: int):
    community = _community(request, community_id, "resident.view")
    return render(request, "estates/buildings.html", {"community": community})


@login_required
def vehicles(request, community_id: int):
    community = _community(request, community_id, "register.view")
    return render(request, "estates/buildings.html", {"community": community})


@login_required
def parking(request, community_id: int):
    community = _community(request, community_id, "register.view")
    return render(request, "estates/buildings.html", {"community": community})


@login_required
def transfer(request, community_id: int):
    community = _community(request, community_id, "register.import")
    return render(request, "estates/buildings.html", {"community": community})
