"""Staff pages of owners' votes: the list, putting a question, the live tally, paper ballots.

Every page asks the policy for the community in its URL (403 otherwise); a vote of another
community is a 404.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from wuye.core import policy
from wuye.core.forms import add_service_errors
from wuye.core.web import community_for, paginate, run_service

from ..models import VoteStatus
from ..owners import home_by_label
from . import queries, services, tally
from .forms import PaperBallotForm, VoteForm


def tally_rows(result: tally.Tally) -> dict:
    """Each threshold of a tally as a bar: the share reached, the bar to reach, met or not."""

    def row(test: tally.Threshold, label: str) -> dict:
        return {
            "label": label,
            "part": test.part,
            "whole": test.whole,
            "share": tally.percent(test.share),
            "width": tally.percent(min(test.share, 1)).removesuffix("%"),
            "bar": tally.percent(test.bar).removesuffix("%"),
            "bar_text": tally.bar_text(test),
            "met": test.met,
            "is_area": test.name.endswith("area"),
        }

    quorum_area, quorum_owners = result.quorum
    for_area, for_owners = result.approval
    return {
        "quorum": [
            row(quorum_area, _("Participation by area")),
            row(quorum_owners, _("Participation by owners")),
        ],
        "approval": [
            row(for_area, _("Agreement by area")),
            row(for_owners, _("Agreement by owners")),
        ],
    }


def _vote(request, community_id: int, pk: int):
    community = community_for(request, community_id, "vote.view")
    vote = get_object_or_404(queries.votes_visible_to(request.user, community.pk), pk=pk)
    return community, vote


@login_required
def vote_list(request, community_id: int):
    community = community_for(request, community_id, "vote.view")
    page = paginate(request, queries.votes_visible_to(request.user, community.pk))
    return render(
        request,
        "engagement/votes/votes.html",
        {
            "community": community,
            "page": page,
            "can_manage": policy.has_perm(request.user, "vote.manage", community.pk),
        },
    )


@login_required
def vote_new(request, community_id: int):
    community = community_for(request, community_id, "vote.manage")
    form = VoteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            vote = services.vote_create(
                actor=request.user, community=community, data=form.cleaned_data
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The vote has been put to the owners."))
            return redirect("engagement:vote", community.pk, vote.pk)
    return render(
        request,
        "core/form.html",
        {
            "community": community,
            "form": form,
            "title": _("New owners' vote"),
            "back_url": reverse("engagement:votes", args=[community.pk]),
        },
    )


@login_required
def vote_detail(request, community_id: int, pk: int):
    community, vote = _vote(request, community_id, pk)
    context = {}
    if queries.has_result(vote):
        result = queries.vote_tally(vote)
        context = {
            "result": result,
            "rows": tally_rows(result),
            "explanation": tally.explain(result),
        }
    history = paginate(request, queries.ballot_history(vote))
    return render(
        request,
        "engagement/votes/vote.html",
        {
            **context,
            "community": community,
            "vote": vote,
            "history": history,
            "paper_form": PaperBallotForm(),
            "can_record": vote.status == VoteStatus.OPEN
            and policy.has_perm(request.user, "vote.record_ballot", community.pk),
            "can_manage": policy.has_perm(request.user, "vote.manage", community.pk),
        },
    )


@login_required
@require_POST
def paper_ballot(request, community_id: int, pk: int):
    community, vote = _vote(request, community_id, pk)
    form = PaperBallotForm(request.POST)
    if form.is_valid():
        unit = home_by_label(community.pk, form.cleaned_data["home"])
        if unit is None:
            form.add_error("home", _("No home of this community has that number."))
        else:
            try:
                services.ballot_cast(
                    actor=request.user, vote=vote, unit=unit, choice=form.cleaned_data["choice"]
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(
                    request, _("Paper ballot recorded for %(home)s.") % {"home": unit.label}
                )
                return redirect("engagement:vote", community.pk, vote.pk)
    for errors in form.errors.values():
        for error in errors:
            messages.error(request, error)
    return redirect("engagement:vote", community.pk, vote.pk)


@login_required
@require_POST
def vote_open(request, community_id: int, pk: int):
    community, vote = _vote(request, community_id, pk)
    return run_service(
        request,
        lambda: services.vote_open(actor=request.user, vote=vote),
        success=_("Voting is open."),
        then=redirect("engagement:vote", community.pk, vote.pk),
    )


@login_required
@require_POST
def vote_close(request, community_id: int, pk: int):
    community, vote = _vote(request, community_id, pk)
    return run_service(
        request,
        lambda: services.vote_close(actor=request.user, vote=vote),
        success=_("Voting is closed; the result is final."),
        then=redirect("engagement:vote", community.pk, vote.pk),
    )
