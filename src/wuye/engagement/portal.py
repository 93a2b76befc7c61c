"""The residents' side in the portal: notices for their homes, and owners' votes.

An owner sees the votes of the communities where they own a home and votes for each home they
own; the result shows once voting has closed. Every resident reads the notices published to
their community or their building; opening one leaves a read receipt.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from wuye.core.web import error_message, paginate

from . import queries, services, tally
from .forms import OwnerBallotForm
from .models import Choice, VoteStatus
from .notice_views import attachment_response, pdf_response
from .views import tally_rows


@login_required
def vote_list(request):
    votes = list(
        queries.votes_visible_to(request.user).filter(
            community_id__in=queries.owned_community_ids(request.user)
        )
    )
    return render(request, "engagement/portal_votes.html", {"votes": votes})


@login_required
def vote_detail(request, pk: int):
    user = request.user
    vote = get_object_or_404(
        queries.votes_visible_to(user).filter(community_id__in=queries.owned_community_ids(user)),
        pk=pk,
    )
    homes = queries.owner_homes(user, vote)
    if request.method == "POST":
        unit = next(
            (h["unit"] for h in homes if str(h["unit"].pk) == request.POST.get("unit")), None
        )
        form = OwnerBallotForm(request.POST)
        if unit is None:
            raise PermissionDenied(_("Only an owner of this home may vote for it."))
        if form.is_valid():
            try:
                services.ballot_cast(
                    actor=user, vote=vote, unit=unit, choice=form.cleaned_data["choice"]
                )
            except ValidationError as error:
                error_message(request, error)
            else:
                messages.success(
                    request, _("Your ballot for %(home)s has been recorded.") % {"home": unit.label}
                )
        else:
            messages.error(request, _("Choose for, against or abstain."))
        return redirect("engagement_portal:vote", vote.pk)
    context = {
        "vote": vote,
        "homes": homes,
        "choices": Choice.choices,
        "is_open": vote.status == VoteStatus.OPEN,
    }
    if vote.status == VoteStatus.CLOSED:
        result = queries.vote_tally(vote)
        context.update(result=result, rows=tally_rows(result), explanation=tally.explain(result))
    return render(request, "engagement/portal_vote.html", context)


# ---- notices -------------------------------------------------------------------------------


def _resident_notice(request, pk: int):
    notices = queries.with_reads(queries.notices_readable_by_residents(request.user), request.user)
    return get_object_or_404(notices.select_related("community"), pk=pk)


@login_required
def notice_list(request):
    notices = queries.pinned_first(
        queries.with_reads(queries.notices_for_residents(request.user), request.user)
    ).select_related("community")
    page = paginate(request, notices)
    return render(request, "engagement/portal_notices.html", {"page": page})


@login_required
def notice_archive(request):
    """Notices that have expired, newest first: rules and arrangements stay readable."""
    notices = queries.with_reads(
        queries.past_notices_for_residents(request.user), request.user
    ).select_related("community")
    page = paginate(request, notices)
    return render(request, "engagement/portal_notice_archive.html", {"page": page})


@login_required
def notice_detail(request, pk: int):
    notice = _resident_notice(request, pk)
    services.notice_mark_read(user=request.user, notice=notice)
    return render(
        request,
        "engagement/portal_notice.html",
        {"notice": notice, "attachments": list(notice.attachments.all())},
    )


@login_required
def notice_print(request, pk: int):
    return pdf_response(_resident_notice(request, pk))


@login_required
def notice_attachment(request, pk: int, attachment_pk: int):
    notice = _resident_notice(request, pk)
    return attachment_response(get_object_or_404(notice.attachments, pk=attachment_pk))
