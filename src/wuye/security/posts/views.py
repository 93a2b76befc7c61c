"""The post board: every security post now, or at a chosen day and shift, with who stands it
and its gaps."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils import timezone

from wuye.core import policy
from wuye.core.web import community_for

from . import queries
from .forms import MomentForm
from .home import my_post


@login_required
def post_board(request, community_id: int):
    community = community_for(request, community_id, "post.board")
    at = timezone.now()
    chosen = None
    if "date" in request.GET or "shift" in request.GET:
        form = MomentForm(request.GET, community_id=community.pk)
        if form.is_valid():
            chosen = form.cleaned_data["shift"]
            at = queries.moment_of(chosen, form.cleaned_data["date"])
    else:
        shifts = queries.covering_shifts(community.pk, at)
        initial = {"date": timezone.localdate()}
        if shifts:
            initial["shift"] = shifts[0].pk
        form = MomentForm(initial=initial, community_id=community.pk)
    # the posts not kept at this moment last, out of the way of those that are
    rows = sorted(queries.board(community, at), key=lambda row: row.status == "off")
    return render(
        request,
        "security/posts/board.html",
        {
            "community": community,
            "form": form,
            "at": at,
            "now": chosen is None,
            "chosen": chosen,
            "rows": rows,
            "gaps": sum(1 for row in rows if row.gaps),
            "mine": my_post(request, community)
            if policy.has_perm(request.user, "post.mine", community.pk)
            else None,
        },
    )
